"""The queue's waiting rules on real SQLite and PostgreSQL: the board's order is call next's order
and the pure rule's, the counters count the waits past their threshold, the acute alert's reading,
and the summaries count the waits past the threshold."""

from __future__ import annotations

from datetime import timedelta

from forms.choices import Urgency, VisitStatus
from forms.intake import IntakeForm
from forms.waits import queue_key
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock


def arrive(services: Services, worker: StaffMember, urgency: Urgency, name: str) -> int:
    visit = services.desk.admit(IntakeForm(call_name=name), worker.id).id
    if urgency is not Urgency.NORMAL:
        services.desk.record_triage(visit, {}, urgency, [], worker.id)
    return visit


def busy_morning(services: Services, worker: StaffMember, clock: FakeClock) -> dict[str, int]:
    """A normal client who came first, then a steady stream of soon ones, and an acute one."""
    visits = {"Aino": arrive(services, worker, Urgency.NORMAL, "Aino")}
    for n in range(5):
        clock.advance(25)
        visits[f"Soon{n}"] = arrive(services, worker, Urgency.SOON, f"Soon{n}")
    visits["Late"] = arrive(services, worker, Urgency.NORMAL, "Late")
    clock.advance(10)  # Aino has waited 135 min now
    visits["Acute"] = arrive(services, worker, Urgency.ACUTE, "Acute")
    return visits


def test_a_normal_visit_past_its_threshold_goes_before_later_soon_ones_and_call_next_agrees(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    visits = busy_morning(services, worker, clock)
    snapshot = services.desk.snapshot()
    board = [e.call_name for e in snapshot.entries]
    assert board == ["Acute", "Aino", "Soon0", "Soon1", "Soon2", "Soon3", "Soon4", "Late"]
    rules = services.desk.queue_rules
    now = clock()
    pure = sorted(snapshot.entries, key=lambda e: queue_key(e.urgency, e.arrived_at, e.id, now, rules))
    assert [e.call_name for e in pure] == board
    called = []
    while (entry := services.desk.call_next(worker.id)) is not None:
        called.append(entry.call_name)
    assert called == board
    assert len(visits) == len(called)


def test_before_the_threshold_strict_urgency_order_holds(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    arrive(services, worker, Urgency.NORMAL, "Aino")
    clock.advance(60)
    arrive(services, worker, Urgency.SOON, "Soon")
    assert [e.call_name for e in services.desk.snapshot().entries] == ["Soon", "Aino"]
    assert services.desk.call_next(worker.id).call_name == "Soon"  # type: ignore[union-attr]


def test_the_counters_count_the_waiting_visits_past_their_threshold(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    busy_morning(services, worker, clock)
    # Aino 135 min (normal, 120): past; Soon0 110, Soon1 85, Soon2 60, Soon3 35 (soon, 30): past;
    # Soon4 10, Late 10: not; Acute 0 min: not yet.
    assert services.desk.snapshot().counters.past_threshold == 5
    clock.advance(1)
    assert services.desk.snapshot().counters.past_threshold == 6  # the acute one too
    services.desk.call_next(worker.id)  # the acute one: called, no longer counted
    assert services.desk.snapshot().counters.past_threshold == 5


def test_the_acute_alert_lists_the_acute_visits_until_called(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    normal = arrive(services, worker, Urgency.NORMAL, "Aino")
    assert services.desk.acute_waiting() == ()
    acute = arrive(services, worker, Urgency.ACUTE, "Eelis")
    # an override to acute alerts the same way
    services.desk.record_triage(normal, {}, Urgency.NORMAL, [], worker.id, Urgency.ACUTE, "itkee")
    assert [e.id for e in services.desk.acute_waiting()] == [normal, acute]
    services.desk.call_next(worker.id)
    assert [e.id for e in services.desk.acute_waiting()] == [acute]
    services.desk.call(acute, worker.id)
    assert services.desk.acute_waiting() == ()
    services.desk.return_to_queue(acute, worker.id)  # put back: it alerts again
    assert [(e.id, e.status) for e in services.desk.acute_waiting()] == [(acute, VisitStatus.WAITING)]


def test_the_summary_counts_the_waits_past_the_threshold_today_and_from_a_tally(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    day = clock().date()
    soon = arrive(services, worker, Urgency.SOON, "Soon")
    normal = arrive(services, worker, Urgency.NORMAL, "Aino")
    acute = arrive(services, worker, Urgency.ACUTE, "Eelis")
    clock.advance(5)
    services.desk.call(acute, worker.id)  # 5 min > 0: past
    clock.advance(35)
    services.desk.call(soon, worker.id)  # 40 min > 30: past
    services.desk.call(normal, worker.id)  # 40 min < 120: not
    today = services.reports.summary(day)
    assert today.past_threshold == {"acute": 1, "soon": 1}
    rows = {r["ticket"]: r["past_threshold"] for r in services.reports.visit_rows(day)}
    assert sorted(rows.values()) == [0, 1, 1]
    clock.advance(24 * 60)  # a closed day now: counted from its tally
    assert services.reports.summary(day).past_threshold == {"acute": 1, "soon": 1}
    assert services.reports.summary(day, day + timedelta(days=1)).past_threshold == {"acute": 1, "soon": 1}
