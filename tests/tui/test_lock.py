"""Shared workstations: the idle lock and Ctrl+L show no client data; the same worker unlocks
where they were, another worker switches user and the first one's intake waits as a draft."""

from __future__ import annotations

from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import PIN, FakeClock, add_worker
from tests.tui.helpers import keys, new_app, notices, prepared, screen_text, settle, sign_in, until
from tui.screens import DeskScreen, IntakeScreen
from tui.screens.lock import LockScreen


async def test_idle_lock_hides_the_queue_and_the_same_pin_opens_it(settings: Settings, clock: FakeClock) -> None:
    services = prepared(settings, clock)
    services.desk.admit(IntakeForm(call_name="Aino"), services.staff.find("kaisa").id)  # type: ignore[union-attr]
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
        assert "Aino" in screen_text(app)
        # Idle for 1.2 s from now on: set after signing in, so a slow machine cannot lock the
        # screen before the desk was seen (the idle check runs every 5 s at the most).
        app.settings = settings.model_copy(update={"idle_lock_minutes": 0.02})
        await until(pilot, lambda: isinstance(app.screen, LockScreen))
        await settle(pilot)
        shown = screen_text(app)
        assert "Aino" not in shown and "A001" not in shown and "Lukittu" in shown
        assert "Kaisa Esimerkki" in shown
        await pilot.press(*"0000", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LockScreen) and "Väärä" in screen_text(app)
        await pilot.press(*PIN, "enter")
        await settle(pilot)
        assert isinstance(app.screen, DeskScreen) and "Aino" in screen_text(app)
    services.close()


async def test_ctrl_l_locks_and_another_worker_switches_user_keeping_the_draft(
        settings: Settings, clock: FakeClock) -> None:
    services = prepared(settings, clock)
    add_worker(services, "olli", "Olli Testinen")
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
        await keys(pilot, "n")
        await pilot.press(*"Eelis")
        await keys(pilot, "ctrl+l")
        assert isinstance(app.screen, LockScreen) and "Eelis" not in screen_text(app)
        app.notify("Kutsuttu A001 (Liisa Luottamus)")  # late, for Kaisa: held, never Olli's to read
        await keys(pilot, "f3")
        await pilot.press(*"olli", "enter", *PIN, "enter")
        await until(pilot, lambda: app.worker_on_duty is not None and app.worker_on_duty.username == "olli")
        await settle(pilot)
        assert isinstance(app.screen, DeskScreen) and "Olli Testinen" in screen_text(app)
        assert "Liisa" not in notices(app)
        assert services.drafts.load(services.staff.find("kaisa").id, "intake")["call_name"] == "Eelis"  # type: ignore[index, union-attr]
        await keys(pilot, "f12")
        assert isinstance(app.screen, LockScreen)
        await keys(pilot, "f3")
        await pilot.press(*"kaisa", "enter", *PIN, "enter")
        await until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        assert app.screen.query_one("#field-call_name Input").value == "Eelis"  # type: ignore[attr-defined]
    signed_in = services.staff.all_members()
    assert len(signed_in) == 2
    services.close()


async def test_a_visit_admitted_elsewhere_while_locked_shows_on_unlock(settings: Settings, clock: FakeClock) -> None:
    """The unlock reads the queue only if it changed under the lock (issue 19): a change by another
    desk meanwhile still shows as the desk does."""
    services = prepared(settings, clock)
    kaisa = services.staff.find("kaisa").id  # type: ignore[union-attr]
    services.desk.admit(IntakeForm(call_name="Aino"), kaisa)
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
        desk = app.screen
        assert isinstance(desk, DeskScreen) and "Aino" in screen_text(app)
        await keys(pilot, "ctrl+l")
        services.desk.admit(IntakeForm(call_name="Bertta"), kaisa)  # another desk, while locked
        await until(pilot, lambda: not desk._current_when_shown)  # the queue's watcher told the covered desk
        await pilot.press(*PIN, "enter")
        await settle(pilot)
        assert app.screen is desk and "Bertta" in screen_text(app) and "Aino" in screen_text(app)
        await keys(pilot, "ctrl+l")
        assert desk._current_when_shown  # nothing changed: the unlock shows the board as it was
        await pilot.press(*PIN, "enter")
        await settle(pilot)
        assert app.screen is desk and "Bertta" in screen_text(app)
    services.close()
