"""Every visit of the day is reachable: today's list (finished and left too), the memo from a
finished visit, a wrong `l` asked first and put back, the intake edited later."""

from __future__ import annotations

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, OutcomeAction, VisitStatus
from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.settings import Settings
from tests.conftest import FakeClock
from tests.tui.helpers import keys, settle, signed_in, until
from tui.dialogs import ConfirmDialog
from tui.screens import DeskScreen, IntakeEditScreen, TodayScreen, VisitScreen


async def test_a_finished_visit_opens_from_todays_list_and_prints_its_memo(
        settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        done = services.desk.admit(IntakeForm(call_name="Ville", language="fi"), worker.id)
        services.desk.call(done.id, worker.id)
        services.desk.finish(done.id, Outcome(actions=frozenset({OutcomeAction.GUIDANCE})), worker.id)
        services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
        await settle(pilot)
        assert isinstance(app.screen, DeskScreen)
        await keys(pilot, "v")
        assert isinstance(app.screen, TodayScreen)
        assert [e.ticket for e in app.screen.shown] == ["A001", "A002"]  # the finished one too
        await keys(pilot, *"vil")  # the name to call, typed: the list narrows as it is typed
        assert [e.call_name for e in app.screen.shown] == ["Ville"]
        await keys(pilot, "enter")
        assert isinstance(app.screen, VisitScreen) and app.screen.visit_id == done.id
        await keys(pilot, "4")  # the memo: no printer here, so it is saved and on record
        detail = services.desk.visit(done.id)
        assert detail.entry.status is VisitStatus.FINISHED
        assert [(h.kind, h.outcome) for h in detail.handouts] == [("memo", "saved")]
        await keys(pilot, "escape")
        assert isinstance(app.screen, TodayScreen)
        await keys(pilot, "escape")
        assert isinstance(app.screen, DeskScreen)


async def test_a_wrong_l_is_asked_first_then_put_back_in_its_place(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        first = services.desk.admit(IntakeForm(call_name="Eero"), worker.id)
        clock.advance(2)
        services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        await until(pilot, lambda: desk.snapshot is not None and len(desk.snapshot.entries) == 2)
        await keys(pilot, "l")
        assert isinstance(app.screen, ConfirmDialog)
        await keys(pilot, "escape")  # cancelled: nothing changed
        assert isinstance(app.screen, DeskScreen)
        assert services.desk.visit(first.id).entry.status is VisitStatus.WAITING
        await keys(pilot, "l", "enter")  # confirmed (the wrong one, say)
        assert isinstance(app.screen, DeskScreen)
        assert services.desk.visit(first.id).entry.status is VisitStatus.LEFT
        await keys(pilot, "v", *"A001", "enter")
        assert isinstance(app.screen, VisitScreen) and app.screen.visit_id == first.id
        await keys(pilot, "b")
        back = services.desk.visit(first.id)
        assert back.entry.status is VisitStatus.WAITING and back.entry.arrived_at == first.arrived_at
        assert services.desk.snapshot().entries[0].id == first.id
        event = services.audit.events(AuditQuery(action=AuditAction.PUT_BACK))[0]
        assert (event.username, event.ticket, event.detail) == ("kaisa", "A001", "put_back_left")


async def test_a_finish_too_soon_goes_back_in_the_meeting(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        visit = services.desk.admit(IntakeForm(), worker.id)
        services.desk.start(visit.id, worker.id)
        services.desk.finish(visit.id, Outcome(referrals=("kela",)), worker.id)
        await keys(pilot, "v", "enter")
        assert isinstance(app.screen, VisitScreen)
        await keys(pilot, "b")
        back = services.desk.visit(visit.id)
        assert back.entry.status is VisitStatus.IN_MEETING and back.referrals == ()
        await keys(pilot, "b")  # nothing more to put back: the key is greyed out
        assert services.desk.visit(visit.id).entry.status is VisitStatus.IN_MEETING


async def test_the_intake_of_a_waiting_visit_is_completed_later(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        visit = services.desk.admit(IntakeForm(), worker.id)  # anonymous, in Finnish
        await settle(pilot)
        await keys(pilot, "v", "enter")  # from today's list
        assert isinstance(app.screen, VisitScreen)
        await keys(pilot, "e")
        assert isinstance(app.screen, IntakeEditScreen)
        app.screen.query_one("#field-language Select").value = "sv"
        app.screen.query_one("#field-callback_phone Input").value = "+358 40 000 0101"
        await keys(pilot, *"Ylva", "f2")
        assert isinstance(app.screen, VisitScreen)
        detail = services.desk.visit(visit.id)
        assert (detail.entry.call_name, detail.entry.language, detail.callback_phone) == (
            "Ylva", "sv", "+358 40 000 0101")
        assert detail.entry.status is VisitStatus.WAITING and detail.entry.arrived_at == visit.arrived_at
        event = services.audit.events(AuditQuery(action=AuditAction.INTAKE_CHANGED))[0]
        assert (event.username, event.ticket, event.detail) == ("kaisa", "A001", "call_name,language,callback_phone")
        assert services.drafts.load(worker.id, "intake") is None  # an edit leaves no walk-in draft
        await keys(pilot, "e", "escape")  # Esc changes nothing
        assert isinstance(app.screen, VisitScreen)
        assert services.audit.events(AuditQuery(action=AuditAction.INTAKE_CHANGED))[0] == event
