"""What is typed while the desk starts is not echoed by the terminal, and echo is back afterwards."""

from __future__ import annotations

import os
import pty
import select
import termios

from tui.terminal_echo import echo_off


def echoes(fd: int) -> bool:
    return bool(termios.tcgetattr(fd)[3] & termios.ECHO)


def test_echo_is_off_while_the_desk_runs_and_back_after() -> None:
    main, terminal = pty.openpty()
    try:
        assert echoes(terminal)
        back = echo_off(terminal)
        assert not echoes(terminal)
        os.write(main, b"kaisa\r4826\r")  # typed at once
        shown, _, _ = select.select([main], [], [], 0.3)
        assert shown == [], "the terminal printed what was typed"
        back()
        assert echoes(terminal)
        # not lost: the desk reads them when it takes the terminal over
        assert [os.read(terminal, 100).strip() for _ in range(2)] == [b"kaisa", b"4826"]
    finally:
        os.close(main)
        os.close(terminal)


def test_not_a_terminal_is_left_alone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with open(tmp_path / "keys", "w") as piped:
        echo_off(piped.fileno())()  # nothing to turn off, and no error
    assert (tmp_path / "keys").read_text() == ""
