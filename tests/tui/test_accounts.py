"""Accounts at the desk: a trivial PIN is refused beside the field, and a worker deactivated or
demoted while signed in is refused at the next step and signed out."""

from __future__ import annotations

from textual.pilot import Pilot

from forms.choices import StaffRole, VisitStatus
from forms.intake import IntakeForm
from forms.settings import Settings
from forms.staff import NewStaff, StaffDetails
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import PIN, FakeClock, add_worker
from tests.tui.helpers import (
    error_beside,
    keys,
    new_app,
    notices,
    prepared,
    screen_text,
    settle,
    sign_in,
    signed_in,
    until,
)
from tui.app import WalkinApp
from tui.dialogs.staff import PinDialog
from tui.screens import DeskScreen, SignInScreen
from tui.screens.staff import StaffScreen
from tui.screens.summary import SummaryScreen


def add_admin(services: Services, username: str = "paula", name: str = "Paula Pääkäyttäjä") -> StaffMember:
    return services.staff.add(NewStaff(username=username, display_name=name, job_title="Palveluvastaava",
                                       role=StaffRole.ADMIN, pin=PIN, pin_again=PIN))


def stop_following(app: WalkinApp) -> None:
    """The desk stops following the database, so only the step itself can find out (following
    the database signs the worker out sooner: its own test)."""
    for worker in app.workers:
        if worker.group == "watch":
            worker.cancel()


async def signed_out_by_the_desk(pilot: Pilot[None], message: str) -> None:
    """Back at the sign-in screen with `message`, and not shown the day's summary."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, SignInScreen) and message in notices(app))
    await settle(pilot)
    assert app.worker_on_duty is None and not any(isinstance(s, SummaryScreen) for s in app.screen_stack)


async def test_a_trivial_pin_is_refused_beside_the_field_and_nothing_typed_is_lost(
        settings: Settings, clock: FakeClock) -> None:
    services = prepared(settings, clock)
    add_admin(services)
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "paula")
        await keys(pilot, "h")
        assert isinstance(app.screen, StaffScreen) and app.screen.selected.username == "kaisa"  # type: ignore[union-attr]
        await keys(pilot, "r")
        await pilot.press(*"2580", "tab", *"2580")
        await keys(pilot, "f2")
        assert isinstance(app.screen, PinDialog)
        assert error_beside(app, "pin").startswith("⚠ Liian helppo arvata")
        assert app.screen.query_one("#field-pin_again Input").value == "2580"  # type: ignore[attr-defined]
        app.screen.query_one("#field-pin Input").value = "5917"  # type: ignore[attr-defined]
        app.screen.query_one("#field-pin_again Input").value = "5917"  # type: ignore[attr-defined]
        await keys(pilot, "f2")
        await until(pilot, lambda: isinstance(app.screen, StaffScreen))
    assert services.staff.check_pin("kaisa", "5917").username == "kaisa"
    services.close()


async def test_a_deactivated_worker_cannot_queue_a_walk_in(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        stop_following(app)
        services.staff.set_active(app.staff_id, False, by=add_admin(services).id)
        kaisa = app.staff_id
        await keys(pilot, "n")
        await pilot.press(*"Eelis", "enter")
        await signed_out_by_the_desk(pilot, "Tunnuksesi on poistettu käytöstä")
        assert services.desk.snapshot().entries == () and services.drafts.load(kaisa, "intake") is None


async def test_a_deactivated_worker_cannot_call_the_next_one(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        stop_following(app)
        olli = add_worker(services, "olli", "Olli Testinen")
        services.desk.admit(IntakeForm(call_name="Aino"), olli.id)
        app.screen.refresh_queue()  # type: ignore[attr-defined]
        await settle(pilot)
        assert "Aino" in screen_text(app)
        services.staff.set_active(app.staff_id, False, by=add_admin(services).id)
        await keys(pilot, "c")
        await signed_out_by_the_desk(pilot, "Tunnuksesi on poistettu käytöstä")
        assert services.desk.snapshot().entries[0].status is VisitStatus.WAITING
        assert "Aino" not in screen_text(app)


async def test_a_demoted_administrator_cannot_open_the_accounts(settings: Settings, clock: FakeClock) -> None:
    services = prepared(settings, clock)
    paula, eeva = add_admin(services), add_admin(services, "eeva", "Eeva Esimerkki")
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "paula")
        stop_following(app)
        services.staff.change(paula.id, StaffDetails(username="paula", display_name=paula.display_name,
                                                     job_title=paula.job_title, role=StaffRole.DESK), by=eeva.id)
        await keys(pilot, "h")
        await signed_out_by_the_desk(pilot, "Et ole enää ylläpitäjä")
        assert "Eeva" not in screen_text(app)
        await sign_in(pilot, "paula")  # back as the desk worker she now is
        await keys(pilot, "h")
        assert isinstance(app.screen, DeskScreen)
    services.close()


async def test_the_desk_signs_a_deactivated_worker_out_before_any_key(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        services.staff.set_active(app.staff_id, False, by=add_admin(services).id)
        await signed_out_by_the_desk(pilot, "Tunnuksesi on poistettu käytöstä")
