"""Warm handovers to a named colleague: the step itself (guarded, audited, one row of the chain
added), the visits handed to a worker with the handing worker's note, and a visit's chain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from forms.choices import AuditAction, VisitStatus
from forms.handover import HandoverRequest
from forms.i18n import _
from forms.transitions import QueueStep
from storage.errors import TransitionRefused
from storage.models import DeskSession, Staff, Visit, VisitHandover
from storage.presence import present_sessions
from storage.queue_reads import queue_entries, queue_order
from storage.queue_steps import QueueSteps
from storage.views import HandedOver, HandoverRecord


class Handovers(QueueSteps):
    """Handing a client over to a named colleague, and what the colleague's desk reads of it."""

    def hand_over(self, visit_id: int, request: HandoverRequest, staff_id: int) -> None:
        """The visit goes back to the queue, handed to the colleague named: their call next takes
        it first (forms.handover). One row more in the visit's chain; the audit row names the
        colleague's username, never the reason (free text, erased with the visit's other
        personal fields)."""
        now = self.clock()
        with self.db.writing() as session:
            to = session.get(Staff, request.to_staff_id)
            if to is None or not to.active:
                raise TransitionRefused(_("That worker's account is not active."))
            if to.id == staff_id:
                raise TransitionRefused(_("Choose a colleague: the visit is already yours."))
            self._move_in(session, visit_id, QueueStep.HAND_OVER, staff_id, AuditAction.HANDOVER,
                          to.username, handed_to_id=to.id)
            there = sites_now(session, now).get(to.id)
            session.add(VisitHandover(visit_id=visit_id, from_staff_id=staff_id, to_staff_id=to.id, at=now,
                                      reason=request.reason,
                                      to_site=there if there not in (None, self._site_of(session, visit_id)) else None))

    def _site_of(self, session: Session, visit_id: int) -> str | None:
        return session.scalar(select(Visit.site).where(Visit.id == visit_id))

    def colleague_sites(self) -> dict[int, str]:
        """Where each worker signed in now works: the handover dialog names a colleague's site when
        it is not this workstation's."""
        with self.db.reading() as session:
            return sites_now(session, self.clock())

    def handed_to(self, staff_id: int) -> tuple[HandedOver, ...]:
        """The visits waiting for this worker ("Handed to me"), in the order their call next takes
        them, each with who handed it over, when and why."""
        with self.db.reading() as session:
            entries = tuple(queue_entries(session, queue_order(self.clock(), self.queue_rules),
                                          Visit.status == VisitStatus.WAITING.value,
                                          Visit.handed_to_id == staff_id))
            if not entries:
                return ()
            latest = (select(VisitHandover.visit_id, func.max(VisitHandover.id).label("id"))
                      .where(VisitHandover.visit_id.in_([e.id for e in entries]))
                      .group_by(VisitHandover.visit_id).subquery())
            notes = {row.visit_id: row for row in session.execute(
                select(VisitHandover.visit_id, Staff.display_name, VisitHandover.at, VisitHandover.reason)
                .join(latest, latest.c.id == VisitHandover.id)
                .join(Staff, Staff.id == VisitHandover.from_staff_id))}
        return tuple(HandedOver(e, notes[e.id].display_name, notes[e.id].at, notes[e.id].reason)
                     for e in entries if e.id in notes)

    def handover_chain(self, visit_id: int) -> tuple[HandoverRecord, ...]:
        """Every handover of the visit, first first."""
        with self.db.reading() as session:
            return chain(session, visit_id)


def chain(session: Session, visit_id: int) -> tuple[HandoverRecord, ...]:
    giver, taker, receiver = aliased(Staff), aliased(Staff), aliased(Staff)
    rows = session.execute(
        select(giver.display_name, receiver.display_name, VisitHandover.at, VisitHandover.reason,
               VisitHandover.taken_at, taker.display_name, VisitHandover.to_site)
        .join(giver, giver.id == VisitHandover.from_staff_id)
        .join(receiver, receiver.id == VisitHandover.to_staff_id)
        .outerjoin(taker, and_(taker.id == VisitHandover.taken_by_id))
        .where(VisitHandover.visit_id == visit_id).order_by(VisitHandover.id))
    return tuple(HandoverRecord(*row) for row in rows)


def sites_now(session: Session, now: datetime) -> dict[int, str]:
    """Staff id → the site of their latest sign-in that counts as present now."""
    rows = session.execute(select(DeskSession.staff_id, DeskSession.site)
                           .where(present_sessions(now), DeskSession.site.is_not(None))
                           .order_by(DeskSession.signed_in_at))
    return {staff_id: site for staff_id, site in rows if site}
