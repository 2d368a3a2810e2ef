"""One "call next" on its own, the other desks idle: its statements (round trips to the server),
its wall time from the first statement to the commit, and the CPU time this process spends on it
(what 16 desk processes on 2 cores queue for). Beside `live.pace`, it separates the call's own
cost from the wait for a core.

Run alone: `python -m bench.call_next URL` (a database it may fill)."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Iterator

from sqlalchemy import event

from bench.load import county
from forms.intake import IntakeForm
from forms.staff import NewStaff
from storage.services import open_services

CALLS = 200


def measure(url: str, calls: int = CALLS, waiting: int = 60) -> Iterator[str]:
    """`calls` call nexts by one signed-in worker at a site with `waiting` visits queued (topped up
    between calls, outside the timing); the medians and 95th percentiles."""
    services = open_services(url, county(4), workstation="probe", site="site_1")
    statements: list[str] = []

    @event.listens_for(services.db.engine, "before_cursor_execute")
    def _count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement.split(None, 1)[0])

    try:
        staff_id = services.staff.add(NewStaff(username="probe", display_name="Probe", job_title="x",
                                               pin="4826", pin_again="4826")).id
        services.staff.sign_in("probe", "4826", "probe")
        for _ in range(waiting):
            services.desk.admit(IntakeForm(), staff_id)
        walls, cpus, counts = [], [], []
        for _ in range(calls):
            statements.clear()
            cpu, wall = time.process_time(), time.perf_counter()
            called = services.desk.call_next(staff_id)
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
            counts.append(len(statements))
            assert called is not None
            kinds = list(statements)
            services.desk.admit(IntakeForm(), staff_id)
    finally:
        services.close()
    yield (f"call next alone (other desks idle), {calls} calls: wall median {statistics.median(walls):.1f} ms, "
           f"p95 {_p95(walls):.1f} ms; this process's CPU median {statistics.median(cpus):.1f} ms, "
           f"p95 {_p95(cpus):.1f} ms; {statistics.median(counts):.0f} statements ({' '.join(kinds)})")


def _p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * (len(values) - 1))]


if __name__ == "__main__":
    for line in measure(sys.argv[1]):
        print(line)
