"""The audit trail: who viewed, changed, printed or exported what, and when.

Events are written in the same transaction as what they record, so there is never a change
without its event, or an event for a change that did not happen. Nothing here updates or deletes
them, and the database refuses to (migration 0005)."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from forms.audit_query import AuditQuery
from forms.choices import AuditAction
from forms.timefmt import HELSINKI, utc_now
from storage.db import Database
from storage.models import AuditEvent, Staff, Visit
from storage.standing import refuse_revoked

CSV_COLUMNS = ("time", "username", "actor", "workstation", "action", "ticket", "service_day", "detail")


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in worker at a workstation, or else the operating-system user, through
    the command line (`via` "cli") or the app's own start-up work ("start"). An administrator who
    gave their PIN to the command line is both: their staff id, and `via` "cli"."""

    staff_id: int | None
    workstation: str | None = None
    via: str | None = None
    """None: a worker signed in at a desk (or, without a staff id, the command line)."""

    @property
    def name(self) -> str | None:
        if self.staff_id is not None and self.via is None:
            return None
        return f"{self.via or 'cli'}:{getpass.getuser()}"


COMMAND_LINE = Actor(None, via="cli")


def record(session: Session, at: datetime, actor: Actor | int | None, action: AuditAction,
           visit_id: int | None = None, detail: str | None = None) -> None:
    """Add an event to the transaction; `actor` may be a bare staff id (no workstation known)."""
    if not isinstance(actor, Actor):
        actor = Actor(actor) if actor is not None else COMMAND_LINE
    session.add(AuditEvent(
        at=at, staff_id=actor.staff_id, actor=actor.name, workstation=actor.workstation,
        action=action.value, visit_id=visit_id, detail=detail and detail[:200],
    ))


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    username: str | None
    actor: str | None
    workstation: str | None
    action: AuditAction
    ticket: str | None
    service_day: date | None
    detail: str | None

    def csv(self) -> dict[str, object]:
        return {
            "time": self.at.astimezone(HELSINKI).isoformat(timespec="seconds"),
            "username": self.username or "", "actor": self.actor or "", "workstation": self.workstation or "",
            "action": self.action.value, "ticket": self.ticket or "",
            "service_day": self.service_day.isoformat() if self.service_day else "", "detail": self.detail or "",
        }


class AuditLog:
    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now) -> None:
        self.db = db
        self.clock = clock

    def add(self, actor: Actor, action: AuditAction, visit_id: int | None = None, detail: str | None = None) -> None:
        """An event on its own, e.g. an export (changes record theirs with the change)."""
        with self.db.writing() as session:
            refuse_revoked(session, actor.staff_id)
            record(session, self.clock(), actor, action, visit_id, detail)

    def events(self, where: AuditQuery, limit: int | None = 500, by: int | None = None) -> list[AuditRow]:
        """Newest first; for an administrator (`by`; None: the command line)."""
        staff = aliased(Staff)
        query = event_query(staff).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
        if where.day_from is not None:
            query = query.where(AuditEvent.at >= _start_of(where.day_from))
        if where.day_to is not None:
            query = query.where(AuditEvent.at < _start_of(where.day_to + timedelta(days=1)))
        if where.username:
            query = query.where(staff.username == where.username.strip().lower())
        if where.action is not None:
            query = query.where(AuditEvent.action == where.action.value)
        if where.ticket:
            query = query.where(Visit.ticket == where.ticket.strip().upper())
        with self.db.reading() as session:
            refuse_revoked(session, by, admin=True)
            return audit_rows(session, query)


def event_query(staff: type[Staff]) -> Select[AuditEvent, str, str, date]:
    """Events with the username (of `staff`, an alias to filter on) and the visit's ticket and day."""
    return (select(AuditEvent, staff.username, Visit.ticket, Visit.service_day)
            .outerjoin(staff, staff.id == AuditEvent.staff_id)
            .outerjoin(Visit, Visit.id == AuditEvent.visit_id))


def audit_rows(session: Session, query: Select[AuditEvent, str, str, date]) -> list[AuditRow]:
    return [AuditRow(event.at, username, event.actor, event.workstation, AuditAction(event.action),
                     ticket, day, event.detail)
            for event, username, ticket, day in session.execute(query)]


def _start_of(day: date) -> datetime:
    """Midnight in Helsinki: the filter's days are the desk's days."""
    return datetime(day.year, day.month, day.day, tzinfo=HELSINKI)
