"""An unattended desk gives nothing away: neither the lock screen nor the sign-in screen can be
left for the shell without a worker's PIN, Ctrl+C and Ctrl+Z do nothing, and a crash starts the
desk again instead of leaving the terminal at a prompt."""

from __future__ import annotations

import logging

import pytest

from forms.choices import StaffRole
from forms.settings import Settings
from forms.staff import NewStaff
from tests.conftest import PIN, FakeClock, add_worker
from tests.tui.helpers import at_sign_in, keys, new_app, notices, prepared, screen_text, sign_in, until
from tui.cli import run_desk
from tui.screens import DeskScreen
from tui.screens.lock import LockScreen
from tui.screens.sign_in import SignInScreen


async def test_ctrl_q_ctrl_c_and_ctrl_z_leave_the_lock_screen_locked(settings: Settings, clock: FakeClock) -> None:
    services = prepared(settings, clock)
    add_worker(services, "olli", "Olli Testinen")
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
        await keys(pilot, "ctrl+l", "ctrl+c", "ctrl+z", "ctrl+q")
        assert isinstance(app.screen, LockScreen) and app.is_running
        assert "Ctrl+C ei lopeta" in notices(app)
        assert "Lopeta walkin-desk" in screen_text(app) and "PIN-koodisi lopettaa" in screen_text(app)
        # Another (non-admin) worker's right PIN does not quit on someone else's locked desk.
        await keys(pilot, "f3", *"olli", "enter", *PIN, "enter")
        assert app.is_running and isinstance(app.screen, LockScreen)
        assert "Vain" in screen_text(app)
        # Esc goes back to an ordinary lock screen; the locked worker's PIN then opens the desk.
        await keys(pilot, "escape", "f3", *"kaisa", "enter", *PIN, "enter")
        assert isinstance(app.screen, DeskScreen) and app.worker_on_duty is not None
        # The locked worker's own PIN after Ctrl+Q quits, and signs her out.
        await keys(pilot, "ctrl+l", "ctrl+q", *PIN, "enter")
        await until(pilot, lambda: app._exit)
    assert services.desk.snapshot().workers_signed_in == 0  # quitting signed her out
    services.close()


async def test_an_administrator_may_quit_a_locked_desk(settings: Settings, clock: FakeClock) -> None:
    services = prepared(settings, clock)
    services.staff.add(NewStaff(username="paula", display_name="Paula Pääkäyttäjä", job_title="Palveluvastaava",
                                role=StaffRole.ADMIN, pin=PIN, pin_again=PIN))
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
        await keys(pilot, "ctrl+l", "ctrl+q", "f3", *"paula", "enter", *PIN, "enter")
        await until(pilot, lambda: app._exit)
    services.close()


async def test_the_sign_in_screen_asks_for_a_pin_before_quitting(settings: Settings, clock: FakeClock) -> None:
    async with at_sign_in(settings, clock) as (pilot, app, _services):
        await keys(pilot, "ctrl+q")
        assert app.is_running and isinstance(app.screen, SignInScreen) and app.screen.quitting
        await keys(pilot, *"kaisa", "enter", *"9999", "enter")
        assert app.is_running and "Väärä" in screen_text(app)
        await keys(pilot, "escape")
        assert not app.screen.quitting  # type: ignore[attr-defined]
        # Esc left quitting: the right PIN now signs in, it does not quit.
        await keys(pilot, *PIN, "enter")
        await until(pilot, lambda: app.worker_on_duty is not None)
        assert app.is_running


def test_a_crash_starts_the_desk_again_and_logs_no_client_data(
        settings: Settings, clock: FakeClock, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    services = prepared(settings, clock)
    services.close()
    runs: list[str] = []
    client = "Liisa Luottamus +358 40 000 0202"

    def on_mount(screen: SignInScreen) -> None:
        runs.append(type(screen).__name__)
        if len(runs) == 1:
            raise RuntimeError(client)  # as an error whose message quotes a client's details
        screen.app.exit()

    monkeypatch.setattr(SignInScreen, "on_mount", on_mount, raising=False)
    caplog.set_level(logging.ERROR, logger="walkin")
    assert run_desk(settings, lambda app: app.run(headless=True, size=(120, 36))) == 0
    assert runs == ["SignInScreen", "SignInScreen"]
    assert "RuntimeError" in caplog.text and "on_mount" in caplog.text
    assert "Liisa" not in caplog.text and "0202" not in caplog.text


def test_a_crash_that_repeats_at_once_ends_the_desk(
        settings: Settings, clock: FakeClock, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    prepared(settings, clock).close()
    runs: list[int] = []

    def on_mount(screen: SignInScreen) -> None:
        runs.append(1)
        raise RuntimeError("broken")

    monkeypatch.setattr(SignInScreen, "on_mount", on_mount, raising=False)
    assert run_desk(settings, lambda app: app.run(headless=True, size=(120, 36))) == 1
    assert len(runs) == 3
    assert "logs" in capsys.readouterr().err
