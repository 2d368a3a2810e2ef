"""The administrator's screens (accounts, the audit trail) and consents in a visit, through the app."""

from __future__ import annotations

import csv

from textual.widgets import Static

from forms.choices import StaffRole
from forms.intake import IntakeForm
from forms.settings import Settings
from forms.staff import NewStaff
from tests.conftest import PIN, FakeClock
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
from tui.screens import DeskScreen, VisitScreen
from tui.screens.audit import AuditScreen
from tui.screens.staff import StaffScreen


def admin(settings: Settings, clock: FakeClock):  # type: ignore[no-untyped-def]
    services = prepared(settings, clock)
    services.staff.add(NewStaff(username="paula", display_name="Paula Pääkäyttäjä", job_title="Palveluvastaava",
                                role=StaffRole.ADMIN, pin=PIN, pin_again=PIN))
    return services


async def test_a_desk_worker_has_no_accounts_key(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, _services):
        await keys(pilot, "h")
        assert isinstance(app.screen, DeskScreen) and "Tunnukset" not in screen_text(app)


async def test_admin_adds_deactivates_and_cannot_remove_the_last_admin(settings: Settings, clock: FakeClock) -> None:
    services = admin(settings, clock)
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "paula")
        await keys(pilot, "h")
        assert isinstance(app.screen, StaffScreen)
        await keys(pilot, "a")
        await pilot.press(*"eelis", "enter", *"Eelis Esimerkki", "enter", *"Ohjaaja", "enter", *"ei numero", "f2")
        await settle(pilot)
        assert error_beside(app, "phone").startswith("⚠ Ei ole puhelinnumero.")
        app.screen.query_one("#field-phone Input").value = "+358 40 000 0404"  # type: ignore[attr-defined]
        app.screen.query_one("#field-pin Input").value = "5917"  # type: ignore[attr-defined]
        app.screen.query_one("#field-pin_again Input").value = "5917"  # type: ignore[attr-defined]
        await keys(pilot, "f2")
        await until(pilot, lambda: services.staff.find("eelis") is not None)
        await settle(pilot)
        assert "Eelis Esimerkki" in screen_text(app)
        assert services.staff.check_pin("eelis", "5917").phone == "+358 40 000 0404"
        rows = [m.username for m in app.screen.members]  # type: ignore[attr-defined]
        app.screen.query_one("DataTable").move_cursor(row=rows.index("paula"))  # type: ignore[attr-defined]
        await keys(pilot, "d")
        assert "viimeinen ylläpitäjä" in notices(app)
        assert services.staff.find("paula").active  # type: ignore[union-attr]
        app.screen.query_one("DataTable").move_cursor(row=rows.index("eelis"))  # type: ignore[attr-defined]
        await keys(pilot, "d")
        assert not services.staff.find("eelis").active  # type: ignore[union-attr]
        await keys(pilot, "u")
        assert isinstance(app.screen, AuditScreen)
        shown = screen_text(app)
        assert "tunnus poistettu käytöstä" in shown and "eelis" in shown
    services.close()


async def test_audit_trail_filters_and_saves_csv(settings: Settings, clock: FakeClock) -> None:
    services = admin(settings, clock)
    kaisa = services.staff.find("kaisa")
    assert kaisa is not None
    visit = services.desk.admit(IntakeForm(call_name="Aino"), kaisa.id)
    services.desk.visit(visit.id, viewer=kaisa.id)
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "paula")
        app.push_screen(AuditScreen())
        await settle(pilot)
        app.screen.query_one("#field-day_from Input").value = "25.11.2026"  # type: ignore[attr-defined]
        app.screen.query_one("#field-day_to Input").value = "24.11.2026"  # type: ignore[attr-defined]
        await keys(pilot, "f2")
        assert error_beside(app, "day_to") == "⚠ Loppu on ennen alkua."
        app.screen.query_one("#field-day_from Input").value = ""  # type: ignore[attr-defined]
        app.screen.query_one("#field-ticket Input").value = "a001"  # type: ignore[attr-defined]
        await keys(pilot, "f2")
        shown = screen_text(app)
        assert "2 tapahtumaa" in shown and "katsoi käynnin tiedot" in shown and "Aino" not in shown
        await keys(pilot, "ctrl+s")
        saved = list((settings.home / "exports").rglob("audit*.csv"))
        assert len(saved) == 1 and saved[0].stat().st_mode & 0o777 == 0o600
        with saved[0].open(encoding="utf-8", newline="") as handle:
            assert [r["action"] for r in csv.DictReader(handle)] == ["view", "admit"]
    services.close()


async def test_consent_is_recorded_and_withdrawn_in_the_visit(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        visit = services.desk.admit(IntakeForm(), app.staff_id)
        app.push_screen(VisitScreen(visit.id))
        await settle(pilot)
        await keys(pilot, "o", "f2")
        assert error_beside(app, "kind") != ""  # nothing chosen yet
        app.screen.query_one("#field-kind Select").value = "network_meeting"  # type: ignore[attr-defined]
        app.screen.query_one("#field-method Select").value = "signed"  # type: ignore[attr-defined]
        await keys(pilot, "f2")
        await until(pilot, lambda: bool(services.desk.visit(visit.id).consents))
        await settle(pilot)
        assert "Verkostotapaaminen: allekirjoitettu" in screen_text(app)
        await keys(pilot, "w")
        app.screen.query_one("#field-method Select").value = "spoken"  # type: ignore[attr-defined]
        app.screen.query_one("#field-consent_id Select").value = services.desk.visit(visit.id).consents[0].id  # type: ignore[attr-defined]
        await keys(pilot, "f2")
        await until(pilot, lambda: services.desk.visit(visit.id).consents[0].withdrawn_at is not None)
        await settle(pilot)
        assert "peruttu suullisesti" in screen_text(app)


async def test_help_lists_every_key_of_the_screen_but_not_another_role_s(settings: Settings, clock: FakeClock) -> None:
    services = admin(settings, clock)
    for username, sees_accounts in (("paula", True), ("kaisa", False)):
        app = new_app(settings, clock)
        async with app.run_test(size=(120, 36)) as pilot:
            await sign_in(pilot, username)
            await keys(pilot, "f1")
            # The whole help, also the part below the fold (it scrolls): a desk has many keys.
            shown = "\n".join(str(text.render()) for text in app.screen.query(Static))
            assert "Kutsu tämä" in shown and "Ctrl+L tai F12 lukitsee" in shown  # not in the footer
            assert ("Tunnukset" in shown) is sees_accounts
    services.close()
