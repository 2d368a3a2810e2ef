"""Prints: cold start, Ctrl+Q to the end of the process, intake keystrokes, queue board render time
with 500 waiting visits, the follow-up list with 10,000 open follow-ups, memory and a leak test."""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import (
    ROOT,
    acute,
    board,
    call_next,
    follow_ups,
    handouts,
    keys,
    live,
    memory,
    print_kit,
    quitting,
    startup,
    summaries,
)
from forms.intake import IntakeForm
from forms.profile import load_profile
from forms.settings import Settings
from forms.staff import NewStaff
from storage.pins import N, P, R
from storage.services import open_services


def prepare(home: Path, waiting: int = 0, settings: Settings | None = None, history_days: int = 0) -> None:
    """The bench worker, `history_days` of the demo's visits before now (at every site, through the
    desk's own steps: today's live queue too), then `waiting` anonymous walk-ins, in `home` (or the
    database `settings` name)."""
    from storage import demo

    profile = load_profile()
    services = open_services((settings or Settings(home=home)).database_url, profile)
    member = services.staff.add(NewStaff(username="bench", display_name="Bench Worker",
                                         job_title="Koordinaattori", pin="4826", pin_again="4826"))
    if history_days:
        demo.fill(services, profile, history_days, services.clock())
    for _ in range(waiting):
        services.desk.admit(IntakeForm(), member.id)
    services.close()


async def keystrokes_and_board() -> tuple[int, int, float, float]:
    from tests.tui.helpers import settle, sign_in
    from tui.app import WalkinApp

    with tempfile.TemporaryDirectory() as home:
        prepare(Path(home))
        settings = Settings(home=Path(home))
        app = WalkinApp(settings)
        async with app.run_test(size=(120, 36)) as pilot:
            await sign_in(pilot, "bench")
            intake = ["n", "enter"]
            for key in intake:
                await pilot.press(key)
                await settle(pilot)
            assert len(app.services.desk.snapshot().entries) == 1, (app.screen, app.screen_stack)
            triage = ["n", "n", "n", "enter", "n", "n", "enter", "enter"]
            await pilot.press(*triage)
            await settle(pilot)
            assert app.services.desk.visit(1).entry.triaged

    whole, change, _read, _cpu = await board.read_and_drawn()
    return len(intake), len(triage), whole, change


def sign_in_ms(runs: int = 20) -> float:
    """One sign-in through the store: the account read, the PIN checked, the desk session written."""
    with tempfile.TemporaryDirectory() as home:
        prepare(Path(home))
        services = open_services(Settings(home=Path(home)).database_url, load_profile())
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            services.staff.sign_in("bench", "4826", "bench")
            times.append((time.perf_counter() - started) * 1000)
        services.close()
    return statistics.median(times)


