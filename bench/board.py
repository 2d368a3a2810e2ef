"""The queue board with 500 waiting visits: read and drawn from scratch, and again after one change
(a walk-in joins, or a call), as `make bench` prints it; alone: python -m bench.board [profile]."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bench.settled import drawn
from forms.intake import IntakeForm
from forms.settings import Settings

WAITING = 500
ROUNDS = 10


async def read_and_drawn(profile: bool = False, rounds: int = ROUNDS,
                        by_kind: dict[str, list[tuple[float, float, float]]] | None = None,
                        ) -> tuple[float, float, float, float]:
    """Medians in ms of `rounds`: the board read and drawn from scratch; after one change, read and
    drawn; of that, the read alone; and the CPU time of the change (all threads). `by_kind` gets
    each change's wall, CPU and the board's own CPU (its show and draw, without the read) under
    "walk-in" and "call"."""
    from bench.__main__ import prepare
    from tests.tui.helpers import sign_in
    from tui.app import WalkinApp
    from tui.widgets import QueueBoard

    with tempfile.TemporaryDirectory() as home:
        prepare(Path(home), waiting=WAITING)
        app = WalkinApp(Settings(home=Path(home)))
        async with app.run_test(size=(120, 36)) as pilot:
            await sign_in(pilot, "bench")
            board = app.screen.query_one(QueueBoard)
            desk = app.services.desk
            times = []
            for _ in range(ROUNDS):
                board.clear()
                board._keys = []
                started = time.perf_counter()
                board.show(desk.snapshot(whole=True), app.clock())
                await drawn(pilot)
                times.append((time.perf_counter() - started) * 1000)
            assert board.row_count == WAITING
            # A change as the desk sees it all day: a walk-in joins, or a call changes the first row.
            member = app.worker_on_duty
            assert member is not None
            changed, reads, cpus = [], [], []
            profiler = None
            if profile:
                import cProfile

                profiler = cProfile.Profile()
            for n in range(rounds):
                kind = "call" if n % 2 else "walk-in"
                if n % 2:
                    desk.call_next(member.id)
                else:
                    desk.admit(IntakeForm(), member.id)
                if profiler:
                    profiler.enable()
                started, cpu = time.perf_counter(), time.process_time()
                snapshot = desk.snapshot()
                reads.append((time.perf_counter() - started) * 1000)
                read_cpu = time.process_time()
                board.show(snapshot, app.clock())
                await drawn(pilot)
                changed.append((time.perf_counter() - started) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
                if by_kind is not None:
                    by_kind.setdefault(kind, []).append(
                        (changed[-1], cpus[-1], (time.process_time() - read_cpu) * 1000))
                if profiler:
                    profiler.disable()
                await pilot.pause()  # the desk's own read of the change (it follows the database) is over
            assert board.row_count == WAITING + (rounds + 1) // 2
            if profiler:
                import pstats

                pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    return statistics.median(times), statistics.median(changed), statistics.median(reads), statistics.median(cpus)


if __name__ == "__main__":
    import asyncio
    import os
    import sys

    from forms.profile import load_profile

    os.environ.setdefault("WALKIN_SITE", load_profile().first_site)
    kinds: dict[str, list[tuple[float, float, float]]] = {}
    rounds = 4 * ROUNDS
    whole, change, read, cpu = asyncio.run(read_and_drawn("profile" in sys.argv[1:], rounds, kinds))
    print(f"queue board with {WAITING} waiting visits, read and drawn, median of {ROUNDS}: {whole:.0f} ms")
    print(f"the same board after one change (a walk-in joins, or a call), read and drawn, median of {rounds}: "
          f"{change:.0f} ms (the read {read:.1f} ms; CPU {cpu:.0f} ms)")
    for kind, figures in kinds.items():
        wall, cpu, board_cpu = (statistics.median(f[i] for f in figures) for i in range(3))
        print(f"  {kind}: {wall:.0f} ms wall, CPU {cpu:.0f} ms, "
              f"of which the board (shown and drawn) {board_cpu:.0f} ms")
