"""Follow-ups: made by the finish and its correction, the list due and the desk's counters, moving
one, recording contacts (referrals, anonymous answers, attempts, closing), and the retention of the
personal fields a follow-up needs."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, ConsentKind, ConsentMethod, FollowUpBy
from forms.followup import NOT_REACHED, FollowUpContact, FollowUpMove
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.profile import ServiceProfile
from forms.settings import Settings
from storage.audit import COMMAND_LINE
from storage.errors import StorageError, TransitionRefused
from storage.models import FollowUpAnswer
from storage.services import Services, open_services
from storage.views import StaffMember
from tests.conftest import TUESDAY_MORNING, FakeClock, add_admin, add_worker
from tests.scenarios import period_figures
from workflows import followups

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
    # Documented in the client information system at once, as a client matter should be: retention
    # keeps an undocumented one whatever its follow-up (tests/storage/test_documentation.py).
    services.desk.mark_documented(visit.id, worker.id)
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


def validated(services: Services, follow_up_id: int, **values: object) -> FollowUpContact:
    """A contact as the form hands it: validated with the context the screen gives."""
    detail = services.follow_ups.detail(follow_up_id)
    return FollowUpContact.model_validate(values, context={
        "now": services.clock(), "profile": services.follow_ups.profile,
        "failed_attempts": detail.line.failed_attempts})


def test_moving_a_follow_up_is_audited_by_field_name(services: Services, worker: StaffMember) -> None:
    colleague = add_worker(services, "ville", "Ville Esimerkki")
    finished(services, worker)
    line = services.follow_ups.due(None, None)[0]
    assert services.follow_ups.move(line.id, FollowUpMove(due_on=line.due_on, staff_id=worker.id), worker.id) == []
    later = TODAY + timedelta(days=20)
    changed = services.follow_ups.move(line.id, FollowUpMove(due_on=later, staff_id=colleague.id), worker.id)
    assert changed == ["due_on", "staff_id"]
    assert [(x.due_on, x.staff_id) for x in services.follow_ups.due(colleague.id, None)] == [(later, colleague.id)]
    events = services.audit.events(AuditQuery(action=AuditAction.FOLLOW_UP_MOVED))
    assert [(e.username, e.detail) for e in events] == [(worker.username, "due_on,staff_id")]


def test_a_reached_contact_records_referrals_and_anonymous_answers(services: Services, worker: StaffMember,
                                                                   clock: FakeClock) -> None:
    visit_id = finished(services, worker, referrals=("kela", "health_check"))
    line = services.follow_ups.due(None, None)[0]
    detail = services.follow_ups.detail(line.id)
    kela, check = (r.id for r in detail.referrals)
    clock.advance(7 * 24 * 60)
    contact = validated(services, line.id, reached=True, referrals={kela: "reached", check: "waiting"},
                        health_check="not_done", kykyviisari_before=True, kykyviisari_after=False,
                        answers={"heard": "yes", "got_services": "partly"}, worker_views={"quality_of_life": "no"},
                        next_on=TODAY + timedelta(days=30))
    assert services.follow_ups.record(line.id, contact, worker.id, keep_days=30) is False
    after = services.follow_ups.detail(line.id)
    assert after.line.due_on == TODAY + timedelta(days=30) and not after.closed
    assert after.kykyviisari_before_recorded
    (record,) = after.contacts
    assert (record.reached, record.staff_name, record.health_check, record.referrals) == (
        True, worker.display_name, "not_done", (("kela", "reached"), ("health_check", "waiting")))
    with services.db.reading() as session:
        answers = session.execute(select(FollowUpAnswer)).scalars().all()
        assert sorted((a.day, a.question, a.respondent, a.answer) for a in answers) == [
            (TODAY + timedelta(days=7), "got_services", "client", "partly"),
            (TODAY + timedelta(days=7), "heard", "client", "yes"),
            (TODAY + timedelta(days=7), "quality_of_life", "worker", "no")]
    # Nothing in an answer leads back to the visit, the contact or the worker (its site is a place
    # that serves hundreds).
    assert {c.name for c in FollowUpAnswer.__table__.columns} == {"id", "day", "question", "respondent", "answer",
                                                                  "site"}
    assert {a.site for a in answers} == {"keskusta"}
    event = services.audit.events(AuditQuery(action=AuditAction.FOLLOW_UP_CONTACT))[0]
    assert (event.detail, event.ticket) == ("reached", services.desk.visit(visit_id).entry.ticket)


def test_not_reached_is_counted_and_closes_only_after_the_attempts(services: Services, worker: StaffMember) -> None:
    finished(services, worker)
    line = services.follow_ups.due(None, None)[0]
    needed = services.follow_ups.profile.attempts_before_not_reached
    for attempt in range(1, needed):
        with pytest.raises(ValidationError, match="epäonnistuneen"):
            validated(services, line.id, reached=False, end_reason=NOT_REACHED)
        with pytest.raises(TransitionRefused, match="epäonnistuneen"):  # the store checks it too
            services.follow_ups.record(line.id, FollowUpContact(reached=False, end_reason=NOT_REACHED),
                                       worker.id, keep_days=30)
        services.follow_ups.record(line.id, validated(services, line.id, reached=False, next_on=TODAY),
                                   worker.id, keep_days=30)
        assert services.follow_ups.detail(line.id).line.failed_attempts == attempt
    closing = validated(services, line.id, reached=False, end_reason=NOT_REACHED)
    assert services.follow_ups.record(line.id, closing, worker.id, keep_days=30) is True
    detail = services.follow_ups.detail(line.id)
    assert (detail.closed, detail.end_reason, detail.closed_by, detail.line.failed_attempts) == (
        True, NOT_REACHED, worker.display_name, needed)
    assert services.follow_ups.due(None, None) == []
    with pytest.raises(TransitionRefused, match="suljettu"):
        services.follow_ups.record(line.id, closing, worker.id, keep_days=30)
    with pytest.raises(TransitionRefused, match="suljettu"):
        services.follow_ups.move(line.id, FollowUpMove(due_on=TODAY, staff_id=worker.id), worker.id)


def test_a_reached_contact_starts_the_attempts_again(services: Services, worker: StaffMember) -> None:
    finished(services, worker)
    line = services.follow_ups.due(None, None)[0]
    services.follow_ups.record(line.id, validated(services, line.id, reached=False, next_on=TODAY), worker.id, 30)
    services.follow_ups.record(line.id, validated(services, line.id, reached=True, next_on=TODAY), worker.id, 30)
    assert services.follow_ups.detail(line.id).line.failed_attempts == 0


def test_closed_as_employed_and_audited(services: Services, worker: StaffMember) -> None:
    finished(services, worker)
    line = services.follow_ups.due(None, None)[0]
    contact = validated(services, line.id, reached=True, answers={"heard": "yes"}, end_reason="employed")
    assert services.follow_ups.record(line.id, contact, worker.id, keep_days=30)
    detail = services.follow_ups.detail(line.id)
    assert (detail.end_reason, detail.contacts[-1].end_reason) == ("employed", "employed")
    events = services.audit.events(AuditQuery(action=AuditAction.FOLLOW_UP_CLOSED))
    assert [e.detail for e in events] == ["employed"]
    # A recent visit keeps its name until the retention days are up.
    assert services.desk.visit(line.visit_id).entry.call_name == "Eero"


def test_a_referral_of_another_visit_is_refused(services: Services, worker: StaffMember) -> None:
    finished(services, worker, referrals=("kela",))
    other = finished(services, worker, referrals=("kela",), name="Aino")
    mine, theirs = services.follow_ups.due(None, None)
    foreign = services.follow_ups.detail(theirs.id).referrals[0].id
    assert theirs.visit_id == other
    with pytest.raises(TransitionRefused):
        services.follow_ups.record(mine.id, FollowUpContact(reached=True, referrals={foreign: "reached"},
                                                           next_on=TODAY), worker.id, 30)
    assert services.follow_ups.detail(mine.id).contacts == ()


def _two_desks_close(db_url: str, profile: ServiceProfile, follow_up_id: int, staff_ids: list[int]) -> list[str]:
    desks = [open_services(db_url, profile) for _ in staff_ids]
    barrier = threading.Barrier(len(desks))
    outcomes: list[str] = []

    def close(desk: Services, staff_id: int) -> None:
        contact = FollowUpContact(reached=True, end_reason="employed")
        barrier.wait()
        try:
            desk.follow_ups.record(follow_up_id, contact, staff_id, keep_days=30)
            outcomes.append("closed")
        except TransitionRefused:
            outcomes.append("refused")

    threads = [threading.Thread(target=close, args=(desk, staff)) for desk, staff in zip(desks, staff_ids, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for desk in desks:
        desk.close()
    return sorted(outcomes)


def test_two_desks_recording_one_follow_up_at_once_one_wins(services: Services, worker: StaffMember,
                                                            db_url: str, profile: ServiceProfile) -> None:
    colleague = add_worker(services, "ville", "Ville Esimerkki")
    finished(services, worker)
    line = services.follow_ups.due(None, None)[0]
    assert _two_desks_close(db_url, profile, line.id, [worker.id, colleague.id]) == ["closed", "refused"]
    assert len(services.follow_ups.detail(line.id).contacts) == 1
    assert len(services.audit.events(AuditQuery(action=AuditAction.FOLLOW_UP_CLOSED))) == 1


# ------------------------------------------------------------------ retention ---
def _day(clock: FakeClock, days: int) -> None:
    clock.now = TUESDAY_MORNING + timedelta(days=days)


def test_personal_fields_outlive_retention_while_the_follow_up_is_open(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    kept = finished(services, worker, referrals=("kela",))
    no_consent = finished(services, worker, name="Aino", consent=False)
    no_follow_up = finished(services, worker, name="Eelis", on=None)
    _day(clock, 40)
    purged = services.retention.purge(30, COMMAND_LINE, follow_up_days=180)
    assert purged.visits == 2
    visit = services.desk.visit(kept)
    assert (visit.purged, visit.entry.call_name, visit.callback_phone) == (False, "Eero", "+358 40 000 0101")
    for gone in (no_consent, no_follow_up):
        assert services.desk.visit(gone).purged and services.desk.visit(gone).entry.call_name is None
    line = services.follow_ups.due(None, None)[0]
    assert (line.call_name, line.callback_phone) == ("Eero", "+358 40 000 0101")
    assert services.retention.purge(30, COMMAND_LINE, follow_up_days=180).visits == 0
    _day(clock, 181)
    assert services.retention.purge(30, COMMAND_LINE, follow_up_days=180).visits == 1
    assert services.desk.visit(kept).purged and services.desk.visit(kept).entry.call_name is None
    line = services.follow_ups.due(None, None)[0]  # still open: called by nobody's name now
    assert (line.consent_to_contact, line.call_name, line.callback_phone) == (True, None, None)


def test_closing_an_old_follow_up_erases_at_once_and_the_summary_stays(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    kept = finished(services, worker, referrals=("kela",))
    _day(clock, 40)
    services.retention.purge(30, COMMAND_LINE, follow_up_days=180)
    # The visit's day: the close (its contact, answers and reason) is counted on its own day.
    before = services.reports.summary(TODAY)
    line = services.follow_ups.due(None, None)[0]
    contact = validated(services, line.id, reached=True, answers={"heard": "yes"}, end_reason="employed")
    services.follow_ups.record(line.id, contact, worker.id, keep_days=30)
    visit = services.desk.visit(kept)
    assert visit.purged and visit.entry.call_name is None and visit.callback_phone is None
    assert period_figures(services.reports.summary(TODAY)) == period_figures(before)


def test_a_withdrawn_consent_erases_at_the_next_purge_and_the_answers_stay(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    kept = finished(services, worker)
    line = services.follow_ups.due(None, None)[0]
    contact = validated(services, line.id, reached=True, answers={"heard": "partly"}, next_on=TODAY + timedelta(days=7))
    services.follow_ups.record(line.id, contact, worker.id, keep_days=30)
    _day(clock, 40)
    services.retention.purge(30, COMMAND_LINE, follow_up_days=180)
    summary = services.reports.summary(TODAY, TODAY + timedelta(days=40))
    assert services.desk.visit(kept).entry.call_name == "Eero"
    consent = next(c for c in services.desk.visit(kept).consents if c.kind == ConsentKind.CONTACT.value)
    services.desk.withdraw_consent(consent.id, ConsentMethod.SPOKEN, worker.id)
    assert services.follow_ups.due(None, None)[0].call_name is None  # at once on the list
    assert services.retention.purge(30, COMMAND_LINE, follow_up_days=180).visits == 1
    assert services.desk.visit(kept).purged and services.desk.visit(kept).callback_phone is None
    with services.db.reading() as session:
        assert [(a.question, a.answer) for a in session.scalars(select(FollowUpAnswer))] == [("heard", "partly")]
    assert period_figures(services.reports.summary(TODAY, TODAY + timedelta(days=40))) == period_figures(summary)



def test_the_use_cases_keep_everyones_list_for_an_administrator(services: Services, worker: StaffMember,
                                                                settings: Settings, clock: FakeClock) -> None:
    admin = add_admin(services)
    finished(services, worker)
    assert [line.staff_id for line in followups.due(services, admin, everyone=True)] == [worker.id]
    assert followups.due(services, admin) == []
    with pytest.raises(StorageError):
        followups.due(services, worker, everyone=True)
    line = followups.due(services, worker)[0]
    _day(clock, 60)
    contact = FollowUpContact.model_validate({"reached": True, "end_reason": "studies"},
                                             context=followups.contact_context(services,
                                                                               services.follow_ups.detail(line.id)))
    assert followups.record_contact(services, settings, line.id, contact, worker) is True
    assert services.desk.visit(line.visit_id).purged  # 60 days old, past the settings' 30 days
