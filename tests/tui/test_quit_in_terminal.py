"""Ctrl+Q in a real terminal (a pane of a private tmux server): the worker is signed out, the process
ends, and the terminal is left as it was (no alternate screen, no mouse reporting)."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest

from forms.settings import Settings
from tests.conftest import PIN, FakeClock
from tests.tui.helpers import prepared
from tests.tui.test_crash import WALKIN, Pane, wait_for

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (.ci/run installs it)")


def test_ctrl_q_signs_out_ends_the_process_and_leaves_the_terminal_clean(
        settings: Settings, clock: FakeClock, tmp_path: Path) -> None:
    services = prepared(settings, clock)
    pane = Pane(tmp_path / "tmux.sock", "app")
    command = shlex.join(["env", f"WALKIN_HOME={settings.home}", "WALKIN_LANGUAGE=en", WALKIN])
    # Not exec: the shell says when walkin ended, and the pane stays to be looked at.
    pane.start(f"{command}; echo walkin-ended-$?; sleep 60")
    try:
        wait_for(lambda: "PIN" in pane.text(), "the sign-in form", 60)
        pane.type("kaisa", "Enter", PIN, "Enter")
        wait_for(lambda: "Signed in" in pane.text(), "the sign-in", 30)
        assert services.staff.others_present(0) == 1
        pane.type("C-q")
        wait_for(lambda: "Esc" in pane.text() and "summary" in pane.text().lower(), "the day's summary", 30)
        pane.type("Escape")
        wait_for(lambda: "walkin-ended-0" in pane.text(), "the end of the process", 30)
        assert services.staff.others_present(0) == 0, "the sign-out was not recorded"
        modes = pane.tmux("display", "-p", "-t", pane.name,
                          "#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{mouse_sgr_flag} #{cursor_flag}")
        assert modes.split() == ["0", "0", "0", "0", "1"], modes
    finally:
        pane.tmux("kill-server")
        services.close()
