"""Real processes in panes of a private tmux server, and waiting for them to get somewhere."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from bench import ROOT


class Tmux:
    """A tmux server of the bench's own, its socket in the bench's temporary `folder`: a worker's
    own server and its global environment are never used, and nothing is left behind."""

    def __init__(self, folder: Path) -> None:
        self.socket = str(folder / "tmux.sock")

    def __call__(self, *args: str) -> str:
        return subprocess.run(["tmux", "-S", self.socket, *args], check=True, capture_output=True, text=True).stdout

    def start(self, session: str, command: str) -> None:
        """`command` (a shell line) in a 120×36 pane of a session of its own, in the project."""
        self("-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "120", "-y", "36", "-c", str(ROOT), command)

    def screen(self, session: str) -> str:
        return self("capture-pane", "-t", session, "-p")

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True)


def until(condition: Callable[[], bool], what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"bench: {what} did not happen in {seconds:.0f} s")
        time.sleep(0.02)
