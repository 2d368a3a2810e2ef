"""Retention and consents, on SQLite and PostgreSQL: purging old days erases every personal
field and leaves their summaries exactly as they were."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, ConsentKind, ConsentMethod
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.timefmt import HELSINKI
from storage.audit import COMMAND_LINE
from storage.errors import TransitionRefused
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tests.scenarios import DAY, at, busy_day


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

    assert services.reports.summary(DAY, date(2026, 11, 25)) == before
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
