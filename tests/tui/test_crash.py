"""`kill -9` in the middle of work: the real app runs in tmux, is killed, and a new app on the
same database finds the queue exactly as it was and the half-typed intake restored."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import PIN, FakeClock
from tests.tui.helpers import prepared, signed_in
from tui.screens import IntakeScreen

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (.ci/run installs it)")
WALKIN = str(Path(sys.executable).with_name("walkin"))


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class Pane:
    """The app running in a tmux pane of a private tmux server: type into it, read it, kill it."""

    def __init__(self, socket: Path, name: str) -> None:
        self.socket = str(socket)
        self.name = name

    def start(self, command: str) -> None:
        """`command` in the pane, 120×36, with a configuration of its own (none)."""
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", self.name, "-x", "120", "-y", "36", command)

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-S", self.socket, *args], check=True, capture_output=True,
                              text=True).stdout

    def type(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key)
            time.sleep(0.3)  # a person's pace: a burst of keys in one read is not a person

    def text(self) -> str:
        return self.tmux("capture-pane", "-t", self.name, "-p")

    def kill_9(self) -> None:
        os.kill(int(self.tmux("display", "-p", "-t", self.name, "#{pane_pid}")), signal.SIGKILL)


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Pane]:
    """A tmux server of this test's own, its socket in the test's folder (a developer's running
    server, its environment and its configuration stay out of it, and nothing is left in theirs),
    the environment given in the pane's own command; started by the test once its database is
    ready (an app started before opened a half-made one, and failed)."""
    pane = Pane(tmp_path / "tmux.sock", "app")
    yield pane
    subprocess.run(["tmux", "-S", pane.socket, "kill-server"], capture_output=True)


async def test_kill_9_loses_nothing(settings: Settings, clock: FakeClock, pane: Pane) -> None:
    services = prepared(settings, clock)
    worker = services.staff.active_members()[0]
    services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
    meeting = services.desk.admit(IntakeForm(), worker.id)
    services.desk.start(meeting.id, worker.id)
    before = services.desk.snapshot().entries

    pane.start("exec " + shlex.join(["env", f"WALKIN_HOME={settings.home}", WALKIN]))
    wait_for(lambda: "PIN" in pane.text(), "the sign-in screen")
    pane.type("kaisa", "Enter", PIN, "Enter")
    wait_for(lambda: "Odottaa 1" in pane.text(), "the desk")
    pane.type("n")
    wait_for(lambda: "Kutsumanimi" in pane.text(), "the intake form")
    pane.type("Venla")
    wait_for(lambda: (services.drafts.load(worker.id, "intake") or {}).get("call_name") == "Venla",
             "the draft to be saved")
    pane.kill_9()

    assert services.desk.snapshot().entries == before
    services.close()
    async with signed_in(settings, clock, prepare=False) as (_pilot, app, again):
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#field-call_name Input").value == "Venla"
        assert [(e.ticket, e.status) for e in again.desk.snapshot().entries] == [
            (e.ticket, e.status) for e in before
        ]
