"""Follow-ups after a walk-in: the open ones due (a worker's or everyone's) and the desk's
counters, one follow-up's detail, moving one, and recording a contact (with the referrals' progress
and the client's anonymous answers) that sets the next date or closes it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, select
from sqlalchemy.orm import Session, aliased

from forms.choices import ConsentKind, FollowUpBy
from forms.followup import FollowUpProfile
from forms.i18n import _
from forms.timefmt import service_day, utc_now
from storage.db import Database
from storage.errors import StorageError
from storage.models import (
    Consent,
    FollowUp,
    Referral,
    Staff,
    Visit,
)
from storage.models import FollowUpContact as ContactRow
from storage.views import (
    FollowUpContactRecord,
    FollowUpCounts,
    FollowUpDetail,
    FollowUpLine,
    ReferralToFollow,
)


def contact_consent(visit_id: Any) -> ColumnElement[bool]:
    """The visit has a consent to be contacted that was not withdrawn (`visit_id`: a column or id)."""
    return exists().where(Consent.visit_id == visit_id, Consent.kind == ConsentKind.CONTACT.value,
                          Consent.withdrawn_at.is_(None))


class FollowUps:
    """The follow-ups of finished visits (storage.models.FollowUp); created by the finish
    (storage.queue_steps), read and recorded here."""

    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now,
                 profile: FollowUpProfile | None = None, workstation: str | None = None) -> None:
        self.db = db
        self.clock = clock
        self.profile = profile
        self.workstation = workstation

    # -------------------------------------------------------------- reads ---
    def due(self, staff_id: int | None, through: date | None) -> list[FollowUpLine]:
        """The open follow-ups of one worker (None: everyone's), due on or before `through`
        (None: all open ones), by due date, then in the order they were made."""
        where = [FollowUp.closed_at.is_(None)]
        if staff_id is not None:
            where.append(FollowUp.staff_id == staff_id)
        if through is not None:
            where.append(FollowUp.due_on <= through)
        with self.db.reading() as session:
            lines = _lines(session, _line_query().where(*where).order_by(FollowUp.due_on, FollowUp.id))
        return lines

    def counts(self, staff_id: int | None) -> FollowUpCounts:
        """Open follow-ups due today and overdue (the clock's Helsinki day), one worker's (None:
        everyone's); one query on the open follow-ups' index."""
        today = service_day(self.clock())
        where = [FollowUp.closed_at.is_(None), FollowUp.due_on <= today]
        if staff_id is not None:
            where.append(FollowUp.staff_id == staff_id)
        with self.db.reading() as session:
            row = session.execute(select(
                func.count(case((FollowUp.due_on == today, 1))),
                func.count(case((FollowUp.due_on < today, 1)))).where(*where)).one()
        return FollowUpCounts(today=row[0] or 0, overdue=row[1] or 0)

    def detail(self, follow_up_id: int) -> FollowUpDetail:
        """One follow-up, open or closed, with the referrals to ask and the contacts so far."""
        with self.db.reading() as session:
            lines = _lines(session, _line_query().where(FollowUp.id == follow_up_id))
            if not lines:
                raise StorageError(_("The follow-up is no longer there."))
            line = lines[0]
            closer = aliased(Staff)
            closing = session.execute(select(FollowUp.closed_at, FollowUp.end_reason, closer.display_name)
                                      .outerjoin(closer, closer.id == FollowUp.closed_by_id)
                                      .where(FollowUp.id == follow_up_id)).one()
            referrals = tuple(ReferralToFollow(*row) for row in session.execute(
                select(Referral.id, Referral.destination).where(Referral.visit_id == line.visit_id)
                .order_by(Referral.id)))
            contacts = session.scalars(select(ContactRow).where(ContactRow.follow_up_id == follow_up_id)
                                       .order_by(ContactRow.id)).all()
            names = dict(session.execute(select(Staff.id, Staff.display_name).where(
                Staff.id.in_({c.staff_id for c in contacts}))).all()) if contacts else {}
            records = tuple(FollowUpContactRecord(
                at=c.at, staff_name=names.get(c.staff_id, "?"), reached=c.reached, next_on=c.next_on,
                end_reason=c.end_reason, health_check=c.health_check, kykyviisari_before=c.kykyviisari_before,
                kykyviisari_after=c.kykyviisari_after,
                referrals=tuple((r.destination, r.progress) for r in c.referrals)) for c in contacts)
        before = next((c.kykyviisari_before for c in reversed(records) if c.kykyviisari_before is not None), None)
        check = self.profile.health_check_destination if self.profile is not None else None
        return FollowUpDetail(
            line=line, referrals=referrals,
            asks_health_check=check is not None and any(r.destination == check for r in referrals),
            contacts=records, kykyviisari_before=before,
            closed_at=closing.closed_at, closed_by=closing.display_name, end_reason=closing.end_reason)


def _line_query() -> Select[Any]:
    consent = contact_consent(Visit.id)
    kept = and_(consent, Visit.purged_at.is_(None))
    return (select(FollowUp.id, FollowUp.visit_id, Visit.ticket, Visit.service_day, FollowUp.due_on,
                   FollowUp.staff_id, Staff.display_name, Visit.follow_up_by, FollowUp.failed_attempts,
                   consent.label("consent"),
                   case((kept, Visit.call_name), else_=None).label("call_name"),
                   case((kept, Visit.callback_phone), else_=None).label("callback_phone"))
            .join(Visit, Visit.id == FollowUp.visit_id)
            .join(Staff, Staff.id == FollowUp.staff_id))


def _lines(session: Session, query: Select[Any]) -> list[FollowUpLine]:
    rows = session.execute(query).all()
    if not rows:
        return []
    # The destinations of the same follow-ups in one more query (a join would repeat the rows).
    chosen = query.with_only_columns(FollowUp.visit_id).order_by(None).scalar_subquery()
    destinations: dict[int, list[str]] = {}
    for visit_id, destination in session.execute(
            select(Referral.visit_id, Referral.destination).where(Referral.visit_id.in_(chosen))
            .order_by(Referral.id)):
        destinations.setdefault(visit_id, []).append(destination)
    return [FollowUpLine(
        id=row.id, visit_id=row.visit_id, ticket=row.ticket, service_day=row.service_day, due_on=row.due_on,
        staff_id=row.staff_id, staff_name=row.display_name, by=FollowUpBy(row.follow_up_by or FollowUpBy.WORKER),
        failed_attempts=row.failed_attempts, consent_to_contact=bool(row.consent), call_name=row.call_name,
        callback_phone=row.callback_phone, destinations=tuple(destinations.get(row.visit_id, ())))
        for row in rows]
