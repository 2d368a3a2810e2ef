"""Follow-ups after a walk-in: the open ones due (a worker's or everyone's) and the desk's
counters, one follow-up's detail, moving one, and recording a contact (with the referrals' progress
and the client's anonymous answers) that sets the next date or closes it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, select
from sqlalchemy.orm import Session, aliased

from forms.choices import AuditAction, FollowUpBy, Respondent
from forms.followup import NOT_REACHED, FollowUpContact, FollowUpMove, FollowUpProfile
from forms.i18n import _
from forms.timefmt import service_day, utc_now
from storage.db import Database
from storage.desk_base import audit_step
from storage.errors import StorageError, TransitionRefused
from storage.models import (
    FollowUp,
    FollowUpAnswer,
    FollowUpReferral,
    Referral,
    Staff,
    Visit,
)
from storage.models import FollowUpContact as ContactRow
from storage.retention import contact_consent, erase_visits
from storage.views import (
    FollowUpContactRecord,
    FollowUpCounts,
    FollowUpDetail,
    FollowUpLine,
    ReferralToFollow,
)


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
        where: list[ColumnElement[bool]] = [FollowUp.closed_at.is_(None)]
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
        where: list[ColumnElement[bool]] = [FollowUp.closed_at.is_(None), FollowUp.due_on <= today]
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

    # ------------------------------------------------------------- writes ---
    def move(self, follow_up_id: int, move: FollowUpMove, by_staff_id: int) -> list[str]:
        """Move an open follow-up to another date or worker (or both); audited with the names of
        the fields changed, never their values (nothing changed, nothing written). Returns them.
        Refused once closed, or for a worker whose account is not active."""
        with self.db.writing() as session:
            follow_up = self._open(session, follow_up_id)
            if move.staff_id != follow_up.staff_id:
                active = session.scalar(select(Staff.active).where(Staff.id == move.staff_id))
                if not active:
                    raise TransitionRefused(_("That worker's account is not active."))
            changed = [name for name in ("due_on", "staff_id") if getattr(move, name) != getattr(follow_up, name)]
            if changed:
                follow_up.due_on, follow_up.staff_id = move.due_on, move.staff_id
                self._audit(session, by_staff_id, AuditAction.FOLLOW_UP_MOVED, follow_up.visit_id, ",".join(changed))
            return changed

    def record(self, follow_up_id: int, contact: FollowUpContact, staff_id: int, keep_days: int) -> bool:
        """Record a contact (or an attempt) in one transaction: its row, how each referral stood,
        the client's answers and the worker's views as anonymous rows (a day, a question, whose, an
        answer: nothing that leads back to the visit), the failed attempts counted (a reached
        contact starts them again), and the next date, or the closing with its reason. Audited
        with codes only. A closed follow-up of a visit older than `keep_days` days has its personal
        fields erased at once (storage.retention). Refused when it is closed already (another desk
        was first), "not reached" before the profile's attempts, or a referral not of this visit.
        Returns whether it closed."""
        now = self.clock()
        day = service_day(now)
        with self.db.writing() as session:
            follow_up = self._open(session, follow_up_id)
            failed = 0 if contact.reached else follow_up.failed_attempts + 1
            needed = self.profile.attempts_before_not_reached if self.profile is not None else 1
            if contact.end_reason == NOT_REACHED and failed < needed:
                raise TransitionRefused(_("Not reached can be chosen after {n} failed attempts.").format(n=needed))
            destinations = dict(session.execute(select(Referral.id, Referral.destination).where(
                Referral.visit_id == follow_up.visit_id)).all())
            if not set(contact.referrals) <= set(destinations):
                raise TransitionRefused(_("The visit's referrals changed: open the follow-up again."))
            session.add(ContactRow(
                follow_up_id=follow_up.id, at=now, day=day, staff_id=staff_id, reached=contact.reached,
                health_check=contact.health_check.value if contact.health_check else None,
                kykyviisari_before=contact.kykyviisari_before, kykyviisari_after=contact.kykyviisari_after,
                next_on=contact.next_on, end_reason=contact.end_reason,
                referrals=[FollowUpReferral(referral_id=referral_id, destination=destinations[referral_id],
                                            progress=progress.value)
                           for referral_id, progress in sorted(contact.referrals.items())]))
            # The visit's site (a site is no personal data): the answers count in its figures.
            site = session.scalar(select(Visit.site).where(Visit.id == follow_up.visit_id))
            session.add_all(FollowUpAnswer(day=day, question=question, respondent=respondent.value, answer=answer,
                                           site=site)
                            for respondent, answers in ((Respondent.CLIENT, contact.answers),
                                                        (Respondent.WORKER, contact.worker_views))
                            for question, answer in sorted(answers.items()))
            follow_up.failed_attempts = failed
            self._audit(session, staff_id, AuditAction.FOLLOW_UP_CONTACT, follow_up.visit_id,
                        "reached" if contact.reached else NOT_REACHED)
            if contact.end_reason is None:
                follow_up.due_on = contact.next_on or follow_up.due_on
                return False
            follow_up.closed_at, follow_up.closed_on = now, day
            follow_up.closed_by_id, follow_up.end_reason = staff_id, contact.end_reason
            self._audit(session, staff_id, AuditAction.FOLLOW_UP_CLOSED, follow_up.visit_id, contact.end_reason)
            session.flush()
            erase_visits(session, now, and_(Visit.id == follow_up.visit_id,
                                            Visit.service_day < day - timedelta(days=keep_days)))
            return True

    def _open(self, session: Session, follow_up_id: int) -> FollowUp:
        """The follow-up, locked for this transaction (PostgreSQL; SQLite writes one at a time),
        if it is still open: two desks recording it at once, the second finds it closed."""
        follow_up = session.scalar(select(FollowUp).where(FollowUp.id == follow_up_id).with_for_update())
        if follow_up is None:
            raise TransitionRefused(_("The follow-up is no longer there."))
        if follow_up.closed_at is not None:
            raise TransitionRefused(_("This follow-up was already closed."))
        return follow_up

    def _audit(self, session: Session, staff_id: int, action: AuditAction, visit_id: int, detail: str) -> None:
        audit_step(session, self.clock(), staff_id, self.workstation, action, visit_id, detail)


def _line_query() -> Select[*tuple[Any, ...]]:
    # The name and phone are read as they are and kept only with the consent (in _lines): one
    # consent lookup a row instead of three, which a list of 10,000 follow-ups feels.
    return (select(FollowUp.id, FollowUp.visit_id, Visit.ticket, Visit.service_day, FollowUp.due_on,
                   FollowUp.staff_id, Staff.display_name, Visit.follow_up_by, FollowUp.failed_attempts,
                   contact_consent(Visit.id).label("consent"), Visit.purged_at.is_(None).label("unpurged"),
                   Visit.call_name, Visit.callback_phone)
            .join(Visit, Visit.id == FollowUp.visit_id)
            .join(Staff, Staff.id == FollowUp.staff_id))


BY = {by.value: by for by in FollowUpBy}
"""A code to its member by a dict: calling the enum for each of 10,000 rows took 90 ms."""


def _lines(session: Session, query: Select[*tuple[Any, ...]]) -> list[FollowUpLine]:
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
        id=id_, visit_id=visit_id, ticket=ticket, service_day=day, due_on=due_on, staff_id=staff_id,
        staff_name=staff_name, by=BY.get(by or "", FollowUpBy.WORKER), failed_attempts=attempts,
        consent_to_contact=bool(consent), call_name=name if consent and unpurged else None,
        callback_phone=phone if consent and unpurged else None, destinations=tuple(destinations.get(visit_id, ())))
        for (id_, visit_id, ticket, day, due_on, staff_id, staff_name, by, attempts, consent, unpurged, name, phone)
        in rows]
