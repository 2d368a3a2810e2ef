"""Record status in SQL: which visits are client matters awaiting documentation in the county's
client information system (forms.documentation says the rule), and marking one documented."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import Session

from forms.choices import AuditAction
from forms.i18n import _
from forms.timefmt import format_datetime
from storage.desk_base import DeskBase
from storage.errors import StorageError, TransitionRefused
from storage.models import Staff, Visit


@dataclass(frozen=True, slots=True)
class Undocumented:
    """A visit awaiting documentation, by its ticket and day only (what a list may show)."""

    ticket: str
    service_day: date


def client_matter() -> ColumnElement[bool]:
    """forms.documentation.is_client_matter in SQL."""
    named_client = or_(func.coalesce(Visit.call_name, "") != "", func.coalesce(Visit.callback_phone, "") != "")
    return or_(Visit.did_worker_named.is_(True), Visit.did_consent.is_(True),
               and_(Visit.did_referral.is_(True), named_client), Visit.follow_up_on.is_not(None))


def awaiting_documentation() -> ColumnElement[bool]:
    """forms.documentation.awaits_documentation in SQL."""
    return and_(client_matter(), Visit.documented_at.is_(None))


def undocumented_in(session: Session, *where: ColumnElement[bool]) -> tuple[Undocumented, ...]:
    """The visits awaiting documentation among `where`, by day and ticket."""
    rows = session.execute(select(Visit.ticket, Visit.service_day).where(awaiting_documentation(), *where)
                           .order_by(Visit.service_day, Visit.ticket_no))
    return tuple(Undocumented(ticket, day) for ticket, day in rows)


class Documenting(DeskBase):
    """Marking a client matter documented in the client information system."""

    def mark_documented(self, visit_id: int, staff_id: int) -> datetime:
        """The worker says the visit's note is in the client information system: who and when,
        with its audit row (ids and codes only). A visit already marked (at another desk, say)
        is refused with who marked it and when."""
        now = self.clock()
        with self.db.writing() as session:
            visit = session.get(Visit, visit_id)
            if visit is None:
                raise StorageError(_("The visit is no longer there."))
            if visit.documented_at is not None:
                who = session.get(Staff, visit.documented_by_id) if visit.documented_by_id else None
                raise TransitionRefused(_("{ticket} was already marked documented ({who}, {when}).").format(
                    ticket=visit.ticket, who=who.display_name if who else "?",
                    when=format_datetime(visit.documented_at)))
            session.execute(update(Visit).where(Visit.id == visit_id).values(
                documented_at=now, documented_by_id=staff_id, updated_at=now))
            self._audit(session, staff_id, AuditAction.DOCUMENTED, visit_id)
        return now

    def undocumented(self, day_from: date, day_to: date) -> tuple[Undocumented, ...]:
        """The visits of those days awaiting documentation."""
        with self.db.reading() as session:
            return undocumented_in(session, Visit.service_day.between(day_from, day_to))
