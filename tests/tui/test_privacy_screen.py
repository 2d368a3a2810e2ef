"""The data-subject requests screen, as an administrator uses it, on SQLite and PostgreSQL: find by
phone, an access copy and a log extract saved, erase with a reason, the register; a desk worker
never reaches it."""

from __future__ import annotations

import stat

from textual.pilot import Pilot

from forms.audit_query import AuditQuery
from forms.choices import StaffRole
from forms.intake import IntakeForm
from forms.settings import Settings
from forms.staff import NewStaff
from forms.timefmt import service_day
from storage.audit import Actor
from storage.services import Services
from tests.conftest import PIN, FakeClock
from tests.tui.helpers import (
    at_sign_in,
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
from tui.dialogs.privacy_document import DocumentDialog
from tui.dialogs.privacy_erase import EraseDialog
from tui.dialogs.privacy_request import RequestDialog
from tui.screens import DeskScreen
from tui.screens.privacy import PrivacyScreen
from tui.screens.staff import StaffScreen


def on(settings: Settings, db_url: str) -> Settings:
    return settings.model_copy(update={"database": settings.database.model_copy(update={"url": db_url})})


def paula(services: Services) -> None:
    services.staff.add(NewStaff(username="paula", display_name="Paula Pääkäyttäjä", job_title="Palveluvastaava",
                                role=StaffRole.ADMIN, pin=PIN, pin_again=PIN))


def visits(services: Services) -> int:
    """Eero and Aino at the desk today: Aino's visit."""
    kaisa = services.staff.find("kaisa")
    assert kaisa is not None
    services.desk.admit(IntakeForm(call_name="Eero", callback_phone="040 000 0202"), kaisa.id)
    return services.desk.admit(IntakeForm(call_name="Aino", callback_phone="040 000 0101"), kaisa.id).id


async def open_privacy(pilot: Pilot[None]) -> None:
    await sign_in(pilot, "paula")
    await keys(pilot, "h", "p")
    assert isinstance(pilot.app.screen, PrivacyScreen)


async def find_by_phone(pilot: Pilot[None], phone: str) -> None:
    pilot.app.screen.query_one("#field-phone Input").value = phone  # type: ignore[attr-defined]
    await keys(pilot, "f2")


async def test_an_administrator_answers_a_request_on_the_screen(
        db_url: str, settings: Settings, clock: FakeClock) -> None:
    settings = on(settings, db_url)
    async with at_sign_in(settings, clock) as (pilot, app, services):
        paula(services)
        aino = visits(services)
        day = services.desk.visit(aino).entry.service_day
        before = services.reports.summary(day).model_dump(exclude={"made_at"})
        await open_privacy(pilot)

        await keys(pilot, "f2")
        assert "Anna nimi, puhelinnumero" in error_beside(app, "name")
        app.screen.query_one("#field-ticket Input").value = "a002"  # type: ignore[attr-defined]
        await keys(pilot, "f2")
        assert "anna myös päivä" in error_beside(app, "day")
        assert app.screen.query_one("#field-ticket Input").value == "a002"  # type: ignore[attr-defined]
        app.screen.query_one("#field-ticket Input").value = ""  # type: ignore[attr-defined]
        await find_by_phone(pilot, "+358 40 000 0101")
        shown = screen_text(app)
        assert "Aino" in shown and "040 000 0101" in shown and "Eero" not in shown
        assert error_beside(app, "day") == ""

        await keys(pilot, "c")
        assert isinstance(app.screen, DocumentDialog)
        await keys(pilot, "down", "enter")  # save the PDF
        await until(pilot, lambda: any((settings.home / "exports").rglob("access-copy-*.pdf")))
        await keys(pilot, "l")
        await keys(pilot, "down", "down", "enter")  # save as CSV
        await until(pilot, lambda: any((settings.home / "exports").rglob("log-extract-*.csv")))
        saved = sorted((settings.home / "exports").rglob("*.*"))
        assert [p.name for p in saved] == [f"access-copy-visits-{aino}.pdf", f"log-extract-visits-{aino}.csv"]
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in saved)
        assert "Aino" not in notices(app) and "Tallennettu" in notices(app)
        assert "export" in saved[1].read_text(encoding="utf-8")  # the access copy is in the extract

        await keys(pilot, "n")
        assert isinstance(app.screen, RequestDialog)
        await keys(pilot, "f2")
        admin = Actor(services.staff.find("paula").id, "desk-1")  # type: ignore[union-attr]
        await until(pilot, lambda: bool(services.privacy.requests(admin)))
        assert services.privacy.requests(admin)[0].received_on == service_day(clock())  # left empty: today
        await settle(pilot)

        await keys(pilot, "e")
        assert isinstance(app.screen, EraseDialog)
        assert "1 käynnin" in screen_text(app)
        await keys(pilot, "enter")
        await until(pilot, lambda: services.desk.visit(aino).entry.call_name is None)
        await settle(pilot)
        assert services.desk.visit(aino).callback_phone is None
        assert services.reports.summary(day).model_dump(exclude={"made_at"}) == before
        assert "Aino" not in screen_text(app)

        await keys(pilot, "tab")  # to the register
        await keys(pilot, "f")
        await until(pilot, lambda: "käsitelty" in screen_text(app))
        assert "A002" in screen_text(app)  # the register names the visit by its ticket
        events = [(e.action.value, e.detail) for e in services.audit.events(AuditQuery(), limit=None)]
        assert ("erase", "data_subject_request") in events
        assert any(d and d.endswith("done") for a, d in events if a == "privacy_request")
        assert not any(("Aino" in (d or "") or "0101" in (d or "")) for _a, d in events)


async def test_a_desk_worker_cannot_open_the_privacy_screen(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, _services):
        await keys(pilot, "h")  # no accounts screen, so no way on to the privacy screen
        assert isinstance(app.screen, DeskScreen)
        app.screen.action_privacy()  # type: ignore[attr-defined]
        await settle(pilot)
        assert isinstance(app.screen, DeskScreen)
        commands = [c.title for c in app.screen.palette_commands()]  # type: ignore[attr-defined]
        assert not any("tietosuoja" in str(t).lower() or "rekister" in str(t).lower() for t in commands)


async def test_an_administrator_finds_it_in_the_palette(settings: Settings, clock: FakeClock) -> None:
    services = prepared(settings, clock)
    paula(services)
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "paula")
        commands = {str(c.title): c for c in app.screen.palette_commands()}  # type: ignore[attr-defined]
        [entry] = [c for t, c in commands.items() if t.startswith("tietosuoja")]
        entry.callback()
        await settle(pilot)
        assert isinstance(app.screen, PrivacyScreen)
        await keys(pilot, "escape")
        await keys(pilot, "h")
        assert isinstance(app.screen, StaffScreen)
    services.close()
