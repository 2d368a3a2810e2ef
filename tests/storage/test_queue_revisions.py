"""The board's read of only what changed (visit revisions, migration 0027), on real SQLite and
PostgreSQL: after every kind of step, at this desk or another, and after a transaction that was
still open while the desk read, the desk's incremental read equals a whole read of the queue."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import delete, func, select

from forms.choices import ErasureReason, Urgency, VisitStatus
from forms.handover import HandoverRequest
from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.profile import ServiceProfile
from forms.timefmt import service_day
from storage.audit import Actor
from storage.desk import Desk
from storage.models import Visit, VisitRevision
from storage.services import Services, open_services
from storage.views import QueueSnapshot, StaffMember
from tests.conftest import FakeClock, add_admin, add_worker
from tests.scenarios import staff_details


@pytest.fixture
def other_desk(db_url: str, profile: ServiceProfile, clock: FakeClock) -> Iterator[Services]:
    """A second desk on the same database, as another workstation (or process) is."""
    opened = open_services(db_url, profile, clock=clock, workstation="desk-2")
    yield opened
    opened.close()


def _whole(services: Services) -> QueueSnapshot:
    """The queue read from scratch, by a desk that has never read it."""
    desk = services.desk
    return Desk(desk.db, desk.site, desk.ticket_prefix, desk.meeting_minutes, desk.clock, "desk-9",
                desk.queue_rules).snapshot()


def _same_as_whole(services: Services) -> QueueSnapshot:
    read = services.desk.snapshot()
    whole = _whole(services)
    assert read.entries == whole.entries
    assert (read.counters, read.estimates, read.workers_signed_in) == (
        whole.counters, whole.estimates, whole.workers_signed_in)
    return read


def test_the_incremental_read_follows_every_step(services: Services, other_desk: Services, worker: StaffMember,
                                                 clock: FakeClock) -> None:
    desk, there = services.desk, other_desk.desk
    olli = add_worker(services, "olli", "Olli Esimerkki")
    admin = Actor(add_admin(services).id, "desk-9", via="cli")
    visits = [desk.admit(IntakeForm(call_name=f"Asiakas {n}"), worker.id).id for n in range(6)]
    _same_as_whole(services)
    clock.advance(1)
    desk.record_triage(visits[3], {}, Urgency.SOON, [], worker.id)  # moves up the queue
    _same_as_whole(services)
    called = desk.call_next(worker.id)
    assert called is not None and called.id == visits[3]
    _same_as_whole(services)
    desk.start(visits[3], worker.id)
    _same_as_whole(services)
    desk.finish(visits[3], Outcome(), worker.id)  # off the board
    _same_as_whole(services)
    there.admit(IntakeForm(call_name="Toisen tiskin asiakas"), olli.id)  # another desk's change
    _same_as_whole(services)
    by_olli = there.call_next(olli.id)
    assert by_olli is not None
    read = _same_as_whole(services)
    assert [e.called_by for e in read.entries if e.status is VisitStatus.CALLED] == [olli.display_name]
    there.return_to_queue(by_olli.id, olli.id)
    _same_as_whole(services)
    desk.hand_over(visits[1], HandoverRequest(to_staff_id=olli.id, reason="Tarvitsee koordinaattorin"), worker.id)
    _same_as_whole(services)
    desk.step_out(visits[2], worker.id)
    _same_as_whole(services)
    desk.mark_left(visits[4], worker.id)
    _same_as_whole(services)
    services.privacy.erase([visits[5]], ErasureReason.DATA_SUBJECT_REQUEST, admin)
    read = _same_as_whole(services)
    assert next(e for e in read.entries if e.id == visits[5]).call_name is None
    services.privacy.restrict([visits[2]], admin)
    _same_as_whole(services)
    # The caller renamed: the name on their called client's row follows.
    services.staff.change(olli.id, staff_details(olli, display_name="Olli Uusinimi"), by=admin)
    read = _same_as_whole(services)
    assert next(e for e in read.entries if e.id == by_olli.id).called_by == "Olli Uusinimi"
    # Time alone raises a normal visit past its limit: the order follows without any change.
    clock.advance(200)
    _same_as_whole(services)
    # Rows that did not change are the very entries of the read before (nothing was read for them).
    again = desk.snapshot()
    assert all(a is b for a, b in zip(again.entries, desk.snapshot().entries, strict=True))


def test_a_deleted_visit_leaves_the_board(services: Services, worker: StaffMember) -> None:
    """A visit deleted outside the desk's steps (a repair by hand) has no revision to read: the
    open visits no longer add up to those kept, and the queue is read whole."""
    desk = services.desk
    desk.admit(IntakeForm(call_name="Aino"), worker.id)
    now = services.clock()
    with services.db.writing() as session:  # a row of its own, with no audit event to keep it
        last = session.scalar(select(func.max(Visit.ticket_no)))
        session.add(Visit(service_day=service_day(now), ticket_no=(last or 0) + 1, ticket="A099", site=desk.site,
                          status="waiting", arrived_at=now, updated_at=now, admitted_by_id=worker.id))
    assert [e.ticket for e in _same_as_whole(services).entries] == ["A001", "A099"]
    with services.db.writing() as session:
        session.execute(delete(Visit).where(Visit.ticket == "A099"))
    assert [e.ticket for e in _same_as_whole(services).entries] == ["A001"]


def test_a_change_committed_after_the_read_began_is_read_next(services: Services, other_desk: Services,
                                                                worker: StaffMember) -> None:
    """Transactions commit in any order (PostgreSQL): one that wrote before a read and committed
    after it, while a later one committed first, is still read the next time."""
    desk = services.desk
    early, late = (desk.admit(IntakeForm(call_name=name), worker.id).id for name in ("Aino", "Eero"))
    desk.snapshot()
    slow = other_desk.db.writing()
    session = slow.__enter__()
    try:
        session.execute(Visit.__table__.update().where(Visit.id == early).values(call_name="Aino Uusi"))
        if not services.db.is_sqlite:  # SQLite has one writer at a time: no later one commits first
            desk.record_triage(late, {}, Urgency.SOON, [], worker.id)
        read = desk.snapshot()
        assert next(e for e in read.entries if e.id == early).call_name == "Aino"  # not committed yet
    finally:
        slow.__exit__(None, None, None)
    read = _same_as_whole(services)
    assert next(e for e in read.entries if e.id == early).call_name == "Aino Uusi"


def test_revisions_begun_again_are_read_whole(services: Services, worker: StaffMember) -> None:
    """SQLite's revision counter begun again under a running desk (the file replaced by a copy of
    an older one): the kept queue is dropped, not taken as newer than what the database holds."""
    if not services.db.is_sqlite:
        pytest.skip("PostgreSQL's transaction ids never start again")
    desk = services.desk
    for name in ("Aino", "Eero", "Liisa"):
        desk.admit(IntakeForm(call_name=name), worker.id)
    desk.snapshot()
    with services.db.writing() as session:
        session.execute(VisitRevision.__table__.update().values(value=0))
        session.execute(Visit.__table__.update().where(Visit.call_name == "Eero").values(call_name="Eero Uusi"))
    assert [e.call_name for e in _same_as_whole(services).entries] == ["Aino", "Eero Uusi", "Liisa"]
