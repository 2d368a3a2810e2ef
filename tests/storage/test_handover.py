"""Warm handover to a named colleague, on real SQLite and PostgreSQL: the visit waits for them,
their call next takes it first, others' pass it by while they are signed in (and not once they
are gone), the chain keeps every link, the audit trail names it, the summaries count it, and
retention erases the reasons."""

from __future__ import annotations

from datetime import timedelta

import pytest

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, Urgency, VisitStatus
from forms.handover import HandoverRequest, call_next_key, callable_by
from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.timefmt import service_day
from storage.audit import Actor
from storage.errors import TransitionRefused
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import PIN, FakeClock, add_worker


def _signed_in(services: Services, member: StaffMember) -> int:
    return services.staff.sign_in(member.username, PIN, f"desk-{member.username}")[1]


def test_a_handover_waits_for_the_colleague_named(services: Services, worker: StaffMember,
                                                  clock: FakeClock) -> None:
    desk = services.desk
    olli = add_worker(services, "olli", "Olli Esimerkki")
    first = desk.admit(IntakeForm(call_name="Aino"), worker.id).id
    clock.advance(1)
    second = desk.admit(IntakeForm(call_name="Eero"), worker.id).id
    clock.advance(1)
    assert desk.call_next(worker.id).id == first
    clock.advance(2)
    # Signed in now (a sign-in counts while its heartbeats come: seconds, not the minutes here).
    kaisa_session = _signed_in(services, worker)
    olli_session = _signed_in(services, olli)
    desk.hand_over(first, HandoverRequest(to_staff_id=olli.id, reason="Tarvitsee koordinaattorin"), worker.id)
    handed_at = clock()
    [mine] = desk.handed_to(olli.id)
    assert (mine.entry.id, mine.entry.status, mine.from_name, mine.reason, mine.at) == (
        first, VisitStatus.WAITING, worker.display_name, "Tarvitsee koordinaattorin", handed_at)
    assert desk.handed_to(worker.id) == ()
    # Kaisa's call next passes it by while Olli is signed in: she gets Eero.
    assert desk.call_next(worker.id).id == second
    assert desk.call_next(worker.id) is None
    # Olli's call next takes his own handover first (the order's own test is below).
    desk.return_to_queue(second, worker.id)
    clock.advance(5)
    services.staff.heartbeat(olli_session)
    services.staff.heartbeat(kaisa_session)
    assert desk.call_next(olli.id).id == first
    assert desk.handed_to(olli.id) == ()
    [link] = desk.visit(first).handovers
    assert (link.from_name, link.to_name, link.at, link.taken_at, link.taken_by) == (
        worker.display_name, olli.display_name, handed_at, clock(), olli.display_name)
    # Handed back: a new link, the chain kept. Kaisa signs out: it falls back to the common queue.
    desk.hand_over(first, HandoverRequest(to_staff_id=worker.id, reason="Takaisin"), olli.id)
    services.staff.sign_out(kaisa_session)
    desk.start(second, olli.id)
    desk.finish(second, Outcome(), olli.id)
    third_worker = add_worker(services, "saara", "Saara Esimerkki")
    assert desk.call_next(third_worker.id).id == first  # Kaisa is gone: the common queue
    chain = desk.visit(first).handovers
    assert [(c.from_name, c.to_name, c.reason, c.taken_by) for c in chain] == [
        (worker.display_name, olli.display_name, "Tarvitsee koordinaattorin", olli.display_name),
        (olli.display_name, worker.display_name, "Takaisin", third_worker.display_name)]
    events = services.audit.events(AuditQuery(action=AuditAction.HANDOVER))
    assert sorted((e.ticket, e.username, e.detail) for e in events) == [
        ("A001", "kaisa", "olli"), ("A001", "olli", "kaisa")]


def test_handover_refusals(services: Services, worker: StaffMember) -> None:
    desk = services.desk
    olli = add_worker(services, "olli", "Olli Esimerkki")
    visit = desk.admit(IntakeForm(), worker.id).id
    with pytest.raises(TransitionRefused):  # to oneself
        desk.hand_over(visit, HandoverRequest(to_staff_id=worker.id, reason="x"), worker.id)
    services.staff.set_active(olli.id, False)
    with pytest.raises(TransitionRefused):  # not an active account
        desk.hand_over(visit, HandoverRequest(to_staff_id=olli.id, reason="x"), worker.id)
    services.staff.set_active(olli.id, True)
    desk.call(visit, worker.id)
    desk.finish(visit, Outcome(), worker.id)
    with pytest.raises(TransitionRefused):  # a finished visit is nobody's to hand over
        desk.hand_over(visit, HandoverRequest(to_staff_id=olli.id, reason="x"), worker.id)
    assert desk.visit(visit).handovers == ()
    with pytest.raises(ValueError):
        HandoverRequest(to_staff_id=olli.id, reason="   ")


