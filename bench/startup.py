"""Cold start beside the minimal Textual app, paired: `python -m bench.startup [runs]` starts the
minimal app, the desk's libraries alone (the floor under the desk's figure), the desk to its first
paint and the desk to a signed-in board in turn, `runs` rounds (10), and prints each one's median
time to ready and CPU, and its ratios to the minimal app's in the same round (a busy machine slows
a round as a whole; the ratio pair by pair holds), against issue 19's goals. Then the same as whole
processes drawn in a terminal (a pane of a private tmux server)."""

from __future__ import annotations

import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import ROOT
from bench.terminal import Tmux, until
from forms.profile import load_profile

MINIMAL = "minimal Textual app (Header, Input, DataTable, Footer)"
LIBRARIES = "the desk's libraries imported, nothing run"
PROBES = {
    MINIMAL: ("bench.minimal_probe",),
    LIBRARIES: ("bench.libraries_probe",),
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


def in_a_terminal(probe: tuple[str, ...], home: str, tmux: Tmux, session: str) -> tuple[float, float]:
    """Milliseconds from the spawn to ready (as the probe reports it) and to the process's end, the
    probe drawn in a 120×36 terminal (Textual draws on stderr; the probe reports on stdout)."""
    times = Path(home) / f"{session}.times"
    command = shlex.join(["env", f"WALKIN_HOME={home}", sys.executable, "-m", *probe, "terminal"])
    tmux.start(session, f"t0=$(date +%s.%N); echo $t0 > {times}; BENCH_T0=$t0 {command} >> {times}; "
                        f"date +%s.%N >> {times}")
    until(lambda: times.exists() and len(times.read_text().split()) == 3, f"the end of {session}")
    started, ready, ended = (float(value) for value in times.read_text().split())
    return ready, (ended - started) * 1000


def paired(runs: int = 10) -> list[str]:
    from bench.__main__ import prepare

    os.environ.setdefault("WALKIN_SITE", load_profile().first_site)
    rounds: list[dict[str, tuple[float, float]]] = []
    drawn: list[dict[str, tuple[float, float]]] = []
    in_terminal = {name: probe for name, probe in PROBES.items() if name != LIBRARIES}  # it draws nothing
    with tempfile.TemporaryDirectory() as home:
        tmux = Tmux(Path(home)) if shutil.which("tmux") else None
        prepare(Path(home))
        for probe in PROBES.values():  # a warm-up round: the page cache, the bytecode
            one_run(probe, home)
        for _ in range(runs):
            rounds.append({name: one_run(probe, home) for name, probe in PROBES.items()})
        if tmux is not None:
            try:
                for index in range(runs):
                    drawn.append({name: in_a_terminal(probe, home, tmux, f"r{index}p{number}")
                                  for number, (name, probe) in enumerate(in_terminal.items())})
            finally:
                tmux.close()
    lines = [f"cold start, median of {runs} paired rounds:",
             *(f"  {line}" for line in _figures(rounds, PROBES, "to ready", "CPU"))]
    if drawn:
        lines += [f"cold start as a whole process in a terminal (120×36), median of {runs} paired rounds:",
                  *(f"  {line}" for line in _figures(drawn, in_terminal, "to ready", "to the process's end"))]
    else:
        lines.append("cold start in a terminal: skipped, needs tmux")
    return lines


def _figures(rounds: list[dict[str, tuple[float, float]]], probes: dict[str, tuple[str, ...]], first: str,
             second: str) -> list[str]:
    """Each probe's medians, and (but the minimal app's) its ratios to the minimal app pair by
    pair, the first against issue 19's goal."""
    lines = []
    for name in probes:
        one = statistics.median(r[name][0] for r in rounds)
        two = statistics.median(r[name][1] for r in rounds)
        line = f"{name}: {one:.0f} ms {first}, {two:.0f} ms {second}"
        if name != MINIMAL:
            ratio_one = statistics.median(r[name][0] / r[MINIMAL][0] for r in rounds)
            ratio_two = statistics.median(r[name][1] / r[MINIMAL][1] for r in rounds)
            line += f"; to the minimal app, pair by pair: {ratio_one:.2f}× {first}, {ratio_two:.2f}× {second}"
            if name in GOALS:
                line += f" (goal ≤ {GOALS[name]}×: {'met' if ratio_one <= GOALS[name] else 'NOT met'})"
        lines.append(line)
    return lines


if __name__ == "__main__":
    print("\n".join(paired(int(sys.argv[1]) if sys.argv[1:] else 10)), flush=True)
