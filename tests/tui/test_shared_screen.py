"""Nothing of a client stays on a shared screen: locking clears the notifications and holds the
late ones, the palette writes no screenshot, and the lock key shows only where there is a desk."""

from __future__ import annotations

import time

import pytest

from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import PIN, FakeClock, add_worker
from tests.tui.helpers import at_sign_in, keys, new_app, notices, prepared, screen_text, settle, sign_in, until
from tui.screens import SignInScreen
from tui.screens.lock import LockScreen
from tui.widgets import FormField


def footer_keys(app: object) -> str:
    from textual.widgets import Footer

    return str([key.description for key in app.screen.query_one(Footer).query("FooterKey")])  # type: ignore[attr-defined]


async def test_locking_right_after_a_call_shows_no_client_name(settings: Settings, clock: FakeClock) -> None:
    services = prepared(settings, clock)
    services.desk.admit(IntakeForm(call_name="Liisa Luottamus"), services.staff.find("kaisa").id)  # type: ignore[union-attr]
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
        await keys(pilot, "c")
        await until(pilot, lambda: "Liisa Luottamus" in notices(app))
        await keys(pilot, "ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        assert "Liisa" not in notices(app) and "Liisa" not in screen_text(app)
        # A late answer naming a client (a print outcome, a call) waits for the worker's PIN.
        app.screen.notify("Tulostettu: A001 (Liisa Luottamus)")
        await settle(pilot)
        assert "Liisa" not in notices(app) and "Liisa" not in screen_text(app)
        await pilot.press(*PIN, "enter")
        await until(pilot, lambda: not isinstance(app.screen, LockScreen))
        await settle(pilot)
        assert "Tulostettu: A001 (Liisa Luottamus)" in notices(app)
    services.close()


async def test_signing_out_clears_the_notifications_and_the_sign_in_screen_shows_none(
        settings: Settings, clock: FakeClock) -> None:
    services = prepared(settings, clock)
    add_worker(services, "olli", "Olli Testinen")
    services.staff.sign_in("olli", PIN, "desk-2")  # Olli stays: no end-of-day summary here
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
        app.notify("Kutsuttu A001 (Liisa Luottamus)")
        await keys(pilot, "x")
        await until(pilot, lambda: isinstance(app.screen, SignInScreen))
        app.notify("Tulostettu: A001 (Liisa Luottamus)")
        await settle(pilot)
        assert "Liisa" not in notices(app) and "Liisa" not in screen_text(app)
    services.close()


async def test_the_palette_offers_no_screenshot_and_the_action_writes_nothing(
        settings: Settings, clock: FakeClock) -> None:
    services = prepared(settings, clock)
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles == ["lopeta"]
        await keys(pilot, "ctrl+p")
        await pilot.press(*"scr")
        await settle(pilot)
        shown = screen_text(app)
        assert "Screenshot" not in shown and "Maximize" not in shown
        await keys(pilot, "escape")
        await app.run_action("screenshot")
        await settle(pilot)
    assert not list(settings.home.rglob("*.svg"))
    services.close()


async def test_the_lock_key_shows_only_where_a_desk_can_be_locked(settings: Settings, clock: FakeClock) -> None:
    async with at_sign_in(settings, clock) as (pilot, app, _services):
        assert "Lukitse" not in footer_keys(app)
        await sign_in(pilot)
        assert "Lukitse" in footer_keys(app)
        await keys(pilot, "ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, LockScreen) and "Lukitse" not in footer_keys(app)


async def test_a_first_start_shows_no_sign_in_form_before_the_first_account(
        settings: Settings, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    import storage.services
    from tui.screens import FirstRunScreen

    opening = storage.services.open_services

    def slowly(*args: object, **kwargs: object) -> object:
        time.sleep(0.5)  # as a cold start opens the database: the time the sign-in form flashed
        return opening(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(storage.services, "open_services", slowly)
    app = new_app(settings, clock)
    seen: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        while not isinstance(app.screen, FirstRunScreen):
            if isinstance(app.screen, SignInScreen):
                seen += [field.display for field in app.screen.query(FormField)]
            await pilot.pause(0.02)
        await settle(pilot)
    assert seen and not any(seen)  # the sign-in screen was there, its form never shown
