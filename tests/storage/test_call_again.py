"""Calling again and "did not show", on real SQLite and PostgreSQL: each call counted, the repeat
call first on the display, "did not show" only after the profile's number of calls, counted apart
from "left" in the summaries (live and tallied), undone the same day, audited."""

from __future__ import annotations

import pytest

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, VisitStatus
from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.timefmt import service_day
from forms.transitions import QueueStep
from storage.errors import TransitionRefused
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock


def _called(services: Services, worker: StaffMember, name: str) -> int:
    visit_id = services.desk.admit(IntakeForm(call_name=name), worker.id).id
    services.desk.call(visit_id, worker.id)
    return visit_id


def test_a_call_again_is_counted_and_shown_first(services: Services, worker: StaffMember,
                                                  clock: FakeClock) -> None:
    desk = services.desk
    aino = _called(services, worker, "Aino")
    clock.advance(1)
    eero = _called(services, worker, "Eero")
    board = desk.display_board()
    assert [(c.ticket, c.calls, c.repeated) for c in board.called] == [("A002", 1, False), ("A001", 1, False)]
    clock.advance(2)
    desk.call_again(aino, worker.id)
    board = desk.display_board()
    assert [(c.ticket, c.calls, c.repeated) for c in board.called] == [("A001", 2, True), ("A002", 1, False)]
    first_call = desk.visit(aino).called_at
    detail = desk.visit(aino)
    assert (detail.entry.calls, detail.last_called_at, detail.called_at) == (2, clock(), first_call)
    assert detail.entry.status is VisitStatus.CALLED
    with pytest.raises(TransitionRefused):  # only a called ticket is called again
        desk.call_again(desk.admit(IntakeForm(), worker.id).id, worker.id)
    desk.start(eero, worker.id)
    with pytest.raises(TransitionRefused):
        desk.call_again(eero, worker.id)
    events = services.audit.events(AuditQuery(action=AuditAction.CALL_AGAIN))
    assert [(e.ticket, e.username, e.at) for e in events] == [("A001", worker.username, clock())]


def test_did_not_show_only_after_the_profiles_calls(services: Services, worker: StaffMember,
                                                    clock: FakeClock) -> None:
    desk = services.desk
    assert desk.queue_rules.calls_before_no_show == 3  # the default profile's number
    visit = _called(services, worker, "Aino")
    for _again in range(2):
        with pytest.raises(TransitionRefused, match="3"):
            desk.mark_no_show(visit, worker.id)
        desk.call_again(visit, worker.id)
    clock.advance(4)
    desk.mark_no_show(visit, worker.id)
    detail = desk.visit(visit)
    assert (detail.entry.status, detail.entry.calls, detail.no_show_at) == (VisitStatus.NO_SHOW, 3, clock())
    assert detail.left_at is None
    assert desk.snapshot().counters.no_show == 1 and desk.snapshot().counters.left == 0
    with pytest.raises(TransitionRefused):  # closed: not again, not called again
        desk.call_again(visit, worker.id)
    event = services.audit.events(AuditQuery(action=AuditAction.NO_SHOW))[0]
    assert (event.ticket, event.username) == ("A001", worker.username)


def test_did_not_show_put_back_the_same_day(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    desk = services.desk
    first = _called(services, worker, "Aino")
    clock.advance(1)
    desk.admit(IntakeForm(call_name="Eero"), worker.id)
    for _again in range(2):
        desk.call_again(first, worker.id)
    desk.mark_no_show(first, worker.id)
    with pytest.raises(TransitionRefused):  # it did not show; it did not leave
        desk.put_back(first, worker.id, QueueStep.PUT_BACK_LEFT)
    desk.put_back(first, worker.id, QueueStep.PUT_BACK_NO_SHOW)
    back = desk.visit(first)
    assert (back.entry.status, back.no_show_at, back.entry.calls) == (VisitStatus.WAITING, None, 3)
    assert [e.call_name for e in desk.snapshot().entries] == ["Aino", "Eero"]  # its place kept
    assert services.reports.summary(service_day(clock())).no_show == 0
    # a no-show of yesterday stays counted
    desk.call(first, worker.id)
    desk.mark_no_show(first, worker.id)
    clock.advance(24 * 60)
    with pytest.raises(TransitionRefused):
        desk.put_back(first, worker.id, QueueStep.PUT_BACK_NO_SHOW)


@pytest.mark.parametrize("tallied", [False, True], ids=["today", "tallied"])
def test_no_shows_apart_from_left_and_out_of_the_waits(services: Services, worker: StaffMember,
                                                       clock: FakeClock, tallied: bool) -> None:
    desk = services.desk
    day = service_day(clock())
    seen, left, gone = (desk.admit(IntakeForm(), worker.id).id for _n in range(3))
    clock.advance(10)
    desk.call(seen, worker.id)  # waited 10 minutes until called, then met
    clock.advance(20)
    desk.call(left, worker.id)  # 30 minutes, called, then marked left: no one was seen
    desk.mark_left(left, worker.id)
    clock.advance(20)
    desk.call(gone, worker.id)  # 50 minutes, called three times, never came
    desk.call_again(gone, worker.id)
    desk.call_again(gone, worker.id)
    desk.mark_no_show(gone, worker.id)
    desk.finish(seen, Outcome(), worker.id)
    if tallied:
        clock.advance(24 * 60)
    summary = services.reports.summary(day)
    assert (summary.visits, summary.finished, summary.left, summary.no_show) == (3, 1, 1, 1)
    assert (summary.waiting.count, summary.waiting.longest) == (1, 10)
    rows = {row["ticket"]: row for row in services.reports.visit_rows(day)}
    assert [(rows[t]["status"], rows[t]["wait_minutes"]) for t in ("A001", "A002", "A003")] == [
        ("finished", 10), ("left", ""), ("no_show", "")]


def test_migration_0011_counts_earlier_calls_and_goes_back(db_url: str, services: Services,
                                                         worker: StaffMember) -> None:
    from alembic import command
    from sqlalchemy import text

    from storage.db import alembic_config
    from storage.migrations import HEAD

    desk = services.desk
    waiting = desk.admit(IntakeForm(), worker.id).id
    called = _called(services, worker, "Aino")
    gone = _called(services, worker, "Eero")
    for _again in range(2):
        desk.call_again(gone, worker.id)
    desk.mark_no_show(gone, worker.id)
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", db_url.replace("%", "%%"))
    command.downgrade(config, "0010")  # a "did not show" becomes the nearest older status
    with services.db.reading() as session:
        rows = session.execute(text("SELECT id, status FROM visit ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [(waiting, "waiting"), (called, "called"), (gone, "left")]
    command.upgrade(config, HEAD)  # calls made before count one
    assert [desk.visit(v).entry.calls for v in (waiting, called, gone)] == [0, 1, 1]
    assert desk.visit(called).last_called_at == desk.visit(called).called_at
    desk.call_again(called, worker.id)
    assert desk.display_board().called[0].repeated
