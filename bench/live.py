"""Several desks on one database: the pace 8 desk processes sustain, the 95th percentile of
"call next" among them, and how long a change at one desk takes to show at another."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator

from bench.load import run_load
from forms.intake import IntakeForm
from forms.profile import load_profile
from forms.staff import NewStaff
from storage.changes import open_feed
from storage.services import open_services

SECONDS = 10.0


def pace(url: str, desks: int = 8, seconds: float = SECONDS, sites: int = 1) -> Iterator[str]:
    done = run_load(url, desks=desks, seconds=seconds, sites=sites)
    operations = sum(d.operations for d in done)
    calls = sorted(ms for d in done for ms in d.call_next_ms)
    p95 = calls[int(0.95 * (len(calls) - 1))]
    errors = sum(len(d.errors) for d in done)
    where = f"{sites} sites × {desks // sites} desk processes" if sites > 1 else f"{desks} desk processes"
    yield (f"{where} for {seconds:.0f} s: {operations / seconds:.0f} operations/s, "
           f"call next p95 {p95:.0f} ms (n={len(calls)}), {errors} errors")


def propagation(url: str, runs: int = 20) -> str:
    """From one desk's commit to another desk of the same site having read the new visit (median
    of `runs`)."""
    here = open_services(url, load_profile(), workstation="here")
    there = open_services(url, load_profile(), workstation="there")
    staff_id = here.staff.add(NewStaff(username="propagation", display_name="Bench", job_title="x",
                                       pin="4826", pin_again="4826")).id
    feed = open_feed(there.db)
    times = []
    try:
        for _ in range(runs):
            while feed.wait(0.05):
                pass  # earlier notices
            started = time.perf_counter()
            visit = here.desk.admit(IntakeForm(), staff_id).id
            while not (feed.wait(5.0) and any(e.id == visit for e in there.desk.snapshot().entries)):
                pass
            times.append((time.perf_counter() - started) * 1000)
    finally:
        feed.close()
        here.close()
        there.close()
    return f"a walk-in at one desk seen at another: {statistics.median(times):.0f} ms (median of {runs})"