def test_the_sql_order_is_the_pure_rule(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    """call_next in SQL takes the visits in forms.handover.call_next_key's order, skipping a visit
    handed to another worker who is signed in."""
    desk = services.desk
    olli = add_worker(services, "olli", "Olli Esimerkki")
    saara = add_worker(services, "saara", "Saara Esimerkki")
    made = []
    for n, (urgency, to) in enumerate([(Urgency.NORMAL, None), (Urgency.SOON, olli), (Urgency.NORMAL, worker),
                                       (Urgency.ACUTE, None), (Urgency.SOON, saara), (Urgency.NORMAL, olli)]):
        visit = desk.admit(IntakeForm(call_name=f"V{n}"), worker.id).id
        desk.record_triage(visit, {}, urgency, [], worker.id)
        if to is not None:
            giver = saara if to is not saara else worker
            desk.hand_over(visit, HandoverRequest(to_staff_id=to.id, reason="r"), giver.id)
        made.append((urgency, to.id if to else None, visit))
        clock.advance(1)
    _signed_in(services, olli)
    _signed_in(services, worker)
    now = clock()
    entries = {e.id: e for e in desk.snapshot().entries}
    present = frozenset({olli.id, worker.id})
    expected = sorted(
        (v for u, to, v in made if callable_by(to, worker.id, present)),
        key=lambda v: call_next_key(entries[v].urgency, entries[v].arrived_at, v, entries[v].handed_to_id,
                                    worker.id, now, desk.queue_rules))
    taken = []
    while (entry := desk.call_next(worker.id)) is not None:
        taken.append(entry.id)
    assert taken == expected
    assert len(taken) == 4  # Olli's two stay for Olli


def test_handovers_in_the_summaries_and_retention(services: Services, worker: StaffMember,
                                                  clock: FakeClock) -> None:
    desk = services.desk
    olli = add_worker(services, "olli", "Olli Esimerkki")
    day = service_day(clock())
    visit = desk.admit(IntakeForm(), worker.id).id
    desk.call(visit, worker.id)
    desk.hand_over(visit, HandoverRequest(to_staff_id=olli.id, reason="Koordinaattorille"), worker.id)
    clock.advance(12)
    desk.call_next(olli.id)
    desk.finish(visit, Outcome(), olli.id)
    other = desk.admit(IntakeForm(), worker.id).id
    desk.hand_over(other, HandoverRequest(to_staff_id=olli.id, reason="Odottaa"), worker.id)
    live = services.reports.summary(day)
    assert (live.handovers, live.handover_to_call.count, live.handover_to_call.median) == (2, 1, 12)
    assert [r["handovers"] for r in services.reports.visit_rows(day)] == [1, 1]
    clock.advance(24 * 60)  # tomorrow: the day is read from its tally
    tallied = services.reports.summary(day)
    assert (tallied.handovers, tallied.handover_to_call) == (live.handovers, live.handover_to_call)
    clock.advance(40 * 24 * 60)
    services.retention.purge(30, Actor(None, "test"))
    assert [c.reason for c in desk.visit(visit).handovers] == [None]
    assert timedelta(0) <= clock() - desk.visit(visit).handovers[0].at


def test_migration_0014_goes_down_and_up(services: Services, worker: StaffMember, db_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from storage.db import alembic_config
    from storage.migrations import HEAD

    desk = services.desk
    olli = add_worker(services, "olli", "Olli Esimerkki")
    visit = desk.admit(IntakeForm(), worker.id).id
    desk.hand_over(visit, HandoverRequest(to_staff_id=olli.id, reason="r"), worker.id)
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", db_url.replace("%", "%%"))
    command.downgrade(config, "0013")
    with services.db.reading() as session:
        schema = inspect(session.connection())
        assert "visit_handover" not in schema.get_table_names()
        assert "handed_to_id" not in {c["name"] for c in schema.get_columns("visit")}
    command.upgrade(config, HEAD)
    assert desk.visit(visit).handovers == () and desk.snapshot().entries[0].handed_to_id is None
    desk.hand_over(visit, HandoverRequest(to_staff_id=olli.id, reason="again"), worker.id)
    assert desk.handed_to(olli.id)[0].reason == "again"
