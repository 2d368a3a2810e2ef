"""Putting back a visit closed by mistake, the same day, on real SQLite and PostgreSQL: left goes
back to its place in the queue, finished back in the meeting; audited; the day's figures follow."""

from __future__ import annotations

import pytest

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, OutcomeAction, VisitStatus
from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.timefmt import service_day
from forms.transitions import QueueStep
from storage.errors import TransitionRefused
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock


def test_left_by_mistake_goes_back_to_its_place(services: Services, worker: StaffMember,
                                                clock: FakeClock) -> None:
    desk = services.desk
    first = desk.admit(IntakeForm(call_name="Eero"), worker.id)
    clock.advance(5)
    desk.admit(IntakeForm(call_name="Aino"), worker.id)
    clock.advance(5)
    desk.mark_left(first.id, worker.id)
    assert services.reports.summary(service_day(clock())).left == 1
    clock.advance(1)
    desk.put_back(first.id, worker.id, QueueStep.PUT_BACK_LEFT)
    back = desk.visit(first.id)
    assert back.entry.status is VisitStatus.WAITING and back.left_at is None
    assert back.entry.arrived_at == first.arrived_at
    assert [e.call_name for e in desk.snapshot().entries] == ["Eero", "Aino"]  # first again
    day = services.reports.summary(service_day(clock()))
    assert (day.visits, day.left, day.still_open) == (2, 0, 2)
    event = services.audit.events(AuditQuery(action=AuditAction.PUT_BACK))[0]
    assert (event.username, event.ticket, event.detail, event.at) == (
        worker.username, first.ticket, "put_back_left", clock())


def test_finished_by_mistake_goes_back_in_the_meeting_and_counts_once(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    desk = services.desk
    visit = desk.admit(IntakeForm(), worker.id)
    desk.start(visit.id, worker.id)
    clock.advance(10)
    desk.finish(visit.id, Outcome(actions=frozenset({OutcomeAction.GUIDANCE}), referrals=("kela",),
                                  note="Kela-hakemus"), worker.id)
    desk.put_back(visit.id, worker.id, QueueStep.PUT_BACK_FINISHED)
    back = desk.visit(visit.id)
    assert back.entry.status is VisitStatus.IN_MEETING
    assert (back.finished_at, back.actions, back.referrals, back.outcome_note) == (None, frozenset(), (), None)
    assert back.started_at is not None
    day = services.reports.summary(service_day(clock()))
    assert (day.finished, day.still_open, day.referrals) == (0, 1, {})
    clock.advance(5)
    desk.finish(visit.id, Outcome(referrals=("kela",)), worker.id)
    day = services.reports.summary(service_day(clock()))
    assert (day.finished, day.referrals, day.actions["referral"], day.actions["guidance"]) == (1, {"kela": 1}, 1, 0)
    assert (day.meeting.count, day.meeting.longest) == (1, 15)  # the meeting went on from its start


def test_only_the_same_day_and_only_a_closed_visit(services: Services, worker: StaffMember,
                                                   clock: FakeClock) -> None:
    desk = services.desk
    waiting = desk.admit(IntakeForm(), worker.id)
    with pytest.raises(TransitionRefused):
        desk.put_back(waiting.id, worker.id, QueueStep.PUT_BACK_LEFT)
    desk.mark_left(waiting.id, worker.id)
    with pytest.raises(TransitionRefused):  # it was left, not finished
        desk.put_back(waiting.id, worker.id, QueueStep.PUT_BACK_FINISHED)
    yesterday = service_day(clock())
    clock.advance(24 * 60)
    with pytest.raises(TransitionRefused):
        desk.put_back(waiting.id, worker.id, QueueStep.PUT_BACK_LEFT)
    assert desk.visit(waiting.id).entry.status is VisitStatus.LEFT
    assert services.reports.summary(yesterday).left == 1
