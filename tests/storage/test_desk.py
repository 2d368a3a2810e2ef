"""The desk's operations on real SQLite and PostgreSQL: tickets, queue order, transitions, drafts."""

from __future__ import annotations

from datetime import datetime

import pytest

from forms.choices import Urgency, VisitStatus
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.timefmt import HELSINKI
from storage.errors import StorageError, TransitionRefused
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import PIN, FakeClock, add_worker


def admit(services: Services, worker: StaffMember, **fields: object):  # type: ignore[no-untyped-def]
    return services.desk.admit(IntakeForm(**fields), worker.id)


def test_tickets_count_up_and_restart_each_helsinki_day(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    assert [admit(services, worker).ticket for _ in range(3)] == ["A001", "A002", "A003"]
    clock.now = datetime(2026, 11, 24, 23, 50, tzinfo=HELSINKI)
    late = admit(services, worker)
    assert (late.ticket, late.service_day.isoformat()) == ("A004", "2026-11-24")
    clock.now = datetime(2026, 11, 25, 0, 10, tzinfo=HELSINKI)
    assert admit(services, worker).ticket == "A001"


def test_queue_orders_by_urgency_then_arrival(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    first = admit(services, worker)
    clock.advance(5)
    second = admit(services, worker, call_name="Aino")
    clock.advance(5)
    third = admit(services, worker)
    services.desk.record_triage(third.id, {"acute_today": "yes"}, Urgency.ACUTE, ["acute"], worker.id)
    services.desk.record_triage(second.id, {}, Urgency.NORMAL, [], worker.id, Urgency.SOON, "pelkää jonottaa")
    snapshot = services.desk.snapshot()
    assert [e.ticket for e in snapshot.entries] == [third.ticket, second.ticket, first.ticket]
    assert snapshot.counters.waiting == 3
    detail = services.desk.visit(second.id)
    assert (detail.entry.urgency, detail.triage_urgency, detail.override_reason) == (
        Urgency.SOON, Urgency.NORMAL, "pelkää jonottaa"
    )


def test_call_next_start_finish(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    visit = admit(services, worker)
    clock.advance(12)
    called = services.desk.call_next(worker.id)
    assert called is not None and called.id == visit.id and called.status is VisitStatus.CALLED
    assert called.called_by == "Kaisa Esimerkki"
    assert services.desk.call_next(worker.id) is None
    services.desk.start(visit.id, worker.id)
    clock.advance(25)
    outcome = Outcome(
        actions=frozenset({"guidance"}), referrals=("health_check",),
        workers=(NamedWorker(staff_id=worker.id), NamedWorker(name="Eeva Ulkoinen", organisation="Kela")),
        follow_up_on="8.12.2026",
    )
    services.desk.finish(visit.id, outcome, worker.id)
    detail = services.desk.visit(visit.id)
    assert detail.entry.status is VisitStatus.FINISHED
    assert detail.actions == {"guidance", "referral", "worker_named"}
    assert detail.referrals == ("health_check",)
    assert [w.name for w in detail.workers] == ["Kaisa Esimerkki", "Eeva Ulkoinen"]
    assert (detail.finished_at - detail.called_at).total_seconds() == 25 * 60
    assert services.desk.snapshot().counters.finished == 1


def test_refused_transitions_leave_the_visit_as_it_was(services: Services, worker: StaffMember) -> None:
    visit = admit(services, worker)
    with pytest.raises(TransitionRefused, match="A001"):
        services.desk.finish(visit.id, Outcome(), worker.id)
    services.desk.mark_left(visit.id, worker.id)
    with pytest.raises(TransitionRefused):
        services.desk.call(visit.id, worker.id)
    snapshot = services.desk.snapshot()
    assert snapshot.entries == () and snapshot.counters.left == 1


def test_return_to_queue_keeps_the_first_call_time(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    visit = admit(services, worker)
    clock.advance(10)
    services.desk.call(visit.id, worker.id)
    first_call = services.desk.visit(visit.id).called_at
    services.desk.return_to_queue(visit.id, worker.id)
    clock.advance(10)
    services.desk.call(visit.id, worker.id)
    assert services.desk.visit(visit.id).called_at == first_call


def test_two_desks_never_call_the_same_visit(services: Services, worker: StaffMember) -> None:
    other = add_worker(services, "olli", "Olli Testinen")
    admit(services, worker)
    admit(services, worker)
    a = services.desk.call_next(worker.id)
    b = services.desk.call_next(other.id)
    assert a is not None and b is not None and a.id != b.id


def test_wait_estimate_uses_signed_in_workers(services: Services, worker: StaffMember) -> None:
    for _ in range(3):
        admit(services, worker)
    assert sorted(services.desk.snapshot().estimates.values()) == [0, 20, 40]
    services.staff.sign_in("kaisa", PIN, "desk-1")
    add_worker(services, "olli", "Olli Testinen")
    services.staff.sign_in("olli", PIN, "desk-2")
    snapshot = services.desk.snapshot()
    assert snapshot.workers_signed_in == 2
    assert sorted(snapshot.estimates.values()) == [0, 10, 20]


def test_sign_in_refuses_wrong_pin(services: Services, worker: StaffMember) -> None:
    with pytest.raises(StorageError, match="Väärä käyttäjätunnus tai PIN-koodi"):
        services.staff.sign_in("kaisa", "9999", "desk-1")
    member, session_id = services.staff.sign_in("KAISA", PIN, "desk-1")
    assert member.id == worker.id and session_id > 0


def test_drafts_survive_and_clear(services: Services, worker: StaffMember) -> None:
    services.drafts.save(worker.id, "intake", {"call_name": "Ai"})
    services.drafts.save(worker.id, "intake", {"call_name": "Aino"})
    assert services.drafts.load(worker.id, "intake") == {"call_name": "Aino"}
    services.drafts.clear(worker.id, "intake")
    assert services.drafts.load(worker.id, "intake") is None
