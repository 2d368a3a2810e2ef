"""Accounts at the desk: a trivial PIN is refused beside the field."""

from __future__ import annotations

from forms.choices import StaffRole
from forms.settings import Settings
from forms.staff import NewStaff
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import PIN, FakeClock
from tests.tui.helpers import (
    error_beside,
    keys,
    new_app,
    prepared,
    sign_in,
    until,
)
from tui.dialogs.staff import PinDialog
from tui.screens.staff import StaffScreen


def add_admin(services: Services, username: str = "paula", name: str = "Paula Pääkäyttäjä") -> StaffMember:
    return services.staff.add(NewStaff(username=username, display_name=name, job_title="Palveluvastaava",
                                       role=StaffRole.ADMIN, pin=PIN, pin_again=PIN))


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
