"""Retention: the personal fields of old visits are erased; counts, codes and times stay, so the
summaries of those days still add up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, delete, not_, select, update
from sqlalchemy.orm import Session

from forms.choices import AuditAction
from forms.timefmt import service_day, utc_now
from storage.audit import Actor, record
from storage.db import Database, changed_rows
from storage.documentation import Undocumented, awaiting_documentation, undocumented_in
from storage.models import Draft, ResponsibleWorker, Visit, VisitHandover


@dataclass(frozen=True)
class Purged:
    before: date
    """Visits of days before this one were purged."""
    visits: int
    drafts: int
    kept: tuple[Undocumented, ...] = ()
    """Old visits awaiting documentation whose personal fields were kept (forms.documentation)."""
    erased_undocumented: int = 0
    """Old visits awaiting documentation erased all the same (`including_undocumented`)."""


class Retention:
    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now) -> None:
        self.db = db
        self.clock = clock

    def undocumented(self, keep_days: int) -> tuple[Undocumented, ...]:
        """The visits older than `keep_days` days, not yet purged, that await documentation: what
        a purge keeps unless told otherwise."""
        before = service_day(self.clock()) - timedelta(days=keep_days)
        with self.db.reading() as session:
            return _undocumented(session, before)

    def purge(self, keep_days: int, actor: Actor, including_undocumented: bool = False) -> Purged:
        """Erase the name to call, the callback phone, the notes, the urgency change's reason, the
        handovers' reasons and the names and phones of named outside workers of visits older than
        `keep_days` days, and drafts as old. Visits already purged are left alone, so running it again is cheap.
        A visit awaiting documentation keeps its fields (they are what the client information system
        still needs), unless `including_undocumented`: an administrator who was told decides."""
        now = self.clock()
        before = service_day(now) - timedelta(days=keep_days)
        with self.db.writing() as session:
            kept = _undocumented(session, before)
            unpurged = [Visit.service_day < before, Visit.purged_at.is_(None)]
            if not including_undocumented:
                unpurged.append(not_(awaiting_documentation()))
            old = select(Visit.id).where(*unpurged)
            session.execute(update(ResponsibleWorker).where(ResponsibleWorker.visit_id.in_(old)).values(
                name=None, phone=None))
            session.execute(update(VisitHandover).where(VisitHandover.visit_id.in_(old)).values(reason=None))
            visits = changed_rows(session.execute(update(Visit).where(*unpurged).values(
                call_name=None, callback_phone=None, outcome_note=None, purged_at=now,
                # "" keeps the fact that a worker changed the urgency, for the summaries
                override_reason=case((Visit.override_reason.is_not(None), ""), else_=None),
            )))
            drafts = changed_rows(session.execute(
                delete(Draft).where(Draft.updated_at < now - timedelta(days=keep_days))))
            if visits or drafts:
                undocumented = (f", {len(kept)} of them awaiting documentation" if including_undocumented
                                else f", {len(kept)} awaiting documentation kept")
                record(session, now, actor, AuditAction.PURGE,
                       detail=f"before {before.isoformat()}: {visits} visits, {drafts} drafts"
                              + (undocumented if kept else ""))
        if including_undocumented:
            return Purged(before, visits, drafts, erased_undocumented=len(kept))
        return Purged(before, visits, drafts, kept)


def _undocumented(session: Session, before: date) -> tuple[Undocumented, ...]:
    return undocumented_in(session, Visit.service_day < before, Visit.purged_at.is_(None))
