"""Follow-ups: made by the finish and its correction, the list due and the desk's counters, moving
one, recording contacts (referrals, anonymous answers, attempts, closing), and the retention of the
personal fields a follow-up needs."""

from __future__ import annotations

from datetime import date, timedelta

from forms.choices import ConsentKind, ConsentMethod, FollowUpBy
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock, add_worker

TODAY = date(2026, 11, 24)
"""The fake clock's day (tests.conftest.TUESDAY_MORNING)."""


def finished(services: Services, worker: StaffMember, on: date | None = TODAY + timedelta(days=7),
             workers: tuple[NamedWorker, ...] = (), referrals: tuple[str, ...] = (),
             name: str = "Eero", phone: str | None = "+358 40 000 0101", consent: bool = True) -> int:
    visit = services.desk.admit(IntakeForm(call_name=name, callback_phone=phone), worker.id)
    if consent:
        services.desk.record_consent(visit.id, ConsentKind.CONTACT, ConsentMethod.SPOKEN, worker.id)
    services.desk.start(visit.id, worker.id)
    services.desk.finish(visit.id, Outcome(follow_up_on=on, workers=workers, referrals=referrals), worker.id)
    return visit.id


def test_a_finish_with_a_follow_up_date_makes_its_follow_up(services: Services, worker: StaffMember) -> None:
    colleague = add_worker(services, "ville", "Ville Esimerkki")
    outside = NamedWorker(name="Liisa Ohjaaja", organisation="Kela")
    mine = finished(services, worker, referrals=("kela",))
    theirs = finished(services, worker, workers=(outside, NamedWorker(staff_id=colleague.id)), name="Aino")
    finished(services, worker, on=None)
    lines = services.follow_ups.due(None, None)
    assert [(line.visit_id, line.staff_id, line.due_on) for line in lines] == [
        (mine, worker.id, TODAY + timedelta(days=7)), (theirs, colleague.id, TODAY + timedelta(days=7))]
    first = lines[0]
    assert (first.call_name, first.callback_phone, first.consent_to_contact, first.destinations, first.by,
            first.failed_attempts, first.staff_name) == (
        "Eero", "+358 40 000 0101", True, ("kela",), FollowUpBy.WORKER, 0, worker.display_name)
    assert [line.visit_id for line in services.follow_ups.due(colleague.id, None)] == [theirs]


def test_without_consent_the_list_shows_no_name_or_phone(services: Services, worker: StaffMember) -> None:
    finished(services, worker, consent=False)
    line = services.follow_ups.due(worker.id, None)[0]
    assert (line.consent_to_contact, line.call_name, line.callback_phone) == (False, None, None)


def test_counts_today_and_overdue_mine_and_everyone(services: Services, worker: StaffMember,
                                                    clock: FakeClock) -> None:
    colleague = add_worker(services, "ville", "Ville Esimerkki")
    finished(services, worker, on=TODAY + timedelta(days=1))
    finished(services, worker, on=TODAY + timedelta(days=3))
    finished(services, worker, on=TODAY + timedelta(days=3), workers=(NamedWorker(staff_id=colleague.id),))
    finished(services, worker, on=TODAY + timedelta(days=9))
    assert (services.follow_ups.counts(None).today, services.follow_ups.counts(None).overdue) == (0, 0)
    clock.advance(3 * 24 * 60)
    assert services.follow_ups.counts(worker.id) == type(services.follow_ups.counts(None))(today=1, overdue=1)
    everyone = services.follow_ups.counts(None)
    assert (everyone.today, everyone.overdue) == (2, 1)
    assert [line.due_on for line in services.follow_ups.due(worker.id, TODAY + timedelta(days=3))] == [
        TODAY + timedelta(days=1), TODAY + timedelta(days=3)]


def test_correcting_the_outcome_moves_makes_or_drops_the_follow_up(services: Services, worker: StaffMember) -> None:
    colleague = add_worker(services, "ville", "Ville Esimerkki")
    visit_id = finished(services, worker, on=None)
    assert services.follow_ups.due(None, None) == []
    later = TODAY + timedelta(days=14)
    services.desk.correct_outcome(visit_id, Outcome(follow_up_on=later), worker.id)
    assert [(line.visit_id, line.due_on, line.staff_id) for line in services.follow_ups.due(None, None)] == [
        (visit_id, later, worker.id)]
    services.desk.correct_outcome(visit_id, Outcome(follow_up_on=TODAY + timedelta(days=2),
                                                    workers=(NamedWorker(staff_id=colleague.id),)), colleague.id)
    assert [(line.due_on, line.staff_id) for line in services.follow_ups.due(None, None)] == [
        (TODAY + timedelta(days=2), colleague.id)]
    services.desk.correct_outcome(visit_id, Outcome(note="ei seurantaa"), worker.id)
    assert services.follow_ups.due(None, None) == []


def test_a_finish_put_back_drops_its_follow_up(services: Services, worker: StaffMember) -> None:
    from forms.transitions import QueueStep

    visit_id = finished(services, worker)
    services.desk.put_back(visit_id, worker.id, QueueStep.PUT_BACK_FINISHED)
    assert services.follow_ups.due(None, None) == []
    services.desk.finish(visit_id, Outcome(follow_up_on=TODAY + timedelta(days=3)), worker.id)
    assert [line.due_on for line in services.follow_ups.due(None, None)] == [TODAY + timedelta(days=3)]


def test_detail_lists_the_referrals_and_asks_the_health_check(services: Services, worker: StaffMember) -> None:
    finished(services, worker, referrals=("kela", "health_check"))
    line = services.follow_ups.due(None, None)[0]
    detail = services.follow_ups.detail(line.id)
    assert detail.line == line
    assert [r.destination for r in detail.referrals] == ["kela", "health_check"]
    assert detail.asks_health_check and not detail.kykyviisari_before_recorded and not detail.closed
    assert detail.contacts == ()
