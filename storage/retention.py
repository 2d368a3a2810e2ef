"""Retention: the personal fields of old visits are erased; counts, codes and times stay, so the
summaries of those days still add up. The name to call and the callback phone of a client who
agreed to be contacted are kept a while longer, while their follow-up is open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, delete, exists, not_, or_, select, update
from sqlalchemy.orm import Session

from forms.choices import AuditAction, ConsentKind
from forms.timefmt import service_day, utc_now
from storage.audit import Actor, record
from storage.db import Database, changed_rows
from storage.documentation import Undocumented, awaiting_documentation, undocumented_in
from storage.models import AuditEvent, AuditPurge, Consent, Draft, FollowUp, ResponsibleWorker, Visit, VisitHandover
from storage.tallies import tallies_kept


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
    audit_events: int = 0
    """Audit events older than the audit trail's own retention, deleted."""


def contact_consent(visit_id: Any) -> ColumnElement[bool]:
    """The visit has a consent to be contacted that was not withdrawn (`visit_id`: a column or id)."""
    return exists().where(Consent.visit_id == visit_id, Consent.kind == ConsentKind.CONTACT.value,
                          Consent.withdrawn_at.is_(None))


def kept_for_follow_up(since: date) -> ColumnElement[bool]:
    """A visit whose name to call and callback phone its follow-up still needs: of `since` or
    later, with an open follow-up and a standing consent to be contacted."""
    return and_(Visit.service_day >= since, contact_consent(Visit.id),
                exists().where(FollowUp.visit_id == Visit.id, FollowUp.closed_at.is_(None)))


def erase_visits(session: Session, now: datetime, where: ColumnElement[bool], keep_contact: bool = False) -> int:
    """Erase the personal fields of the visits matching `where` not purged yet, in this
    transaction: the name to call, the callback phone, the notes, the urgency change's reason, the
    handovers' reasons and the names and phones of named outside workers; returns how many visits
    were purged. `keep_contact`: all but the name to call and the callback phone, and the visits
    stay unpurged (their follow-up still needs them; a later erasure finishes the work)."""
    unpurged = and_(where, Visit.purged_at.is_(None))
    chosen = select(Visit.id).where(unpurged)
    session.execute(update(ResponsibleWorker).where(ResponsibleWorker.visit_id.in_(chosen)).values(
        name=None, phone=None))
    session.execute(update(VisitHandover).where(VisitHandover.visit_id.in_(chosen)).values(reason=None))
    values: dict[str, Any] = {
        "outcome_note": None,
        # "" keeps the fact that a worker changed the urgency, for the summaries
        "override_reason": case((Visit.override_reason.is_not(None), ""), else_=None),
    }
    if keep_contact:
        # only those with something left to erase: the purge at every start would otherwise write
        # the same visits again each time
        unpurged = and_(unpurged, or_(Visit.outcome_note.is_not(None), Visit.override_reason != ""))
    else:
        values.update(call_name=None, callback_phone=None, purged_at=now)
    # nothing erased here is counted: the summaries' tallies stay as they are
    with tallies_kept(session, unpurged):
        result = session.execute(update(Visit).where(unpurged).values(**values).execution_options(
            synchronize_session=False))
    return 0 if keep_contact else changed_rows(result)


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

    def purge(self, keep_days: int, actor: Actor, follow_up_days: int | None = None,
              including_undocumented: bool = False, audit_keep_days: int | None = None) -> Purged:
        """Erase the personal fields of visits older than `keep_days` days (storage.retention.
        erase_visits), and drafts as old. Visits already purged are left alone, so running it again
        is cheap.
        A visit with an open follow-up whose client's consent to be contacted stands keeps its name
        to call and callback phone until it is `follow_up_days` old (None, or no more than
        `keep_days`: nothing is kept longer); a withdrawn consent or a closed follow-up lets them go
        at this purge.
        A visit awaiting documentation keeps its fields (they are what the client information system
        still needs), unless `including_undocumented`: an administrator who was told decides.
        Audit events older than `audit_keep_days` (never fewer than `keep_days`; None keeps them all) are
        deleted: the only delete the database lets through (migration 0019)."""
        now = self.clock()
        today = service_day(now)
        before = today - timedelta(days=keep_days)
        old = Visit.service_day < before
        with self.db.writing() as session:
            kept = _undocumented(session, before)
            if not including_undocumented:
                old = and_(old, not_(awaiting_documentation()))
            if follow_up_days is not None and follow_up_days > keep_days:
                for_follow_up = kept_for_follow_up(today - timedelta(days=follow_up_days))
                visits = erase_visits(session, now, and_(old, not_(for_follow_up)))
                erase_visits(session, now, and_(old, for_follow_up), keep_contact=True)
            else:
                visits = erase_visits(session, now, old)
            drafts = changed_rows(session.execute(
                delete(Draft).where(Draft.updated_at < now - timedelta(days=keep_days))))
            events = 0
            if audit_keep_days is not None:
                events = _purge_audit(session, now - timedelta(days=max(audit_keep_days, keep_days)))
            if visits or drafts or events:
                undocumented = (f", {len(kept)} of them awaiting documentation" if including_undocumented
                                else f", {len(kept)} awaiting documentation kept")
                record(session, now, actor, AuditAction.PURGE,
                       detail=f"before {before.isoformat()}: {visits} visits" + (undocumented if kept else "")
                              + f", {drafts} drafts, {events} audit events")
        if including_undocumented:
            return Purged(before, visits, drafts, erased_undocumented=len(kept), audit_events=events)
        return Purged(before, visits, drafts, kept, audit_events=events)


def _undocumented(session: Session, before: date) -> tuple[Undocumented, ...]:
    return undocumented_in(session, Visit.service_day < before, Visit.purged_at.is_(None))


def _purge_audit(session: Session, floor: datetime) -> int:
    """Delete the audit events older than `floor`. The trigger lets a delete through only below the
    floor written in `audit_purge`, so the floor is set and cleared again within this transaction:
    no other connection ever sees it set, and none after the commit."""
    session.execute(update(AuditPurge).where(AuditPurge.id == 1).values(floor=floor))
    deleted = changed_rows(session.execute(delete(AuditEvent).where(AuditEvent.at < floor)))
    session.execute(update(AuditPurge).where(AuditPurge.id == 1).values(floor=None))
    return deleted
