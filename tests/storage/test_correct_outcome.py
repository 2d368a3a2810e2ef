"""Correcting a finished visit's outcome: replaced whole, the same day only, audited by field name,
and the day's figures (live and tallied) follow."""

from __future__ import annotations

from datetime import datetime

import pytest

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, FollowUpBy, OutcomeAction, VisitStatus
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.timefmt import HELSINKI, service_day
from storage.errors import TransitionRefused
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock

FIRST = Outcome(actions=frozenset({OutcomeAction.GUIDANCE}), referrals=("kela",), note="Kela-hakemus",
                workers=(NamedWorker(name="Liisa Ohjaaja", organisation="Kela", phone="+358 40 000 0102"),))


def finished(services: Services, worker: StaffMember, outcome: Outcome = FIRST) -> int:
    visit = services.desk.admit(IntakeForm(call_name="Eero"), worker.id)
    services.desk.start(visit.id, worker.id)
    services.desk.finish(visit.id, outcome, worker.id)
    return visit.id


def test_a_corrected_outcome_replaces_the_recorded_one(services: Services, worker: StaffMember,
                                                       clock: FakeClock) -> None:
    visit_id = finished(services, worker)
    before = services.desk.visit(visit_id)
    clock.advance(3)
    corrected = Outcome(referrals=("employment_services",), note="Kela-hakemus", follow_up_on="14.12.2026",
                        follow_up_by=FollowUpBy.CLIENT, next_appointment="1.12.2026 10.00",
                        appointment_place="Työkykykeskus, Esimerkkikatu 1", workers=(NamedWorker(staff_id=worker.id),))
    changed = services.desk.correct_outcome(visit_id, corrected, worker.id)
    assert changed == ["actions", "follow_up_on", "follow_up_by", "next_appointment", "appointment_place",
                       "referrals", "workers"]
    after = services.desk.visit(visit_id)
    assert after.entry.status is VisitStatus.FINISHED
    assert (after.finished_at, after.started_at) == (before.finished_at, before.started_at)
    assert after.actions == {"referral", "appointment", "worker_named"}
    assert after.referrals == ("employment_services",)
    assert [(w.staff_id, w.name) for w in after.workers] == [(worker.id, worker.display_name)]
    assert (str(after.follow_up_on), after.follow_up_by, after.appointment_place) == (
        "2026-12-14", "client", "Työkykykeskus, Esimerkkikatu 1")
    assert after.next_appointment_at == datetime(2026, 12, 1, 10, 0, tzinfo=HELSINKI)
    event = services.audit.events(AuditQuery(action=AuditAction.OUTCOME_CORRECTED))[0]
    # who and when, and the fields by name: no values (no names, no notes) in the trail
    assert (event.username, event.detail, event.at) == (
        worker.username, "actions,follow_up_on,follow_up_by,next_appointment,appointment_place,referrals,workers",
        clock())
    assert "Liisa" not in (event.detail or "") and "Kela" not in (event.detail or "")


def test_nothing_changed_writes_nothing(services: Services, worker: StaffMember) -> None:
    visit_id = finished(services, worker)
    assert services.desk.correct_outcome(visit_id, FIRST, worker.id) == []
    assert services.audit.events(AuditQuery(action=AuditAction.OUTCOME_CORRECTED)) == []


def test_the_day_counts_the_corrected_outcome_live_and_tallied(services: Services, worker: StaffMember,
                                                                clock: FakeClock) -> None:
    day = service_day(clock())
    visit_id = finished(services, worker)
    # A tally of the day made before the correction (as a summary at midnight would): the
    # correction drops it, so the day is counted again with the corrected outcome.
    services.reports.tallies.ensure(day, day)
    services.desk.correct_outcome(visit_id, Outcome(referrals=("employment_services",)), worker.id)
    live = services.reports.summary(day)
    assert (live.finished, live.referrals, live.actions["guidance"], live.actions["referral"],
            live.actions["worker_named"]) == (1, {"employment_services": 1}, 0, 1, 0)
    clock.advance(24 * 60)
    tallied = services.reports.summary(day)
    assert (tallied.finished, tallied.referrals, tallied.actions["guidance"], tallied.actions["referral"],
            tallied.actions["worker_named"]) == (1, {"employment_services": 1}, 0, 1, 0)


def test_only_a_finished_visit_of_today(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    waiting = services.desk.admit(IntakeForm(), worker.id)
    for outcome in (FIRST, Outcome()):  # refused even when it would change nothing
        with pytest.raises(TransitionRefused):
            services.desk.correct_outcome(waiting.id, outcome, worker.id)
    visit_id = finished(services, worker, Outcome())
    clock.advance(24 * 60)
    with pytest.raises(TransitionRefused):
        services.desk.correct_outcome(visit_id, FIRST, worker.id)
    assert services.desk.visit(visit_id).actions == frozenset()
