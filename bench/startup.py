"""Cold start beside the minimal Textual app, paired: `python -m bench.startup [runs]` starts the
minimal app, the desk's libraries alone (the floor under the desk's figure), the desk to its first
paint and the desk to a signed-in board in turn, `runs` rounds (10), and prints each one's median
time to ready and CPU, and its ratios to the minimal app's in the same round (a busy machine slows
a round as a whole; the ratio pair by pair holds), against issue 19's goals."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import ROOT
from forms.profile import load_profile

MINIMAL = "minimal Textual app (Header, Input, DataTable, Footer)"
PROBES = {
    MINIMAL: ("bench.minimal_probe",),
    "the desk's libraries imported, nothing run": ("bench.libraries_probe",),
    "first screen (sign-in)": ("bench.startup_probe", "first-paint"),
    "interactive desk (automatic sign-in, queue painted)": ("bench.startup_probe", "desk"),
}
GOALS = {"first screen (sign-in)": 1.2, "interactive desk (automatic sign-in, queue painted)": 2.0}
"""Issue 19's goals, as a multiple of the minimal app's time in the same round."""


def one_run(probe: tuple[str, ...], home: str) -> tuple[float, float]:
    """Milliseconds from the spawn to ready (as the probe reports it), and the CPU milliseconds of
    the whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "WALKIN_HOME": home, "BENCH_T0": repr(time.time())}
    done = subprocess.run([sys.executable, "-m", *probe], cwd=ROOT, env=env, check=True, capture_output=True,
                          text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
    return float(done.stdout.strip().splitlines()[-1]), cpu


def paired(runs: int = 10) -> list[str]:
    from bench.__main__ import prepare

    os.environ.setdefault("WALKIN_SITE", load_profile().first_site)
    rounds: list[dict[str, tuple[float, float]]] = []
    with tempfile.TemporaryDirectory() as home:
        prepare(Path(home))
        for probe in PROBES.values():  # a warm-up round: the page cache, the bytecode
            one_run(probe, home)
        for _ in range(runs):
            rounds.append({name: one_run(probe, home) for name, probe in PROBES.items()})
    lines = []
    for name in PROBES:
        wall = statistics.median(r[name][0] for r in rounds)
        cpu = statistics.median(r[name][1] for r in rounds)
        line = f"{name}: {wall:.0f} ms to ready, {cpu:.0f} ms CPU"
        if name != MINIMAL:
            wall_ratio = statistics.median(r[name][0] / r[MINIMAL][0] for r in rounds)
            cpu_ratio = statistics.median(r[name][1] / r[MINIMAL][1] for r in rounds)
            line += f"; to the minimal app, pair by pair: {wall_ratio:.2f}× wall, {cpu_ratio:.2f}× CPU"
            if name in GOALS:
                line += f" (goal ≤ {GOALS[name]}×: {'met' if wall_ratio <= GOALS[name] else 'NOT met'})"
        lines.append(line)
    return [f"cold start, median of {runs} paired rounds:", *(f"  {line}" for line in lines)]


if __name__ == "__main__":
    print("\n".join(paired(int(sys.argv[1]) if sys.argv[1:] else 10)), flush=True)
