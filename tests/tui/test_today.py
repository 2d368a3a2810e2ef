"""Every visit of the day is reachable: today's list (finished and left too), the memo from a
finished visit, a wrong `l` asked first and put back, the intake edited later."""

from __future__ import annotations

from forms.choices import OutcomeAction, VisitStatus
from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.settings import Settings
from tests.conftest import FakeClock
from tests.tui.helpers import keys, settle, signed_in
from tui.screens import DeskScreen, TodayScreen, VisitScreen


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
