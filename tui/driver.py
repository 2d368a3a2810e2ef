"""The desk's terminal driver: Textual's own for Linux and macOS, except that quitting does not wait
for the keyboard thread's next look at the terminal."""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from threading import Event
from typing import Any

from textual._parser import ParseError
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

LOOK_SECONDS = 0.1
"""As Textual's: how long one look at the terminal waits for a key."""


class _WakingEvent(Event):
    """The driver's exit event, which also wakes the keyboard thread from its look."""

    def __init__(self, wake: int) -> None:
        super().__init__()
        self.wake: int | None = wake
        """The pipe's end to write to; None once the driver has closed it."""

    def set(self) -> None:
        super().set()
        if self.wake is not None:
            try:
                os.write(self.wake, b".")
            except BlockingIOError:  # full of wake-ups already: awake either way
                pass


def _look_seconds(parser: XTermParser) -> float:
    """A look, or less while the parser waits to tell a lone Esc (the time it is due)."""
    due = parser._timeout_time
    return LOOK_SECONDS if due is None else min(LOOK_SECONDS, max(0.0, due - get_time()))


class DeskDriver(LinuxDriver):
    """Textual's keyboard thread notices the end only when its 0.1 s look at the terminal is over,
    and then looks once more for 0.1 s at nothing (the terminal is no longer among what it looks
    at): Ctrl+Q waited up to 200 ms for it before the process could end. Here the end wakes the
    look through a pipe, and the last look is left out. And a lone Esc (which might begin a longer
    key's sequence) is told as Esc as soon as its wait is over (Textual's ESCDELAY, 0.1 s), not at
    the end of the next look, up to 0.1 s later. The keys are read as Textual reads them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_write, False)
        self.exit_event: _WakingEvent = _WakingEvent(self._wake_write)

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        selector.register(self._wake_read, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        try:
            while not self.exit_event.is_set():
                for key, _mask in selector.select(_look_seconds(parser)):
                    if key.fd == self._wake_read:
                        os.read(self._wake_read, 64)
                        continue
                    data = decode(os.read(self.fileno, 1024 * 4))
                    if not data:  # stdin at its end (piped, or the terminal gone): as Textual, nothing
                        break
                    for event in parser.feed(data):
                        self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass

    def close(self) -> None:
        super().close()
        self.exit_event.wake = None
        os.close(self._wake_read)
        os.close(self._wake_write)
