"""Storage's guards follow the queue's transition table, on real SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from forms.choices import Urgency, VisitStatus
from forms.handover import HandoverRequest
from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.transitions import QueueStep, allows, transition
from storage.errors import TransitionRefused
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import add_worker


def _visit_in(services: Services, staff_id: int, status: VisitStatus) -> int:
    desk = services.desk
    visit_id = desk.admit(IntakeForm(), staff_id).id
    if status is VisitStatus.CALLED:
        desk.call(visit_id, staff_id)
    elif status is VisitStatus.IN_MEETING:
        desk.start(visit_id, staff_id)
    elif status is VisitStatus.FINISHED:
        desk.start(visit_id, staff_id)
        desk.finish(visit_id, Outcome(), staff_id)
    elif status is VisitStatus.LEFT:
        desk.mark_left(visit_id, staff_id)
    elif status is VisitStatus.NO_SHOW:
        desk.call(visit_id, staff_id)
        for _again in range(desk.queue_rules.calls_before_no_show - 1):
            desk.call_again(visit_id, staff_id)
        desk.mark_no_show(visit_id, staff_id)
    assert desk.visit(visit_id).entry.status is status
    return visit_id


def _taker(services: Services, step: QueueStep) -> Callable[[int, int], object]:
    desk = services.desk
    return {
        QueueStep.TRIAGE: lambda v, s: desk.record_triage(v, {}, Urgency.SOON, [], s),
        QueueStep.EDIT_INTAKE: lambda v, s: desk.change_intake(v, IntakeForm(call_name="Uusi"), s),
        QueueStep.CALL: desk.call,
        QueueStep.CALL_AGAIN: desk.call_again,
        QueueStep.MARK_NO_SHOW: desk.mark_no_show,
        QueueStep.PUT_BACK_NO_SHOW: lambda v, s: desk.put_back(v, s, QueueStep.PUT_BACK_NO_SHOW),
        QueueStep.START: desk.start,
        QueueStep.RETURN_TO_QUEUE: desk.return_to_queue,
        QueueStep.MARK_LEFT: desk.mark_left,
        QueueStep.FINISH: lambda v, s: desk.finish(v, Outcome(), s),
        QueueStep.PUT_BACK_LEFT: lambda v, s: desk.put_back(v, s, QueueStep.PUT_BACK_LEFT),
        QueueStep.PUT_BACK_FINISHED: lambda v, s: desk.put_back(v, s, QueueStep.PUT_BACK_FINISHED),
        QueueStep.CORRECT_OUTCOME: lambda v, s: desk.correct_outcome(v, Outcome(note="korjattu"), s),
        QueueStep.HAND_OVER: lambda v, s: desk.hand_over(v, HandoverRequest(to_staff_id=_colleague(services),
                                                                            reason="siirto"), s),
        QueueStep.STEP_OUT: desk.step_out,
        # Back needs a step out first (refused as well for a visit that is not waiting).
        QueueStep.STEP_BACK: lambda v, s: (desk.step_out(v, s), desk.step_back(v, s)),
    }[step]


def _colleague(services: Services) -> int:
    """The worker a visit is handed to (added once)."""
    found = services.staff.find("olli")
    return (found or add_worker(services, "olli", "Olli Esimerkki")).id


def test_every_step_from_every_status_as_the_table_says(services: Services, worker: StaffMember) -> None:
    for step in QueueStep:
        for status in VisitStatus:
            visit_id = _visit_in(services, worker.id, status)
            calls = services.desk.visit(visit_id).entry.calls  # one call: too few for "did not show"
            if allows(step, status, calls, services.desk.queue_rules.calls_before_no_show):
                _taker(services, step)(visit_id, worker.id)
                expected = transition(step).leads_to or status
            else:
                with pytest.raises(TransitionRefused):
                    _taker(services, step)(visit_id, worker.id)
                expected = status
            assert services.desk.visit(visit_id).entry.status is expected, (step, status)
