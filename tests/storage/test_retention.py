"""Retention and consents, on SQLite and PostgreSQL: purging old days erases every personal
field and leaves their summaries exactly as they were."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import delete, select, text, update

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, ConsentKind, ConsentMethod, HandoutKind
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.profile import ServiceProfile
from forms.timefmt import HELSINKI
from storage.audit import COMMAND_LINE
from storage.errors import StorageError, TransitionRefused
from storage.models import AuditEvent, AuditPurge
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tests.printouts.helpers import text as pdf_text
from tests.scenarios import DAY, at, busy_day, period_figures


def test_a_purged_day_sums_up_as_before(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    busy_day(services, worker, clock)
    at(clock, 12, 0)
    aino = services.desk.admit(IntakeForm(call_name="Aino", callback_phone="040 000 0000"), worker.id)
    services.desk.call(aino.id, worker.id)
    outside = NamedWorker(name="Ulla Ulkopuolinen", organisation="Kela", phone="+358 40 000 0202")
    services.desk.finish(aino.id, Outcome(workers=(outside,), note="soittaa maanantaina"), worker.id)
    before = services.reports.summary(DAY, date(2026, 11, 25))

    clock.now = datetime(2026, 12, 25, 12, 0, tzinfo=HELSINKI)
    recent = services.desk.admit(IntakeForm(call_name="Eelis"), worker.id)
    # Aino's named worker makes hers a client matter awaiting documentation: erased as asked
    # (tests/storage/test_documentation.py has a purge that keeps such visits)
    purged = services.retention.purge(30, COMMAND_LINE, including_undocumented=True)
    assert (purged.before, purged.visits) == (date(2026, 11, 25), 6)  # the 24th; the 25th is kept

    assert period_figures(services.reports.summary(DAY, date(2026, 11, 25))) == period_figures(before)
    detail = services.desk.visit(aino.id)
    assert detail.purged and detail.entry.call_name is None and detail.callback_phone is None
    assert detail.outcome_note is None
    assert (detail.workers[0].name, detail.workers[0].phone, detail.workers[0].organisation) == ("", None, "Kela")
    v2 = next(v for v in services.reports.visit_rows(DAY) if v["ticket"] == "A002")
    assert v2["urgency_changed"] == 1  # the reason is gone, the change is counted
    assert services.desk.visit(recent.id).entry.call_name == "Eelis"
    assert services.retention.purge(30, COMMAND_LINE).visits == 0
    assert [e.action for e in services.audit.events(AuditQuery(action=AuditAction.PURGE))] == [AuditAction.PURGE]


def test_consent_given_and_withdrawn_both_stay_on_record(services: Services, worker: StaffMember,
                                                         clock: FakeClock) -> None:
    visit = services.desk.admit(IntakeForm(), worker.id)
    services.desk.record_consent(visit.id, ConsentKind.NETWORK_MEETING, ConsentMethod.SIGNED, worker.id)
    clock.now += timedelta(minutes=10)
    consent = services.desk.visit(visit.id).consents[0]
    services.desk.withdraw_consent(consent.id, ConsentMethod.SPOKEN, worker.id)
    with pytest.raises(TransitionRefused):
        services.desk.withdraw_consent(consent.id, ConsentMethod.SPOKEN, worker.id)
    after = services.desk.visit(visit.id).consents[0]
    assert (after.kind, after.method, after.given_by, after.withdrawal_method, after.withdrawn_by) == (
        "network_meeting", "signed", "Kaisa Esimerkki", "spoken", "Kaisa Esimerkki")
    assert after.withdrawn_at - after.given_at == timedelta(minutes=10)
    assert "consent" in services.desk.visit(visit.id).actions
    assert [e.action.value for e in reversed(services.audit.events(AuditQuery(ticket=visit.ticket)))] == [
        "admit", "consent", "consent_withdrawn"]


def test_the_purge_deletes_audit_events_past_their_own_retention_and_nothing_else_can(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    old = services.desk.admit(IntakeForm(), worker.id)
    clock.now += timedelta(days=400)
    recent = services.desk.admit(IntakeForm(), worker.id)
    with pytest.raises(StorageError), services.db.writing() as session:  # an ordinary DELETE
        session.execute(delete(AuditEvent).where(AuditEvent.visit_id == old.id))

    purged = services.retention.purge(30, COMMAND_LINE, audit_keep_days=365)
    assert purged.audit_events == 2  # staff_added and the old admit
    left = services.audit.events(AuditQuery())
    assert {(e.action, e.ticket) for e in left} == {
        (AuditAction.ADMIT, recent.ticket), (AuditAction.PURGE, None)}
    assert left[0].detail.endswith("1 visits, 0 drafts, 2 audit events")
    with services.db.reading() as session:  # the floor never outlives the purge's transaction
        assert session.scalar(select(AuditPurge.floor)) is None
    with pytest.raises(StorageError), services.db.writing() as session:
        session.execute(delete(AuditEvent))
    with pytest.raises(StorageError), services.db.writing() as session:
        session.execute(update(AuditEvent).values(action="view"))


def test_audit_events_are_kept_at_least_as_long_as_the_visits(services: Services, worker: StaffMember,
                                                               clock: FakeClock) -> None:
    services.desk.admit(IntakeForm(), worker.id)
    clock.now += timedelta(days=50)
    assert services.retention.purge(60, COMMAND_LINE, audit_keep_days=10).audit_events == 0
    assert services.retention.purge(30, COMMAND_LINE).audit_events == 0  # None: the trail is kept whole


def test_a_database_error_never_quotes_the_values_it_was_given(services: Services) -> None:
    """A traceback in the log (an unexpected error) carries the driver's error, whose text once
    listed the statement's parameters: a client's name and phone with them."""
    import traceback

    with pytest.raises(StorageError) as caught, services.db.writing() as session:
        session.execute(text("INSERT INTO audit_event (at, action, detail) VALUES (NULL, 'view', :detail)"),
                        {"detail": "Venla Vuorinen +358 40 000 0177"})
    told = "".join(traceback.format_exception(caught.value))
    assert "audit_event" in told and "Venla" not in told and "0177" not in told


def test_a_consent_keeps_the_version_of_the_text_it_was_given_under(
        services: Services, worker: StaffMember, profile: ServiceProfile) -> None:
    from workflows.handouts import Request, render

    visit = services.desk.admit(IntakeForm(), worker.id)
    version = profile.consent_text(ConsentKind.CONTACT).version
    services.desk.record_consent(visit.id, ConsentKind.CONTACT, ConsentMethod.SPOKEN, worker.id, version)
    services.desk.record_consent(visit.id, ConsentKind.RECORDING, ConsentMethod.SIGNED, worker.id, "0.9")
    detail = services.desk.visit(visit.id)
    assert [(c.kind, c.text_version) for c in detail.consents] == [("contact", "1"), ("recording", "0.9")]
    pdf = render(Request(HandoutKind.CONSENT, "en"), profile, "en", detail, None, detail.entry.service_day)
    shown = pdf_text(pdf)
    assert "I agree to be contacted later" in shown and "You gave this consent in speech" in shown
    assert "given under text version 0.9; above is the current version 1" in shown
    assert "You have not given this consent." in shown  # the network meeting
