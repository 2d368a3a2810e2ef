"""Key latency: the real desk under Pilot, 500 clients waiting, each desk action pressed 20 times and
timed from the key to a settled screen (its database work done and drawn, nothing pending but the
queue's own watcher): a median and a 95th percentile per key, on SQLite or PostgreSQL."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from forms.settings import DatabaseSettings, Settings

ROUNDS = 20
WAITING = 500

# (label, keys pressed untimed first, the key timed, keys untimed after) in the order of a desk's day.
CYCLE: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("n  new walk-in", (), "n"),
    ("Enter  queue it", (), "enter"),
    ("n  one triage answer", (), "n"),
    ("F2  save the triage", (), "f2"),
    ("c  call next", (), "c"),
    ("s  start", (), "s"),
    ("f  finish form", (), "f"),
    ("F2  finish (to its question)", (), "f2"),
    ("Enter  yes, nothing recorded", (), "enter"),
    ("o  feedback given: finished", (), "o"),
    ("n  no memo now: the desk", (), "n"),
    ("y  summary", (), "y"),
    ("Esc  back to the desk", (), "escape"),
    ("x  sign out (the last: the day's summary)", (), "x"),
    ("Esc  to the sign-in", (), "escape"),
    ("Enter  sign in (PIN checked)", ("b", "e", "n", "c", "h", "enter", "4", "8", "2", "6"), "enter"),
    ("Ctrl+L  lock", (), "ctrl+l"),
    ("Enter  unlock (PIN checked)", ("4", "8", "2", "6"), "enter"),
)


async def _timed(pilot: Pilot[None], key: str, settle: Callable[[Pilot[None]], Awaitable[None]]) -> float:
    started = time.perf_counter()
    await pilot.press(key)
    await settle(pilot)
    return (time.perf_counter() - started) * 1000


async def latencies(database_url: str | None = None) -> dict[str, list[float]]:
    """Milliseconds per key label, ROUNDS each; `database_url`: PostgreSQL (emptied first by the
    caller), else SQLite in a temporary data folder."""
    from bench.__main__ import prepare
    from tests.tui.helpers import settle, sign_in
    from tui.app import WalkinApp

    times: dict[str, list[float]] = {label: [] for label, _before, _key in CYCLE}
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home), site="keskusta", database=DatabaseSettings(url=database_url))
        prepare(Path(home), waiting=WAITING, settings=settings)
        app = WalkinApp(settings)
        async with app.run_test(size=(120, 36)) as pilot:
            await sign_in(pilot, "bench")
            for _ in range(ROUNDS):
                for label, before, key in CYCLE:
                    if before:
                        await pilot.press(*before)
                        await settle(pilot)
                    times[label].append(await _timed(pilot, key, settle))
            assert app.worker_on_duty is not None, "the cycle did not end signed in at the desk"
    return times


def table(times: dict[str, list[float]]) -> list[str]:
    lines = []
    for label, values in times.items():
        ordered = sorted(values)
        p95 = ordered[round(0.95 * (len(ordered) - 1))]
        lines.append(f"{label:<42} median {statistics.median(ordered):6.0f} ms   p95 {p95:6.0f} ms")
    return lines
