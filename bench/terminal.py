"""Waiting for a real process in a pane of a private tmux server to get somewhere."""

from __future__ import annotations

import time
from collections.abc import Callable


def until(condition: Callable[[], bool], what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"bench: {what} did not happen in {seconds:.0f} s")
        time.sleep(0.02)
