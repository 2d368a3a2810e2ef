"""Away from the desk on SQLite and PostgreSQL: the wait estimate counts only the workers at work,
other desks see who is away, a queue step or signing out ends it (locking does not, it never
reaches storage), one open period per worker, every step audited, and the summary's minutes
away per worker (cut at midnight, at a sign-out, at a desk that stopped)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from forms.audit_query import AuditQuery
from forms.away import AwayChoice
from forms.choices import AwayReason
from forms.intake import IntakeForm
from forms.profile import ServiceProfile
from forms.timefmt import service_day
from storage.audit import COMMAND_LINE
from storage.errors import StorageError
from storage.models import AwayPeriod
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import PIN, FakeClock, add_admin, add_worker
from workflows.summaries import SummaryFormat, summary_as_text

LUNCH = AwayChoice(reason=AwayReason.LUNCH)


def actions(services: Services) -> list[str]:
    return [row.action.value for row in reversed(services.audit.events(AuditQuery()))]


def two_at_work(services: Services, worker: StaffMember) -> tuple[int, StaffMember, int]:
    _me, mine = services.staff.sign_in("kaisa", PIN, "desk-1")
    other = add_worker(services, "olli", "Olli Testinen")
    _o, theirs = services.staff.sign_in("olli", PIN, "desk-2")
    return mine, other, theirs


def test_the_estimate_and_the_counter_count_only_workers_not_away(services: Services, worker: StaffMember) -> None:
    for _ in range(3):
        services.desk.admit(IntakeForm(), worker.id)
    _mine, other, theirs = two_at_work(services, worker)
    assert sorted(services.desk.snapshot().estimates.values()) == [0, 10, 20]
    services.away.start(other.id, theirs, AwayChoice(reason=AwayReason.PHONE, note="  soitto  "))
    snapshot = services.desk.snapshot()
    assert snapshot.workers_signed_in == 1
    assert sorted(snapshot.estimates.values()) == [0, 20, 40]  # as if Kaisa were alone
    [away] = snapshot.away  # what every desk shows
    assert (away.name, away.reason, away.note) == ("Olli Testinen", AwayReason.PHONE, "soitto")
    assert services.away.end(other.id) is True
    assert services.desk.snapshot().workers_signed_in == 2 and services.desk.snapshot().away == ()
    assert services.away.end(other.id) is False  # back already: nothing to end


def test_one_open_period_per_worker_even_across_desks(services: Services, worker: StaffMember) -> None:
    _me, first = services.staff.sign_in("kaisa", PIN, "desk-1")
    services.away.start(worker.id, first, LUNCH)
    with pytest.raises(StorageError, match="jo merkitty poissa"):
        services.away.start(worker.id, first, LUNCH)
    with services.db.reading() as session:
        assert len(session.scalars(select(AwayPeriod)).all()) == 1


def test_a_queue_step_ends_the_away_in_the_same_commit(services: Services, worker: StaffMember,
                                                       clock: FakeClock) -> None:
    services.desk.admit(IntakeForm(), worker.id)
    _me, mine = services.staff.sign_in("kaisa", PIN, "desk-1")
    services.away.start(worker.id, mine, LUNCH)
    clock.advance(30)
    assert services.desk.call_next(worker.id) is not None
    assert services.away.current(worker.id) is None
    with services.db.reading() as session:
        period = session.scalars(select(AwayPeriod)).one()
    assert period.ended_at == clock.now
    assert actions(services)[-3:] == ["away", "call", "back"]


def test_signing_out_ends_it_and_signing_in_again_ends_one_left_open(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    _me, first = services.staff.sign_in("kaisa", PIN, "desk-1")
    services.away.start(worker.id, first, LUNCH)
    clock.advance(10)
    assert services.staff.sign_out(first) == 0
    assert services.away.current(worker.id) is None
    # A desk that stopped while its worker was away (no sign-out): the next sign-in ends the
    # period where that desk was last seen, not now.
    _me, second = services.staff.sign_in("kaisa", PIN, "desk-1")
    services.away.start(worker.id, second, LUNCH)
    last_seen = clock.advance(5)
    services.staff.heartbeat(second)
    clock.advance(60)
    assert services.desk.snapshot().away == ()  # that desk no longer counts: nobody shown away
    services.staff.sign_in("kaisa", PIN, "desk-2")
    with services.db.reading() as session:
        ends = session.scalars(select(AwayPeriod.ended_at).order_by(AwayPeriod.id)).all()
    assert ends[1] == last_seen


def test_the_summary_counts_minutes_away_per_worker_cut_at_midnight(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    _me, mine = services.staff.sign_in("kaisa", PIN, "desk-1")
    services.away.start(worker.id, mine, LUNCH)
    clock.advance(45)
    services.away.end(worker.id)
    today = service_day(clock.now)
    [line] = services.reports.summary(today).workers
    assert (line.staff_id, line.visits, line.away_minutes) == (worker.id, 0, 45)
    # Away from 23.40 to 00.20 the next morning: 20 minutes on each day.
    clock.now = clock.now.replace(hour=23, minute=40)
    services.staff.heartbeat(mine)
    services.away.start(worker.id, mine, AwayChoice(reason=AwayReason.OTHER))
    clock.advance(40)
    services.staff.heartbeat(mine)
    tomorrow = service_day(clock.now)
    assert services.reports.summary(today).workers[0].away_minutes == 45 + 20
    assert services.reports.summary(tomorrow).workers[0].away_minutes == 20  # still open: counted to now
    services.away.end(worker.id)
    assert services.reports.summary(today, tomorrow).workers[0].away_minutes == 45 + 40


def test_away_and_back_are_audited(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    _me, mine = services.staff.sign_in("kaisa", PIN, "desk-1")
    services.away.start(worker.id, mine, LUNCH)
    clock.advance(1)
    services.away.end(worker.id)
    assert actions(services)[-2:] == ["away", "back"]
    assert [row.detail for row in services.audit.events(AuditQuery())][:2] == ["lunch", "lunch"]


def test_a_deactivated_worker_is_no_longer_away(services: Services, worker: StaffMember) -> None:
    _me, mine = services.staff.sign_in("kaisa", PIN, "desk-1")
    services.away.start(worker.id, mine, LUNCH)
    services.staff.set_active(worker.id, False)
    assert services.away.current(worker.id) is None


def test_the_summary_exports_show_minutes_away_by_the_naming_rule(
        services: Services, worker: StaffMember, clock: FakeClock, profile: ServiceProfile) -> None:
    _me, mine = services.staff.sign_in("kaisa", PIN, "desk-1")
    other = add_worker(services, "olli", "Olli Testinen")
    _o, theirs = services.staff.sign_in("olli", PIN, "desk-2")
    services.away.start(worker.id, mine, LUNCH)
    services.away.start(other.id, theirs, LUNCH)
    clock.advance(30)
    services.staff.heartbeat(mine)
    services.away.end(worker.id)
    services.staff.sign_out(theirs)  # Olli signs out while away: counted to the sign-out
    day = service_day(clock.now)
    admin = add_admin(services)

    def text(viewer: StaffMember) -> str:
        return summary_as_text(services, profile, day, day, SummaryFormat.TEXT, COMMAND_LINE, viewer)

    assert "Kaisa Esimerkki: 0 käyntiä" in text(admin) and "Olli Testinen: 0" in text(admin)
    assert text(admin).count("poissa 30 min") == 2
    assert "Olli" not in text(worker) and "Kaisa Esimerkki" in text(worker)  # others numbered
    exported = json.loads(summary_as_text(services, profile, day, day, SummaryFormat.JSON, COMMAND_LINE))
    assert sorted(w["away_minutes"] for w in exported["workers"]) == [30, 30]
