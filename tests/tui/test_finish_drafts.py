"""The finish form keeps what is typed as the worker's draft (switch user, a crash), and its dates
must be believable, with the message beside the field and nothing typed lost. A draft typed while
the database cannot take it waits in the data folder."""

from __future__ import annotations

import sqlite3

from forms.choices import VisitStatus
from forms.intake import IntakeForm
from forms.settings import Settings
from storage.drafts import WAITING_FILE
from tests.conftest import PIN, FakeClock, add_worker
from tests.tui.helpers import (
    error_beside,
    keys,
    new_app,
    prepared,
    settle,
    sign_in,
    signed_in,
    until,
)
from tui.dialogs import FinishDialog
from tui.screens import DeskScreen, IntakeScreen, VisitScreen
from tui.screens.lock import LockScreen


def typed(app: object, field: str) -> str:
    return app.screen.query_one(f"#field-{field} Input").value  # type: ignore[attr-defined, no-any-return]


async def test_switching_user_keeps_the_outcome_and_gives_it_back(settings: Settings, clock: FakeClock) -> None:
    services = prepared(settings, clock)
    kaisa = services.staff.find("kaisa")
    assert kaisa is not None
    add_worker(services, "olli", "Olli Testinen")
    visit = services.desk.admit(IntakeForm(call_name="Aino"), kaisa.id)
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
        await keys(pilot, "c", "f")
        assert isinstance(app.screen, FinishDialog)
        await keys(pilot, "space")  # "guidance", the first of what was done
        app.screen.query_one("#field-note Input").focus()
        await pilot.press(*"soittaa maanantaina")
        await keys(pilot, "ctrl+l")  # locks at once: the draft is kept before the lock screen
        assert isinstance(app.screen, LockScreen)
        await keys(pilot, "f3")
        await pilot.press(*"olli", "enter", *PIN, "enter")
        await until(pilot, lambda: app.worker_on_duty is not None and app.worker_on_duty.username == "olli")
        await settle(pilot)
        assert isinstance(app.screen, DeskScreen)
        draft = services.drafts.load(kaisa.id, "finish")
        assert draft is not None and draft["note"] == "soittaa maanantaina" and draft["actions"] == ["guidance"]
        await keys(pilot, "f12", "f3")
        await pilot.press(*"kaisa", "enter", *PIN, "enter")
        await until(pilot, lambda: isinstance(app.screen, FinishDialog))
        await settle(pilot)
        assert typed(app, "note") == "soittaa maanantaina"
        assert app.screen.query_one("#actions").selected == ["guidance"]  # type: ignore[attr-defined]
        assert isinstance(app.screen_stack[-2], VisitScreen)
        await keys(pilot, "f2", "d", "n")  # finish; the client declined the feedback sheet; no memo now
        assert isinstance(app.screen, DeskScreen)
    detail = services.desk.visit(visit.id)
    assert detail.entry.status is VisitStatus.FINISHED and detail.outcome_note == "soittaa maanantaina"
    assert services.drafts.load(kaisa.id, "finish") is None
    services.close()


async def test_the_draft_comes_back_when_finish_is_opened_again_and_esc_twice_drops_it(
        settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        other = services.desk.admit(IntakeForm(), worker.id)
        visit = services.desk.admit(IntakeForm(), worker.id)
        services.desk.start(visit.id, worker.id)
        services.desk.start(other.id, worker.id)
        app.push_screen(VisitScreen(visit.id))
        await settle(pilot)
        await keys(pilot, "f")
        app.screen.query_one("#field-follow_up_on Input").focus()
        await pilot.press(*"8.12.2026")
        await until(pilot, lambda: (services.drafts.load(worker.id, "finish") or {}).get("follow_up_on") == "8.12.2026")
        app.screen.keep_draft()  # as a crash would leave it: the draft, and the dialog gone
        app.pop_screen()
        await keys(pilot, "escape")
        app.push_screen(VisitScreen(other.id))  # another visit's finish starts empty and keeps the draft
        await settle(pilot)
        await keys(pilot, "f")
        assert typed(app, "follow_up_on") == ""
        await keys(pilot, "escape")
        assert services.drafts.load(worker.id, "finish")["visit_id"] == visit.id  # type: ignore[index]
        await keys(pilot, "escape")
        app.push_screen(VisitScreen(visit.id))
        await settle(pilot)
        await keys(pilot, "f")
        assert typed(app, "follow_up_on") == "8.12.2026"
        await keys(pilot, "escape")
        assert isinstance(app.screen, FinishDialog)  # the first Esc only warns
        await keys(pilot, "escape")
        assert isinstance(app.screen, VisitScreen)
        assert services.drafts.load(worker.id, "finish") is None


async def test_a_date_out_of_reason_is_shown_beside_its_field_and_kept(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        visit = services.desk.admit(IntakeForm(), worker.id)
        await keys(pilot, "c", "f")
        follow_up = app.screen.query_one("#field-follow_up_on Input")
        appointment = app.screen.query_one("#field-next_appointment Input")
        follow_up.value, appointment.value = "1.1.1900", "29.3.2027 03.30"  # a Monday: the clocks moved on the 28th
        await keys(pilot, "f2")
        assert "menneisyydessä" in error_beside(app, "follow_up_on")
        assert error_beside(app, "next_appointment") == ""
        follow_up.value, appointment.value = "1.1.9999", "28.3.2027 03.30"
        await keys(pilot, "f2")
        assert "Yli vuoden päässä" in error_beside(app, "follow_up_on")
        assert "28.3.2027" in error_beside(app, "next_appointment")
        assert isinstance(app.screen, FinishDialog)
        assert (typed(app, "follow_up_on"), typed(app, "next_appointment")) == ("1.1.9999", "28.3.2027 03.30")
        assert services.desk.visit(visit.id).entry.status is VisitStatus.CALLED
        follow_up.value, appointment.value = "24.11.2026", "28.3.2027 04.30"
        await keys(pilot, "f2", "d")
        assert services.desk.visit(visit.id).entry.status is VisitStatus.FINISHED


async def test_an_intake_typed_while_the_database_is_busy_waits_in_the_data_folder(
        settings: Settings, clock: FakeClock) -> None:
    impatient = settings.model_copy(update={"database": settings.database.model_copy(
        update={"busy_timeout_seconds": 0.2})})
    services = prepared(impatient, clock)
    kaisa = services.staff.find("kaisa")
    assert kaisa is not None
    waiting = settings.home / WAITING_FILE
    app = new_app(impatient, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
        await keys(pilot, "n")
        blocker = sqlite3.connect(settings.home / "walkin.db", isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")  # another program holds the database: no desk can write
        try:
            await pilot.press(*"Eelis")
            await until(pilot, waiting.exists)
            assert "Eelis" in waiting.read_text() and waiting.stat().st_mode & 0o777 == 0o600
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        app.exit()  # as good as a crash: nothing more is saved on the way out
    assert services.drafts.load(kaisa.id, "intake") is None  # the database never got it
    async with signed_in(settings, clock, prepare=False) as (pilot, app, _services):
        assert isinstance(app.screen, IntakeScreen)
        assert typed(app, "call_name") == "Eelis"
        assert not waiting.exists()  # now in the database
    assert (services.drafts.load(kaisa.id, "intake") or {})["call_name"] == "Eelis"
    services.close()
