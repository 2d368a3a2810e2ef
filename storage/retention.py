"""Retention: the personal fields of old visits are erased; counts, codes and times stay, so the
summaries of those days still add up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, case, delete, select, update
from sqlalchemy.orm import Session

from forms.choices import AuditAction
from forms.timefmt import service_day, utc_now
from storage.audit import Actor, record
from storage.db import Database, changed_rows
from storage.models import Draft, ResponsibleWorker, Visit, VisitHandover


@dataclass(frozen=True)
class Purged:
    before: date
    """Visits of days before this one were purged."""
    visits: int
    drafts: int


class Retention:
    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now) -> None:
        self.db = db
        self.clock = clock

    def purge(self, keep_days: int, actor: Actor) -> Purged:
        """Erase the personal fields (`erase_personal_fields`: the name to call, the callback phone,
        the notes, the urgency change's reason, the handovers' reasons and the names and phones of
        named outside workers) of visits older than `keep_days` days, and drafts as old. Visits already purged are left alone, so running it again is cheap."""
        now = self.clock()
        before = service_day(now) - timedelta(days=keep_days)
        with self.db.writing() as session:
            visits = erase_personal_fields(session, now, Visit.service_day < before)
            drafts = changed_rows(session.execute(
                delete(Draft).where(Draft.updated_at < now - timedelta(days=keep_days))))
            if visits or drafts:
                record(session, now, actor, AuditAction.PURGE,
                       detail=f"before {before.isoformat()}: {visits} visits, {drafts} drafts")
        return Purged(before, visits, drafts)


def erase_personal_fields(session: Session, now: datetime, *where: ColumnElement[bool]) -> int:
    """Erase the personal fields of the visits `where` picks that are not yet erased, and mark them
    erased at `now`: the one list of fields that both retention and an erasure on request clear.
    Counts, codes and times stay, so the summaries add up as before. The number of visits erased."""
    unpurged = (*where, Visit.purged_at.is_(None))
    chosen = select(Visit.id).where(*unpurged)
    session.execute(update(ResponsibleWorker).where(ResponsibleWorker.visit_id.in_(chosen)).values(
        name=None, phone=None))
    session.execute(update(VisitHandover).where(VisitHandover.visit_id.in_(chosen)).values(reason=None))
    return changed_rows(session.execute(update(Visit).where(*unpurged).values(
        call_name=None, callback_phone=None, outcome_note=None, purged_at=now,
        # "" keeps the fact that a worker changed the urgency, for the summaries
        override_reason=case((Visit.override_reason.is_not(None), ""), else_=None),
    )))
