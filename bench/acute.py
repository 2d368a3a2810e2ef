"""The acute alert's propagation: from the commit of an acute triage at one desk (this process) to
another desk's watcher knowing the alert (a second process, following the queue as the app's
watcher does: the change feed, then the acute visits read). Median and 95th percentile.

Run alone: `python -m bench.acute watch URL` is the other desk; `bench/__main__.py` starts it."""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time

from bench import ROOT
from forms.choices import Urgency
from forms.intake import IntakeForm
from forms.profile import load_profile
from forms.staff import NewStaff
from storage.changes import open_feed
from storage.services import open_services


def watch(url: str) -> None:
    """The other desk: prints "ready", then "<visit id> <monotonic seconds>" for each acute visit
    the moment its alert is known. CLOCK_MONOTONIC is one clock for every process of the machine."""
    services = open_services(url, load_profile(), workstation="desk-2")
    feed = open_feed(services.db)
    known: set[int] = set()
    print("ready", flush=True)
    try:
        while True:
            if feed.wait(1.0):
                alerts = {e.id for e in services.desk.acute_waiting()}
                at = time.monotonic()
                for visit in alerts - known:
                    print(f"{visit} {at:.6f}", flush=True)
                known = alerts
    finally:
        feed.close()
        services.close()


def propagation(url: str, runs: int = 40) -> str:
    here = open_services(url, load_profile(), workstation="desk-1")
    staff_id = here.staff.add(NewStaff(username="acute", display_name="Bench", job_title="x",
                                       pin="4826", pin_again="4826")).id
    other = subprocess.Popen([sys.executable, "-m", "bench.acute", "watch", url], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    times = []
    try:
        assert other.stdout is not None
        assert other.stdout.readline().strip() == "ready"
        for _ in range(runs):
            visit = here.desk.admit(IntakeForm(), staff_id).id
            # The admit's notice read and done with, the triage is its own change; a random pause
            # so that the triage falls anywhere in the SQLite watcher's poll, not always at one phase.
            time.sleep(0.3 + random.uniform(0, 0.3))
            here.desk.record_triage(visit, {"acute_today": "yes"}, Urgency.ACUTE, ["acute"], staff_id)
            committed = time.monotonic()
            seen_id, seen_at = other.stdout.readline().split()
            assert int(seen_id) == visit, (seen_id, visit)
            times.append((float(seen_at) - committed) * 1000)
            here.desk.call_next(staff_id)  # called: the alert ends
    finally:
        other.terminate()
        other.wait()
        here.close()
    times.sort()
    p95 = times[round(0.95 * (len(times) - 1))]
    return (f"acute triage committed at one desk → alert known at another desk's watcher (another "
            f"process): median {statistics.median(times):.0f} ms, p95 {p95:.0f} ms (n={runs})")


if __name__ == "__main__":
    if sys.argv[1:2] == ["watch"]:
        watch(sys.argv[2])
    else:
        print(propagation(sys.argv[1]))
