"""The documentation note from the visit screen (n): shown in the worker's language, copied,
saved in the data folder by day and ticket, marked documented; the desk's counter drops and the
audit trail has the mark with ids and codes only."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import create_engine, select

from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.settings import Settings
from storage.models import AuditEvent
from tests.conftest import FakeClock
from tests.tui.helpers import keys, notices, screen_text, settle, signed_in, until
from tui.dialogs.documentation_note import DocumentationNoteDialog
from tui.screens import DeskScreen, VisitScreen

PHONE = "+358 40 000 0101"


async def test_open_the_note_mark_documented_and_the_counter_drops(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        visit = services.desk.admit(IntakeForm(call_name="Aino", callback_phone=PHONE), app.staff_id)
        services.desk.call(visit.id, app.staff_id)
        services.desk.finish(visit.id, Outcome(workers=(NamedWorker(name="Ulla Ulkopuolinen", organisation="Kela"),),
                                               follow_up_on=clock().date() + timedelta(days=7)), app.staff_id)
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        await until(pilot, lambda: "Kirjattavia 1" in screen_text(app))
        app.push_screen(VisitScreen(visit.id))
        await settle(pilot)
        assert "odottaa kirjaamista (n: muistio)" in screen_text(app)
        await keys(pilot, "n")
        assert isinstance(app.screen, DocumentationNoteDialog)
        shown = screen_text(app)
        assert "Kirjausmuistio asiakastietojärjestelmään" in shown and "Ulla Ulkopuolinen, Kela" in shown
        await keys(pilot, "c")
        assert app.clipboard.startswith("Kirjausmuistio asiakastietojärjestelmään\n")
        assert "Muistio kopioitu" in notices(app)
        await keys(pilot, "s")
        saved = settings.home / "notes" / f"documentation-{visit.service_day.isoformat()}-A001.txt"
        await until(pilot, saved.exists)
        assert saved.read_text(encoding="utf-8") == app.clipboard
        assert saved.stat().st_mode & 0o777 == 0o600
        await keys(pilot, "d")
        await until(pilot, lambda: services.desk.visit(visit.id).documented_at is not None)
        await settle(pilot)
        assert isinstance(app.screen, VisitScreen)
        assert "kirjattu: Kaisa Esimerkki" in screen_text(app)
        assert "A001 merkitty kirjatuksi asiakastietojärjestelmään." in notices(app)
        assert app.screen.check_action("note", ()) is True  # the note is still there to read
        await keys(pilot, "escape")
        await until(pilot, lambda: isinstance(app.screen, DeskScreen) and "Kirjattavia" not in screen_text(app))
        assert services.desk.snapshot().counters.to_document == 0
    engine = create_engine(settings.database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(AuditEvent.action, AuditEvent.visit_id, AuditEvent.detail,
                                             AuditEvent.staff_id, AuditEvent.actor)).all()
    finally:
        engine.dispose()
    assert ("documented", visit.id, None) in [(r.action, r.visit_id, r.detail) for r in rows]
    assert ("export", visit.id, "documentation note saved") in [(r.action, r.visit_id, r.detail) for r in rows]
    assert not [r for r in rows if any(s in str(r) for s in ("Aino", PHONE, "Ulla"))]  # ids and codes only


async def test_anonymous_guidance_has_no_note(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        visit = services.desk.admit(IntakeForm(call_name="Aino"), app.staff_id)
        services.desk.call(visit.id, app.staff_id)
        services.desk.finish(visit.id, Outcome(referrals=()), app.staff_id)
        app.push_screen(VisitScreen(visit.id))
        await settle(pilot)
        await keys(pilot, "n")
        assert isinstance(app.screen, VisitScreen)  # greyed out: nothing to document
        assert "kirjaamista" not in screen_text(app)


async def test_an_administrator_signing_in_is_told_of_old_visits_awaiting_documentation(
        settings: Settings, clock: FakeClock) -> None:
    from forms.profile import load_profile
    from storage.services import open_services
    from tests.conftest import ADMIN_PIN, add_admin, add_worker
    from tests.tui.helpers import new_app

    then = FakeClock(clock() - timedelta(days=settings.retention_days + 5))
    services = open_services(settings.database_url, load_profile(), clock=then)
    worker = add_worker(services)
    add_admin(services)
    old = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
    services.desk.call(old.id, worker.id)
    services.desk.finish(old.id, Outcome(follow_up_on=then().date() + timedelta(days=7)), worker.id)
    services.close()
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: app.ready)
        await pilot.press(*"paula", "enter", *ADMIN_PIN, "enter")
        await until(pilot, lambda: "1 säilytysaikaa vanhempaa käyntiä odottaa kirjaamista" in notices(app))
        assert f"A001 {then().day}." in notices(app)
    services = open_services(settings.database_url, load_profile(), clock=clock)
    try:
        assert services.desk.visit(old.id).entry.call_name == "Aino"  # the start's own purge kept it
    finally:
        services.close()
