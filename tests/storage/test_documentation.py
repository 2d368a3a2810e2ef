"""Record status on SQLite and PostgreSQL: the SQL rule equals the pure one, marking documented
(who, when, audited with ids only), the desk's count, the summary's list, and retention that keeps
the personal fields of visits awaiting documentation unless told otherwise."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import product

import pytest

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, ConsentKind, ConsentMethod, OutcomeAction
from forms.documentation import is_client_matter
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.timefmt import HELSINKI
from storage.audit import COMMAND_LINE
from storage.documentation import Undocumented
from storage.errors import TransitionRefused
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tests.scenarios import DAY, at

PHONE = "+358 40 000 0101"


def finished(services: Services, worker: StaffMember, outcome: Outcome, **intake: str) -> int:
    visit = services.desk.admit(IntakeForm(**intake), worker.id)
    services.desk.call(visit.id, worker.id)
    services.desk.finish(visit.id, outcome, worker.id)
    return visit.id


def test_the_sql_rule_is_the_pure_rule(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    at(clock, 10, 0)
    expected = []
    outcomes = {
        "guidance": Outcome(actions=frozenset({OutcomeAction.GUIDANCE})),
        "referral": Outcome(referrals=("health_check",)),
        "worker": Outcome(workers=(NamedWorker(name="Ulla Ulkopuolinen"),)),
        "follow_up": Outcome(follow_up_on=DAY + timedelta(days=14)),
        "consent_ticked": Outcome(actions=frozenset({OutcomeAction.CONSENT})),
    }
    for (_kind, outcome), name, phone in product(outcomes.items(), (None, "Aino"), (None, PHONE)):
        visit_id = finished(services, worker, outcome, **{k: v for k, v in
                                                          (("call_name", name), ("callback_phone", phone)) if v})
        detail = services.desk.visit(visit_id)
        if is_client_matter(detail.actions, detail.entry.call_name, detail.callback_phone, detail.follow_up_on):
            expected.append(detail.entry.ticket)
    consented = services.desk.admit(IntakeForm(), worker.id)  # a consent recorded on its own, anonymous
    services.desk.record_consent(consented.id, ConsentKind.RECORDING, ConsentMethod.SPOKEN, worker.id)
    expected.append(consented.ticket)
    assert len(expected) == 4 + 4 + 4 + 3 + 1  # worker, follow-up, consent ticked, named referral, consent
    assert [u.ticket for u in services.desk.undocumented(DAY, DAY)] == sorted(expected)
    assert services.desk.snapshot().counters.to_document == len(expected)


def test_marking_documented_counts_and_audits(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    at(clock, 10, 0)
    matter = finished(services, worker, Outcome(follow_up_on=DAY + timedelta(days=7)), call_name="Aino",
                      callback_phone=PHONE)
    finished(services, worker, Outcome(actions=frozenset({OutcomeAction.GUIDANCE})), call_name="Eero")
    assert services.desk.snapshot().counters.to_document == 1
    assert services.reports.summary(DAY).awaiting_documentation[0].ticket == "A001"
    at(clock, 11, 0)
    marked = services.desk.mark_documented(matter, worker.id)
    detail = services.desk.visit(matter)
    assert (detail.documented_at, detail.documented_by) == (marked, "Kaisa Esimerkki")
    assert services.desk.snapshot().counters.to_document == 0
    assert services.reports.summary(DAY).awaiting_documentation == []
    with pytest.raises(TransitionRefused, match=r"A001.*Kaisa Esimerkki"):
        services.desk.mark_documented(matter, worker.id)
    events = services.audit.events(AuditQuery(action=AuditAction.DOCUMENTED))
    assert [(e.action, e.ticket, e.username, e.detail) for e in events] == [
        (AuditAction.DOCUMENTED, "A001", "kaisa", None)]


def test_retention_keeps_visits_awaiting_documentation_unless_told(services: Services, worker: StaffMember,
                                                                   clock: FakeClock) -> None:
    at(clock, 10, 0)
    waiting = finished(services, worker, Outcome(workers=(NamedWorker(name="Ulla Ulkopuolinen", phone=PHONE),),
                                                 note="Soittaa maanantaina."), call_name="Aino")
    documented = finished(services, worker, Outcome(referrals=("health_check",)), call_name="Eero")
    services.desk.mark_documented(documented, worker.id)
    anonymous = finished(services, worker, Outcome(actions=frozenset({OutcomeAction.GUIDANCE})), call_name="Olga")
    clock.now = datetime(2026, 12, 25, 12, 0, tzinfo=HELSINKI)
    assert services.retention.undocumented(30) == (Undocumented("A001", DAY),)

    purged = services.retention.purge(30, COMMAND_LINE)
    assert (purged.visits, purged.kept, purged.erased_undocumented) == (2, (Undocumented("A001", DAY),), 0)
    kept = services.desk.visit(waiting)
    assert (kept.entry.call_name, kept.outcome_note, kept.workers[0].phone, kept.purged) == (
        "Aino", "Soittaa maanantaina.", PHONE, False)
    assert services.desk.visit(documented).entry.call_name is None
    assert services.desk.visit(anonymous).entry.call_name is None
    assert services.retention.purge(30, COMMAND_LINE).kept == (Undocumented("A001", DAY),)  # asked again: kept

    erased = services.retention.purge(30, COMMAND_LINE, including_undocumented=True)
    assert (erased.visits, erased.kept, erased.erased_undocumented) == (1, (), 1)
    gone = services.desk.visit(waiting)
    assert (gone.entry.call_name, gone.outcome_note, gone.workers[0].name, gone.purged) == (None, None, "", True)
    details = [e.detail for e in services.audit.events(AuditQuery(action=AuditAction.PURGE))]
    assert details == ["before 2026-11-25: 1 visits, 1 of them awaiting documentation, 0 drafts, 0 audit events",
                       "before 2026-11-25: 2 visits, 1 awaiting documentation kept, 0 drafts, 0 audit events"]
    assert services.retention.undocumented(30) == ()


def test_migration_0017_goes_down_and_up(db_url: str, services: Services, worker: StaffMember,
                                         clock: FakeClock) -> None:
    from alembic import command

    from storage.db import alembic_config
    from storage.migrations import HEAD

    at(clock, 10, 0)
    matter = finished(services, worker, Outcome(follow_up_on=date(2026, 12, 1)))
    services.desk.mark_documented(matter, worker.id)
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", db_url.replace("%", "%%"))
    command.downgrade(config, "0016")
    command.upgrade(config, HEAD)
    assert services.desk.visit(matter).documented_at is None  # the mark went with the columns
    assert services.desk.snapshot().counters.to_document == 1
    services.desk.mark_documented(matter, worker.id)
    assert services.desk.snapshot().counters.to_document == 0
