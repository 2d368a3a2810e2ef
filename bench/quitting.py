"""Ctrl+Q timed as a whole process: the real `walkin` in a pane of a private tmux server, from the
key to the process having ended, with the sign-out checked in the database afterwards."""

from __future__ import annotations

import shlex
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.terminal import Tmux
from bench.terminal import until as _until
from forms.profile import load_profile
from forms.settings import Settings
from forms.staff import NewStaff
from storage.services import open_services

PIN = "4826"


def _one_quit(home: Path, keys_after_ctrl_q: tuple[str, ...]) -> float:
    """Start the desk, sign bench in, press Ctrl+Q (and then `keys_after_ctrl_q`, each once the
    screen has answered the one before): ms from the last key to the process having ended."""
    tmux = Tmux(home)
    ended = home / "ended"
    ended.unlink(missing_ok=True)
    command = shlex.join(["env", f"WALKIN_HOME={home}", "WALKIN_WORKSTATION=bench-desk", "WALKIN_LANGUAGE=en",
                          sys.executable, "-m", "tui.cli"])
    # The shell writes the moment the process ended; `date` itself costs a few ms of fork and exec.
    tmux.start("q", f"{command}; date +%s.%N > {shlex.quote(str(ended))}; sleep 60")
    try:
        _until(lambda: "PIN" in tmux.screen("q"), "the sign-in form")
        for key in ("bench", "Enter", PIN, "Enter"):
            tmux("send-keys", "-t", "q", key)
        _until(lambda: "Signed in" in tmux.screen("q"), "the sign-in")
        time.sleep(0.5)  # the desk's first reads done: a worker does not quit in the same instant
        presses = ("C-q", *keys_after_ctrl_q)
        for index, key in enumerate(presses):
            if index:
                _until(lambda: "Esc" in tmux.screen("q") and "summary" in tmux.screen("q").lower(), "the day's summary")
            started = time.time()
            tmux("send-keys", "-t", "q", key)
        try:
            _until(ended.exists, "the end of the process", 10)
        except AssertionError:
            print(tmux.screen("q"), file=sys.stderr)
            raise
        _until(lambda: bool(ended.read_text().strip()), "the end time", 2)
        return (float(ended.read_text()) - started) * 1000
    finally:
        tmux.close()


def run(runs: int = 5) -> list[str]:
    """Median of `runs` for: Ctrl+Q with a colleague still signed in (the sign-out, then the end),
    and Esc on the day's summary that the last worker out sees after Ctrl+Q."""
    if shutil.which("tmux") is None:
        return ["quit: skipped, needs tmux"]
    lines = []
    for label, colleague, keys in (
            ("Ctrl+Q at the desk, a colleague still signed in: signed out and ended", True, ()),
            ("Ctrl+Q as the last worker out, then Esc on the day's summary: Esc to the end", False, ("Escape",))):
        times = []
        with tempfile.TemporaryDirectory() as folder:
            home = Path(folder)
            services = open_services(Settings(home=home).database_url, load_profile())
            services.staff.add(NewStaff(username="bench", display_name="Bench Worker",
                                                job_title="Koordinaattori", pin=PIN, pin_again=PIN))
            if colleague:
                services.staff.add(NewStaff(username="colleague", display_name="Bench Colleague",
                                            job_title="Koordinaattori", pin=PIN, pin_again=PIN))
                services.staff.sign_in("colleague", PIN, "another-desk")
            for _ in range(runs):
                times.append(_one_quit(home, keys))
                # Each quit signed bench out for good: nobody but the colleague is at a desk.
                assert services.staff.others_present(0) == (1 if colleague else 0), "sign-out not recorded"
            services.close()
        lines.append(f"{label}, whole process, median of {runs}: {statistics.median(times):.0f} ms "
                     f"(max {max(times):.0f} ms)")
    return lines


if __name__ == "__main__":
    for line in run():
        print(line)
