"""Stepping out and back, on real SQLite and PostgreSQL: call next passes a stepped-out client by
until they are back or their time is up, their place (arrival) kept; calling them by hand or any
change of status ends it; no estimate of their own meanwhile; audited; migration 0015 up and down."""

from __future__ import annotations

from datetime import timedelta

import pytest

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, VisitStatus
from forms.intake import IntakeForm
from forms.transitions import QueueStep
from storage.errors import TransitionRefused
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock


def _queue(services: Services, worker: StaffMember, clock: FakeClock, *names: str) -> list[int]:
    ids = []
    for name in names:
        ids.append(services.desk.admit(IntakeForm(call_name=name), worker.id).id)
        clock.advance(1)
    return ids


def test_call_next_passes_a_stepped_out_client_by_until_the_time_is_up(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    desk = services.desk
    assert desk.queue_rules.step_out_minutes == 15  # the default profile's minutes
    aino, eero, liisa = _queue(services, worker, clock, "Aino", "Eero", "Liisa")
    arrived = desk.visit(aino).entry.arrived_at
    until = desk.step_out(aino, worker.id)
    assert until - clock() <= timedelta(minutes=15, seconds=1) and until.microsecond == 0
    entry = desk.visit(aino).entry
    assert (entry.status, entry.stepped_out_until, entry.arrived_at) == (VisitStatus.WAITING, until, arrived)
    # Still on the board in their place, with no estimate of their own; the others move up.
    snapshot = desk.snapshot()
    assert [e.id for e in snapshot.entries] == [aino, eero, liisa]
    assert aino not in snapshot.estimates and snapshot.estimates[eero] == 0
    called = desk.call_next(worker.id)
    assert called is not None and called.id == eero
    clock.advance(14)
    called = desk.call_next(worker.id)
    assert called is not None and called.id == liisa  # 14 min later: still out
    assert desk.call_next(worker.id) is None  # nobody else: Aino is not called while out
    clock.advance(1)  # the time is up: call next takes Aino again, in her place
    assert clock() >= until
    called = desk.call_next(worker.id)
    assert called is not None and called.id == aino
    assert desk.visit(aino).entry.stepped_out_until is None


def test_back_keeps_the_place_and_call_next_takes_them_first(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    desk = services.desk
    aino, eero = _queue(services, worker, clock, "Aino", "Eero")
    until = desk.step_out(aino, worker.id)
    with pytest.raises(TransitionRefused, match="A002"):
        desk.step_back(eero, worker.id)  # not stepped out
    clock.advance(3)
    desk.step_back(aino, worker.id)
    assert desk.visit(aino).entry.stepped_out_until is None
    assert [e.id for e in desk.snapshot().entries] == [aino, eero]
    called = desk.call_next(worker.id)
    assert called is not None and called.id == aino
    with pytest.raises(TransitionRefused):
        desk.step_out(aino, worker.id)  # only a waiting client steps out
    events = services.audit.events(AuditQuery(ticket="A001"))
    actions = [(e.action, e.detail) for e in reversed(events) if e.action != AuditAction.VIEW.value]
    assert [a for a, _d in actions] == ["admit", "step_out", "step_back", "call"]
    assert actions[1][1] == until.isoformat(timespec="seconds")  # when the step out was to end


def test_calling_a_stepped_out_client_by_hand_or_marking_them_left_ends_it(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    desk = services.desk
    aino, eero = _queue(services, worker, clock, "Aino", "Eero")
    desk.step_out(aino, worker.id)
    desk.step_out(eero, worker.id)
    desk.call(aino, worker.id)  # `k`: they came back and were called
    assert (desk.visit(aino).entry.status, desk.visit(aino).entry.stepped_out_until) == (VisitStatus.CALLED, None)
    desk.return_to_queue(aino, worker.id)
    assert desk.visit(aino).entry.stepped_out_until is None  # back in the queue, not out again
    desk.mark_left(eero, worker.id)
    assert desk.visit(eero).entry.stepped_out_until is None
    desk.put_back(eero, worker.id, QueueStep.PUT_BACK_LEFT)
    called = desk.call_next(worker.id)
    assert called is not None and called.id == aino
    called = desk.call_next(worker.id)
    assert called is not None and called.id == eero  # put back: waiting, not stepped out


def test_stepping_out_again_only_once_the_time_is_up_and_then_for_the_full_time(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    desk = services.desk
    (aino,) = _queue(services, worker, clock, "Aino")
    first = desk.step_out(aino, worker.id)
    clock.advance(5)
    with pytest.raises(TransitionRefused, match="A001"):  # two desks at once: the first counts
        desk.step_out(aino, worker.id)
    assert desk.visit(aino).entry.stepped_out_until == first
    clock.advance(20)  # over: the desk was told; the client asks for more time
    second = desk.step_out(aino, worker.id)
    assert second - first >= timedelta(minutes=20)
    assert desk.call_next(worker.id) is None


def test_migration_0015_goes_down_and_up(db_url: str, services: Services, worker: StaffMember,
                                          clock: FakeClock) -> None:
    from alembic import command

    from storage.db import alembic_config
    from storage.migrations import HEAD

    desk = services.desk
    aino, eero = _queue(services, worker, clock, "Aino", "Eero")
    desk.step_out(aino, worker.id)
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", db_url.replace("%", "%%"))
    command.downgrade(config, "0014")
    command.upgrade(config, HEAD)
    assert desk.visit(aino).entry.stepped_out_until is None  # out at the downgrade: waiting again
    called = desk.call_next(worker.id)
    assert called is not None and called.id == aino
    desk.step_out(eero, worker.id)
    assert desk.call_next(worker.id) is None
