"""Retention: the personal fields of old visits are erased; counts, codes and times stay, so the
summaries of those days still add up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, delete, select, update
from sqlalchemy.orm import Session

from forms.choices import AuditAction
from forms.timefmt import service_day, utc_now
from storage.audit import Actor, record
from storage.db import Database, changed_rows
from storage.models import AuditEvent, AuditPurge, Draft, ResponsibleWorker, Visit, VisitHandover


@dataclass(frozen=True)
class Purged:
    before: date
    """Visits of days before this one were purged."""
    visits: int
    drafts: int
    audit_events: int = 0
    """Audit events older than the audit trail's own retention, deleted."""


class Retention:
    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now) -> None:
        self.db = db
        self.clock = clock

    def purge(self, keep_days: int, actor: Actor, audit_keep_days: int | None = None) -> Purged:
        """Erase the name to call, the callback phone, the notes, the urgency change's reason, the
        handovers' reasons and the names and phones of named outside workers of visits older than
        `keep_days` days, and drafts as old. Visits already purged are left alone, so running it again is cheap.
        Audit events older than `audit_keep_days` (never fewer than `keep_days`; None keeps them all) are
        deleted: the only delete the database lets through (migration 0020)."""
        now = self.clock()
        before = service_day(now) - timedelta(days=keep_days)
        with self.db.writing() as session:
            old = select(Visit.id).where(Visit.service_day < before, Visit.purged_at.is_(None))
            session.execute(update(ResponsibleWorker).where(ResponsibleWorker.visit_id.in_(old)).values(
                name=None, phone=None))
            session.execute(update(VisitHandover).where(VisitHandover.visit_id.in_(old)).values(reason=None))
            unpurged = (Visit.service_day < before, Visit.purged_at.is_(None))
            visits = changed_rows(session.execute(update(Visit).where(*unpurged).values(
                call_name=None, callback_phone=None, outcome_note=None, purged_at=now,
                # "" keeps the fact that a worker changed the urgency, for the summaries
                override_reason=case((Visit.override_reason.is_not(None), ""), else_=None),
            )))
            drafts = changed_rows(session.execute(
                delete(Draft).where(Draft.updated_at < now - timedelta(days=keep_days))))
            events = 0
            if audit_keep_days is not None:
                events = _purge_audit(session, now - timedelta(days=max(audit_keep_days, keep_days)))
            if visits or drafts or events:
                record(session, now, actor, AuditAction.PURGE,
                       detail=f"before {before.isoformat()}: {visits} visits, {drafts} drafts, {events} audit events")
        return Purged(before, visits, drafts, events)


def _purge_audit(session: Session, floor: datetime) -> int:
    """Delete the audit events older than `floor`. The trigger lets a delete through only below the
    floor written in `audit_purge`, so the floor is set and cleared again within this transaction:
    no other connection ever sees it set, and none after the commit."""
    session.execute(update(AuditPurge).where(AuditPurge.id == 1).values(floor=floor))
    deleted = changed_rows(session.execute(delete(AuditEvent).where(AuditEvent.at < floor)))
    session.execute(update(AuditPurge).where(AuditPurge.id == 1).values(floor=None))
    return deleted
