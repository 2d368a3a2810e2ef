"""Closing the day's open visits in one step, on real SQLite and PostgreSQL: waiting visits and
calls no desk is busy with are marked left, each audited; a meeting or another desk's call stays;
two desks closing at once close each visit once."""

from __future__ import annotations

import threading

import pytest

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, VisitStatus
from forms.intake import IntakeForm
from forms.profile import ServiceProfile
from forms.timefmt import service_day
from storage.errors import StorageError
from storage.services import Services, open_services
from storage.views import StaffMember
from tests.conftest import PIN, FakeClock, add_admin, add_worker
from workflows.visits import close_day, may_close_day


def _status(services: Services, visit_id: int) -> VisitStatus:
    return services.desk.visit(visit_id).entry.status


def test_closes_what_no_desk_is_busy_with(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    desk = services.desk
    olli = add_worker(services, "olli", "Olli Testinen")
    ville = add_worker(services, "ville", "Ville Kotona")
    waiting = desk.admit(IntakeForm(), worker.id)
    mine = desk.admit(IntakeForm(), worker.id)
    gone = desk.admit(IntakeForm(), worker.id)
    theirs = desk.admit(IntakeForm(), worker.id)
    meeting = desk.admit(IntakeForm(), worker.id)
    left_earlier = desk.admit(IntakeForm(), worker.id)
    desk.call(mine.id, worker.id)  # called by the worker closing the day
    ville_session = services.staff.sign_in("ville", PIN, "desk-3")[1]
    desk.call(gone.id, ville.id)
    services.staff.sign_out(ville_session)  # called by a worker who has gone home
    olli_session = services.staff.sign_in("olli", PIN, "desk-2")[1]
    desk.call(theirs.id, olli.id)  # called by a worker still at his desk
    desk.start(meeting.id, worker.id)
    desk.mark_left(left_earlier.id, worker.id)
    events_before = len(services.audit.events(AuditQuery(action=AuditAction.LEFT)))

    assert desk.day_closing(worker.id).to_close == (waiting.ticket, mine.ticket, gone.ticket)
    assert desk.day_closing(worker.id).staying_open == 2  # Olli's call, and the meeting
    clock.advance(0.1)  # within Olli's heartbeat
    assert desk.close_day(worker.id) == (waiting.ticket, mine.ticket, gone.ticket)
    for visit in (waiting, mine, gone):
        assert _status(services, visit.id) is VisitStatus.LEFT
        assert services.desk.visit(visit.id).left_at == clock()
    assert _status(services, theirs.id) is VisitStatus.CALLED
    assert _status(services, meeting.id) is VisitStatus.IN_MEETING
    events = services.audit.events(AuditQuery(action=AuditAction.LEFT))
    assert len(events) == events_before + 3
    closed = [e for e in events if e.detail == "day_closed"]
    assert sorted(e.ticket or "" for e in closed) == sorted([waiting.ticket, mine.ticket, gone.ticket])
    assert {(e.username, e.workstation, e.at) for e in closed} == {(worker.username, "desk-1", clock())}
    day = services.reports.summary(service_day(clock()))
    assert (day.left, day.still_open) == (4, 2)
    assert desk.close_day(worker.id) == ()  # nothing more: no new audit rows
    assert len(services.audit.events(AuditQuery(action=AuditAction.LEFT))) == len(events)
    services.staff.sign_out(olli_session)


def test_only_an_administrator_or_the_last_worker(services: Services, worker: StaffMember) -> None:
    admin = add_admin(services)
    services.desk.admit(IntakeForm(), worker.id)
    services.staff.sign_in("kaisa", PIN, "desk-1")
    olli = add_worker(services, "olli", "Olli Testinen")
    olli_session = services.staff.sign_in("olli", PIN, "desk-2")[1]
    assert not may_close_day(services, worker)
    with pytest.raises(StorageError, match="viimeinen paikalla oleva työntekijä"):
        close_day(services, worker)
    assert may_close_day(services, admin)
    services.staff.sign_out(olli_session)
    assert may_close_day(services, worker)
    assert len(close_day(services, worker)) == 1
    assert olli.id


def test_two_desks_closing_at_once_close_each_visit_once(db_url: str, profile: ServiceProfile,
                                                         clock: FakeClock) -> None:
    desks = [open_services(db_url, profile, clock=clock, workstation=f"desk-{n}") for n in (1, 2)]
    try:
        kaisa = add_worker(desks[0])
        olli = add_worker(desks[0], "olli", "Olli Testinen")
        for _ in range(30):
            desks[0].desk.admit(IntakeForm(), kaisa.id)
        barrier = threading.Barrier(2)
        results: dict[int, tuple[str, ...]] = {}
        errors: list[BaseException] = []

        def close(n: int, who: StaffMember) -> None:
            barrier.wait()
            try:
                results[n] = desks[n].desk.close_day(who.id)
            except BaseException as error:  # reported by the assertion below
                errors.append(error)

        threads = [threading.Thread(target=close, args=(n, who)) for n, who in ((0, kaisa), (1, olli))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert len(results[0]) + len(results[1]) == 30
        assert not set(results[0]) & set(results[1])
        closed = [e for e in desks[0].audit.events(AuditQuery(action=AuditAction.LEFT)) if e.detail == "day_closed"]
        assert len(closed) == 30 and len({e.ticket for e in closed}) == 30
    finally:
        for services in desks:
            services.close()


def test_the_day_of_the_site_named_is_closed_and_no_other(db_url: str, profile: ServiceProfile,
                                                          clock: FakeClock) -> None:
    """The summary closes the site it shows: an administrator at the centre closing the village's
    day closes the village's open visits only, and the closing names the site."""
    centre = open_services(db_url, profile, clock=clock, workstation="desk-1", site="keskusta")
    village = open_services(db_url, profile, clock=clock, workstation="desk-2", site="kirkonkyla")
    try:
        admin = add_admin(centre)
        here = centre.desk.admit(IntakeForm(), admin.id)
        there = [village.desk.admit(IntakeForm(), admin.id) for _ in range(2)]
        closing = centre.desk.day_closing(admin.id, "kirkonkyla")
        assert (closing.site, closing.to_close) == ("kirkonkyla", tuple(v.ticket for v in there))
        assert centre.desk.day_closing(admin.id).site == "keskusta"
        assert close_day(centre, admin, "kirkonkyla") == tuple(v.ticket for v in there)
        assert [_status(village, v.id) for v in there] == [VisitStatus.LEFT] * 2
        assert _status(centre, here.id) is VisitStatus.WAITING
        assert close_day(centre, admin) == (here.ticket,)
    finally:
        village.close()
        centre.close()
