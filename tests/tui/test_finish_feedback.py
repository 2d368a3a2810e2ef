"""Finishing from the screen: the dialog hands over the outcome and the feedback answer, and the
use case stores them together: when another desk finished the visit first, nothing is stored; when
"print it now" meets a printer that fails, the answer and the failed print are kept."""

from __future__ import annotations

from forms.choices import VisitStatus
from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.settings import Settings
from tests.conftest import FakeClock, add_worker
from tests.cups import Cups
from tests.tui.helpers import keys, notices, signed_in, until
from tui.dialogs import FeedbackReminder, FinishDialog
from tui.screens import DeskScreen


async def test_a_visit_finished_at_another_desk_meanwhile_stores_no_feedback_answer(
        settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        kaisa = services.staff.active_members()[0]
        visit = services.desk.admit(IntakeForm(), kaisa.id)
        await keys(pilot, "c", "f")
        assert isinstance(app.screen, FinishDialog)
        services.desk.finish(visit.id, Outcome(), add_worker(services, "ville", "Ville Esimerkki").id)
        await keys(pilot, "f2", "enter")  # nothing recorded: asked first, yes
        assert isinstance(app.screen, FeedbackReminder)
        await keys(pilot, "d")  # the client declined: an answer, for a visit already finished
        assert "on jo" in notices(app)  # "Ticket A001 is already finished", in Finnish
        assert services.desk.visit(visit.id).feedback_instruction is None
        # No form to finish again: the visit is finished, and its screen closes as after a finish here.
        assert isinstance(app.screen, DeskScreen)


async def test_print_it_now_on_a_failing_printer_keeps_the_answer(settings: Settings, clock: FakeClock,
                                                                  cups: Cups) -> None:
    no_printer = settings.model_copy(update={"printer": "NoSuchPrinter"})
    async with signed_in(no_printer, clock) as (pilot, app, services):
        kaisa = services.staff.active_members()[0]
        visit = services.desk.admit(IntakeForm(), kaisa.id)
        await keys(pilot, "c", "f", "f2", "enter", "p", "n")
        await until(pilot, lambda: bool(services.desk.visit(visit.id).handouts)
                    and services.desk.visit(visit.id).handouts[0].outcome != "sending")
        assert isinstance(app.screen, DeskScreen)
        detail = services.desk.visit(visit.id)
        assert (detail.entry.status, detail.feedback_instruction) == (VisitStatus.FINISHED, "printed")
        assert [(h.kind, h.outcome) for h in detail.handouts] == [("feedback", "saved")]
        await until(pilot, lambda: "NoSuchPrinter" in notices(app) or "ei tulostunut" in notices(app))