def main() -> None:
    # Every desk the bench starts (in this process and the ones it spawns) is at the example
    # profile's first site: with two sites and none set, the first start would ask.
    os.environ.setdefault("WALKIN_SITE", load_profile().first_site)
    no_bytecode = os.environ.get("PYTHONDONTWRITEBYTECODE", "")
    print(f"walkin-desk benchmarks (this machine; PYTHONDONTWRITEBYTECODE={no_bytecode})")
    for line in startup.paired():
        print(f"  {line}", flush=True)
    for line in quitting.run():
        print(f"  quit: {line}", flush=True)
    intake, triage, whole, change = asyncio.run(keystrokes_and_board())
    print(f"  keystrokes from the desk to a queued anonymous walk-in: {intake}")
    print(f"  further keystrokes for the default triage answered all 'no': {triage}")
    print(f"  queue board with 500 waiting visits, read and drawn, median of 10: {whole:.0f} ms")
    print(f"  the same board after one change (a walk-in joins, or a call), read and drawn, "
          f"median of 10: {change:.0f} ms (to the frame drawn: bench/board.py)")
    read, drawn, rows = asyncio.run(follow_ups.read_and_drawn())
    print(f"  follow-up list with {follow_ups.OPEN:,} open follow-ups, median of 10: read {read:.0f} ms, "
          f"read and drawn ({rows} rows drawn, the rest as the cursor comes near) {drawn:.0f} ms")
    print(f"  one sign-in, PIN checked with scrypt (n=2^{N.bit_length() - 1}, r={R}, p={P}, "
          f"{128 * N * R // 2**20} MiB), median of 20: {sign_in_ms():.0f} ms")
    for name, ms in handouts.warm().items():
        print(f"  handout, warm, median of 100: {name}: {ms:.1f} ms")
    first = subprocess.run([sys.executable, "-m", "bench.handouts", "memo"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.strip()
    print(f"  first handout (memo) in a fresh process, imports included: {float(first):.0f} ms")
    print(f"  p, the kit (3 handouts) to the last notice, private CUPS with a PDF printer: {print_kit.line()}",
          flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for line in live.pace(f"sqlite:///{folder}/load.db"):
            print(f"  several desks, SQLite: {line}", flush=True)
        print(f"  several desks, SQLite: {live.propagation(f'sqlite:///{folder}/live.db')}", flush=True)
        print(f"  several desks, SQLite: {acute.propagation(f'sqlite:///{folder}/acute.db')}", flush=True)
    postgres = os.environ.get("WALKIN_BENCH_POSTGRES_URL")
    if postgres:
        summaries.empty_postgres(postgres)
        for line in live.pace(postgres):
            print(f"  several desks, PostgreSQL: {line}", flush=True)
        summaries.empty_postgres(postgres)
        for line in live.pace(postgres, desks=16, seconds=60.0, sites=4):
            print(f"  a county, PostgreSQL: {line}", flush=True)
        # the same call on its own: its cost, apart from the county's wait for a core
        summaries.empty_postgres(postgres)
        for line in call_next.measure(postgres):
            print(f"  a county, PostgreSQL: {line}", flush=True)
        summaries.empty_postgres(postgres)
        print(f"  several desks, PostgreSQL: {live.propagation(postgres)}", flush=True)
        summaries.empty_postgres(postgres)
        print(f"  several desks, PostgreSQL: {acute.propagation(postgres)}", flush=True)
    print(f"  key latency, {keys.HISTORY_DAYS} days of history and {keys.WAITING} waiting, "
          f"each key {keys.ROUNDS} times, to a settled screen:")
    for line in keys.table(asyncio.run(keys.latencies())):
        print(f"    SQLite      {line}", flush=True)
    if postgres:
        summaries.empty_postgres(postgres)
        for line in keys.table(asyncio.run(keys.latencies(postgres))):
            print(f"    PostgreSQL  {line}", flush=True)
    for line in memory.run():
        print(f"  memory: {line}", flush=True)
    summaries_part(postgres)
    if not postgres:
        print("  acute alert, PostgreSQL: skipped; WALKIN_BENCH_POSTGRES_URL names a database to EMPTY and fill")


def summaries_part(postgres: str | None, sqlite: bool = True) -> None:
    """The summaries over a million visits (bench/summaries.py), on SQLite and PostgreSQL."""
    if sqlite:
        with tempfile.TemporaryDirectory() as folder:
            for line in summaries.run(f"sqlite:///{folder}/bench.db"):
                print(f"  summaries, SQLite: {line}", flush=True)
    if postgres:
        summaries.empty_postgres(postgres)
        for line in summaries.run(postgres):
            print(f"  summaries, PostgreSQL: {line}", flush=True)
    else:
        print("  summaries, PostgreSQL: skipped; WALKIN_BENCH_POSTGRES_URL names a database to EMPTY and fill")


if __name__ == "__main__":
    # `python -m bench summaries [sqlite|postgresql]`: that part alone (with WALKIN_BENCH_KEEP, on
    # a kept fill: see bench/summaries.py)
    if sys.argv[1:2] == ["summaries"]:
        only = sys.argv[2:3]
        summaries_part(os.environ.get("WALKIN_BENCH_POSTGRES_URL") if only != ["sqlite"] else None,
                       sqlite=only != ["postgresql"])
    else:
        main()
