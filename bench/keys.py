"""Key latency: the real desk under Pilot, a year of visits behind it and 500 clients waiting today,
each desk action pressed 20 times and timed from the key to a settled screen (its database work
done and drawn, nothing pending but the queue's own watcher): a median and a 95th percentile per
key, on SQLite or PostgreSQL. Each timed key comes a worker's glance after the screen before it
settled, as at a desk: what the desk does between keys (tui.heap) is not in the next key's time."""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from textual.pilot import Pilot

from bench.settled import answered, press, settled
from forms.settings import DatabaseSettings, Settings

ROUNDS = 20
PAUSE_SECONDS = 0.25
"""From a settled screen to the next timed key: a glance at what the key brought (a practised
worker's keys come 100 ms apart within a word, more between steps)."""
WAITING = 500
HISTORY_DAYS = 365
"""The demo's year (about 3,400 visits at the profile's sites, with follow-ups and contacts): the
day's summary, the follow-up counters and the visit reads run over it, as at a desk in use."""

# (label, keys pressed untimed first, the key timed, the screen it lands on) in the order of a desk's day.
CYCLE: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("n  new walk-in", (), "n", "IntakeScreen"),
    ("Enter  queue it", (), "enter", "TriageScreen"),
    ("n  one triage answer", (), "n", "TriageScreen"),
    ("F2  save the triage", (), "f2", "DeskScreen"),
    ("c  call next", (), "c", "VisitScreen"),
    ("s  start", (), "s", "VisitScreen"),
    ("f  finish form", (), "f", "FinishDialog"),
    ("F2  finish (to its question)", (), "f2", "ConfirmDialog"),
    ("Enter  yes, nothing recorded", (), "enter", "FeedbackReminder"),
    ("o  feedback given: finished", (), "o", "MemoNow"),
    ("n  no memo now: the desk", (), "n", "DeskScreen"),
    ("y  summary", (), "y", "SummaryScreen"),
    ("Esc  back to the desk", (), "escape", "DeskScreen"),
    ("x  sign out (the last: the day's summary)", (), "x", "SummaryScreen"),
    ("Esc  to the sign-in", (), "escape", "SignInScreen"),
    ("Enter  sign in (PIN checked)", ("b", "e", "n", "c", "h", "enter", "4", "8", "2", "6"), "enter", "DeskScreen"),
    ("Ctrl+L  lock", (), "ctrl+l", "LockScreen"),
    ("Enter  unlock (PIN checked)", ("4", "8", "2", "6"), "enter", "DeskScreen"),
)


async def _timed(pilot: Pilot[None], key: str) -> tuple[float, float, float]:
    """Milliseconds from the key to the screen answering (the key handled: the key gate lets the
    next key through), to the settled screen (its database work done and drawn), and the CPU time
    of the process to the settled screen, all its threads (on a shared machine the wall clock also
    counts the other programs)."""
    started, cpu = time.perf_counter(), time.process_time()
    press(pilot, key)
    await answered(pilot)
    answered_at = time.perf_counter()
    await settled(pilot)
    return ((answered_at - started) * 1000, (time.perf_counter() - started) * 1000,
            (time.process_time() - cpu) * 1000)


async def latencies(database_url: str | None = None, profile: str = "",
                    ) -> dict[str, list[tuple[float, float, float]]]:
    """(answered, settled, CPU) milliseconds per key label, ROUNDS each; `database_url`: PostgreSQL
    (emptied first by the caller), else SQLite in a temporary data folder. `profile`: the keys
    whose label starts with it are profiled (the app's thread: a worker's own work is not in it)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    from bench.__main__ import prepare
    from tests.tui.helpers import sign_in
    from tui.app import WalkinApp

    times: dict[str, list[tuple[float, float, float]]] = {label: [] for label, *_rest in CYCLE}
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home), site="keskusta", database=DatabaseSettings(url=database_url))
        prepare(Path(home), waiting=WAITING, settings=settings, history_days=HISTORY_DAYS)
        app = WalkinApp(settings)
        async with app.run_test(size=(120, 36)) as pilot:
            await sign_in(pilot, "bench")
            for _ in range(ROUNDS):
                for label, before, key, lands in CYCLE:
                    for untimed in before:
                        press(pilot, untimed)
                        await settled(pilot)
                    if profile and label.startswith(profile):
                        profiler.enable()
                    times[label].append(await _timed(pilot, key))
                    profiler.disable()
                    # A settled check that returned early would leave the key's screen still to come.
                    assert type(app.screen).__name__ == lands, (label, app.screen, app.screen_stack)
                    if lands == "SummaryScreen":  # its figures are read in a worker: they are shown
                        assert getattr(app.screen, "summary", None) is not None, label
                    await asyncio.sleep(PAUSE_SECONDS)
            assert app.worker_on_duty is not None, "the cycle did not end signed in at the desk"
    if profile:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
    return times


def table(times: dict[str, list[tuple[float, float, float]]]) -> list[str]:
    """Per key: settled median and p95 (the goal's figures), then answered and CPU time."""
    lines = []
    for label, values in times.items():
        answers, settles, cpu = (sorted(column) for column in zip(*values, strict=True))
        p95 = round(0.95 * (len(settles) - 1))
        lines.append(f"{label:<42} median {statistics.median(settles):6.0f} ms   p95 {settles[p95]:6.0f} ms   "
                     f"answered {statistics.median(answers):5.0f} / {answers[p95]:5.0f}   "
                     f"CPU {statistics.median(cpu):5.0f} / {cpu[p95]:5.0f}")
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    return [*lines, f"{'(load average over 1, 5 and 15 minutes at the end: ' + load + ')':<42}"]


if __name__ == "__main__":  # this table alone: python -m bench.keys [rounds] [profile LABEL-START]
    import sys

    from forms.profile import load_profile

    os.environ.setdefault("WALKIN_SITE", load_profile().first_site)
    ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS
    profiled = sys.argv[3] if sys.argv[2:3] == ["profile"] else ""
    for line in table(asyncio.run(latencies(profile=profiled))):
        print(f"SQLite      {line}", flush=True)
    if postgres := os.environ.get("WALKIN_BENCH_POSTGRES_URL"):
        from bench.summaries import empty_postgres

        empty_postgres(postgres)
        for line in table(asyncio.run(latencies(postgres))):
            print(f"PostgreSQL  {line}", flush=True)
