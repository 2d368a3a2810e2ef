"""Key latency: the real desk under Pilot, 500 clients waiting, each desk action pressed 20 times and
timed from the key to a settled screen (its database work done and drawn, nothing pending but the
queue's own watcher): a median and a 95th percentile per key, on SQLite or PostgreSQL."""

from __future__ import annotations

import os
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


async def _timed(pilot: Pilot[None], key: str,
                 settle: Callable[[Pilot[None]], Awaitable[None]]) -> tuple[float, float, float]:
    """Milliseconds from the key to the screen answering (the key handled and every widget idle:
    the next key can be typed), to the settled screen (its database work done and drawn), and the
    CPU time of the process to the settled screen, all its threads (on a shared machine the wall
    clock also counts the other programs)."""
    started, cpu = time.perf_counter(), time.process_time()
    await pilot.press(key)
    answered = time.perf_counter()
    await settle(pilot)
    return (answered - started) * 1000, (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


async def latencies(database_url: str | None = None) -> dict[str, list[tuple[float, float, float]]]:
    """(answered, settled, CPU) milliseconds per key label, ROUNDS each; `database_url`: PostgreSQL
    (emptied first by the caller), else SQLite in a temporary data folder."""
    from bench.__main__ import prepare
    from tests.tui.helpers import settle, sign_in
    from tui.app import WalkinApp

    times: dict[str, list[tuple[float, float, float]]] = {label: [] for label, _before, _key in CYCLE}
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


def table(times: dict[str, list[tuple[float, float, float]]]) -> list[str]:
    """Per key: settled median and p95 (the goal's figures), then answered and CPU time."""
    lines = []
    for label, values in times.items():
        answered, settled, cpu = (sorted(column) for column in zip(*values, strict=True))
        p95 = round(0.95 * (len(settled) - 1))
        lines.append(f"{label:<42} median {statistics.median(settled):6.0f} ms   p95 {settled[p95]:6.0f} ms   "
                     f"answered {statistics.median(answered):5.0f} / {answered[p95]:5.0f}   "
                     f"CPU {statistics.median(cpu):5.0f} / {cpu[p95]:5.0f}")
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    return [*lines, f"{'(load average over 1, 5 and 15 minutes at the end: ' + load + ')':<42}"]


if __name__ == "__main__":  # this table alone: python -m bench.keys [rounds]
    import asyncio
    import sys

    from forms.profile import load_profile

    os.environ.setdefault("WALKIN_SITE", load_profile().first_site)
    ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS
    for line in table(asyncio.run(latencies())):
        print(f"SQLite      {line}", flush=True)
    if postgres := os.environ.get("WALKIN_BENCH_POSTGRES_URL"):
        from bench.summaries import empty_postgres

        empty_postgres(postgres)
        for line in table(asyncio.run(latencies(postgres))):
            print(f"PostgreSQL  {line}", flush=True)
