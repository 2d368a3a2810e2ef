"""`p` in a visit: the handout kit (brochure, contact card, feedback sheet) from the key to the
last notice, through a private CUPS scheduler with a PDF printer, as the visit screen prints it."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from forms.choices import PrintOutcome
from forms.intake import IntakeForm
from forms.profile import load_profile
from forms.settings import Settings
from forms.staff import NewStaff
from storage.services import open_services
from tests.cups import private_cups
from workflows.handouts import KIT, Request, produce_all


def kit_ms(runs: int = 10) -> tuple[float, float, str] | str:
    """The first kit in the process (after what the visit screen does when it opens) and the
    median of `runs` after it, in ms, and how they went; or why it could not be measured."""
    with tempfile.TemporaryDirectory(prefix="walkin-bench-cups-") as root, private_cups(Path(root)) as cups:
        if cups is None:
            return "skipped: CUPS is not installed"
        os.environ["CUPS_SERVER"] = cups.server
        with tempfile.TemporaryDirectory() as home:
            settings = Settings(home=Path(home), printer=cups.printer)
            profile = load_profile()
            services = open_services(settings.database_url, profile)
            worker = services.staff.add(NewStaff(username="bench", display_name="Bench Worker",
                                                 job_title="Koordinaattori", pin="4826", pin_again="4826"))
            visit = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
            _visit_opened()
            times, told = [], []
            for _ in range(runs + 1):
                told.clear()
                started = time.perf_counter()
                produce_all([Request(kind) for kind in KIT], services, settings, profile, visit.id,
                            worker, told.append)
                times.append((time.perf_counter() - started) * 1000)
                assert len(told) == len(KIT)
            cups.wait_for_jobs()
            outcomes = services.desk.visit(visit.id).handouts
            printed = sum(1 for h in outcomes if h.outcome == PrintOutcome.PRINTED.value)
            services.close()
    return times[0], statistics.median(times[1:]), f"{printed} of {len(outcomes)} printed"


def _visit_opened() -> None:
    """What the visit screen starts when it opens, before `p` can be pressed (nothing, before the
    handouts were made ready in the background)."""
    import workflows.handouts

    getattr(workflows.handouts, "get_ready", lambda: None)()


def line() -> str:
    """The figure as `make bench` prints it, measured in a fresh process (imports count)."""
    import subprocess

    done = subprocess.run([sys.executable, "-m", "bench.print_kit"], capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


if __name__ == "__main__":
    measured = kit_ms()
    if isinstance(measured, str):
        print(measured)
    else:
        first, warm, how = measured
        print(f"first kit after opening the visit {first:.0f} ms, then median of 10 {warm:.0f} ms ({how})")
    raise SystemExit(0)
