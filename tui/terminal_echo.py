"""Keys typed while the desk starts are for the desk, not for the terminal to print.

Until Textual takes the terminal over, some tenths of a second after `walkin` starts, the terminal
echoes what is typed: a worker who typed their username and PIN at once found them printed on the
shell after quitting. So echo is off from the start of `walkin` and back as it was at its end; the
keys wait unread, and the desk reads them as before."""

from __future__ import annotations

from collections.abc import Callable


def echo_off(fd: int) -> Callable[[], None]:
    """Echo off on the terminal `fd` (when it is one); returns what puts it back."""
    import termios

    try:
        saved = termios.tcgetattr(fd)
    except termios.error:  # not a terminal: a pipe, a file, a test
        return lambda: None
    quiet = list(saved)
    quiet[3] &= ~termios.ECHO  # the local modes
    termios.tcsetattr(fd, termios.TCSANOW, quiet)

    def back() -> None:
        try:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        except termios.error:  # the terminal is gone (closed window): nothing to put back
            pass

    return back


def quiet_stdin() -> Callable[[], None]:
    """`echo_off` for the standard input, whatever it is (closed or absent: nothing to do)."""
    import sys

    try:
        fd = sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):
        return lambda: None
    return echo_off(fd)
