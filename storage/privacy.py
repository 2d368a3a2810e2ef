"""Data-subject requests in storage: find a person's visits, gather everything held about them,
erase or restrict them at once, their audit events (the log extract), and the register of requests.
Every step is an administrator's, and is on the audit trail with ids and codes only."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, inspect, select, update
from sqlalchemy.orm import Session, aliased

from forms.choices import AuditAction, ErasureReason, PrivacyRequestKind, VisitStatus
from forms.i18n import _
from forms.privacy import STAFF_KEYS, due_on, overdue, same_phone
from forms.timefmt import service_day, utc_now
from storage.audit import Actor, AuditRow, audit_rows, event_query, record
from storage.db import Database
from storage.documentation import awaiting_documentation
from storage.errors import StorageError, TransitionRefused
from storage.models import (
    AuditEvent,
    Base,
    Consent,
    FollowUp,
    FollowUpContact,
    FollowUpReferral,
    PrintJob,
    PrivacyRequest,
    PrivacyRequestVisit,
    Referral,
    ResponsibleWorker,
    Staff,
    Visit,
    VisitHandover,
)
from storage.retention import erase_visits
from storage.standing import refuse_revoked

HELD: tuple[tuple[str, type[Base]], ...] = (
    ("referrals", Referral),
    ("responsible_workers", ResponsibleWorker),
    ("consents", Consent),
    ("handovers", VisitHandover),
    ("handouts", PrintJob),
    ("follow_ups", FollowUp),
    ("audit_events", AuditEvent),
)
"""Every table that holds rows about a visit, beside the visit's own row: the sections of the
access copy, in its order. Each has `visit_id` and `id`."""


@dataclass(frozen=True)
class FoundVisit:
    """A visit found for a data-subject request, as the administrator chooses among them."""

    id: int
    ticket: str
    service_day: date
    status: VisitStatus
    call_name: str | None
    callback_phone: str | None
    restricted: bool
    awaits_documentation: bool = False
    """A client matter not yet marked documented in the client information system."""


@dataclass(frozen=True)
class HeldVisit:
    """Everything held about one visit: its own row and the rows of each section of HELD, each a
    mapping of field → value, exactly as stored."""

    visit: dict[str, Any]
    sections: dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class HeldRecord:
    visits: tuple[HeldVisit, ...]
    staff: dict[int, str] = field(default_factory=dict)
    """The accounts the rows name by id, and their names."""
    made_at: datetime | None = None


@dataclass(frozen=True)
class RequestRecord:
    """One line of the register of requests."""

    id: int
    received_on: date
    kind: PrivacyRequestKind
    due_on: date
    done_at: datetime | None
    done_by: str | None
    tickets: tuple[str, ...]
    overdue: bool


def _row(model: type[Base], row: Any) -> dict[str, Any]:
    return {attr.key: getattr(row, attr.key) for attr in inspect(model).column_attrs}


class PrivacyStore:
    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now) -> None:
        self.db = db
        self.clock = clock

    # ------------------------------------------------------------------ find ---
    def find(self, actor: Actor, name: str | None = None, phone: str | None = None, ticket: str | None = None,
             day: date | None = None) -> tuple[FoundVisit, ...]:
        """The visits not yet erased whose name to call contains `name` (any case), whose callback
        phone is `phone` (its digits), or with `ticket` on `day`; the look-up is audited (a view
        of each visit found)."""
        where: list[Any] = [Visit.purged_at.is_(None)]
        if name:
            pattern = "%" + name.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append(func.lower(Visit.call_name).like(pattern, escape="\\"))
        if phone:
            where.append(Visit.callback_phone.is_not(None))
        if ticket:
            where.append(Visit.ticket == ticket.strip().upper())
        if day:
            where.append(Visit.service_day == day)
        if not (name or phone or ticket):
            raise ValueError(_("Give a name, a phone number, or a ticket and its date."))
        with self.db.writing() as session:
            refuse_revoked(session, actor, admin=True)
            visits = [v for v in session.scalars(select(Visit).where(*where).order_by(Visit.service_day, Visit.id))
                      if not phone or same_phone(phone, v.callback_phone or "")]
            awaiting = set(session.scalars(select(Visit.id).where(
                Visit.id.in_([v.id for v in visits]), awaiting_documentation()))) if visits else set()
            now = self.clock()
            for visit in visits:
                record(session, now, actor, AuditAction.VIEW, visit.id, "privacy find")
            return tuple(FoundVisit(v.id, v.ticket, v.service_day, VisitStatus(v.status), v.call_name,
                                    v.callback_phone, v.restricted_at is not None, v.id in awaiting)
                         for v in visits)

    # ---------------------------------------------------------------- gather ---
    def held(self, visit_ids: Sequence[int], actor: Actor, detail: str) -> HeldRecord:
        """Everything held about the visits, for an access copy; its making is audited (`detail`,
        an export of each visit) in the same transaction, after the rows are read."""
        with self.db.writing() as session:
            refuse_revoked(session, actor, admin=True)
            visits = _visits(session, visit_ids)
            held = []
            for visit in visits:
                sections = {
                    name: [_row(model, row) for row in session.scalars(
                        select(model).where(model.visit_id == visit.id).order_by(model.id))]  # type: ignore[attr-defined]
                    for name, model in HELD}
                # The follow-up's contacts and how each referral stood at them hang on the follow-up,
                # not on the visit (its anonymous answers hang on nothing, and are not the client's).
                contacts = select(FollowUpContact.id).join(FollowUp).where(FollowUp.visit_id == visit.id)
                sections["follow_up_contacts"] = [_row(FollowUpContact, row) for row in session.scalars(
                    select(FollowUpContact).where(FollowUpContact.id.in_(contacts)).order_by(FollowUpContact.id))]
                sections["follow_up_referrals"] = [_row(FollowUpReferral, row) for row in session.scalars(
                    select(FollowUpReferral).where(FollowUpReferral.contact_id.in_(contacts))
                    .order_by(FollowUpReferral.id))]
                held.append(HeldVisit(_row(Visit, visit), sections))
            staff_ids = {value for item in held for row in (item.visit, *(r for rows in item.sections.values()
                                                                         for r in rows))
                         for key, value in row.items() if key in STAFF_KEYS and value is not None}
            names = dict(session.execute(select(Staff.id, Staff.display_name).where(Staff.id.in_(staff_ids))).all())
            now = self.clock()
            for visit in visits:
                record(session, now, actor, AuditAction.EXPORT, visit.id, detail)
            return HeldRecord(tuple(held), names, now)

    def log_extract(self, visit_ids: Sequence[int], actor: Actor, detail: str) -> list[AuditRow]:
        """Every audit event about the visits, oldest first (Act 703/2023 § 11); making it is
        audited (`detail`: the format) after the events are read, so it is on the next one."""
        with self.db.writing() as session:
            refuse_revoked(session, actor, admin=True)
            visits = _visits(session, visit_ids)
            staff = aliased(Staff)
            rows = audit_rows(session, event_query(staff).where(AuditEvent.visit_id.in_([v.id for v in visits]))
                              .order_by(AuditEvent.at, AuditEvent.id))
            now = self.clock()
            for visit in visits:
                record(session, now, actor, AuditAction.LOG_EXTRACT, visit.id, detail)
            return rows

    def saved_files(self, visit_ids: Sequence[int]) -> list[str]:
        """The handouts of the visits kept as files (they may name the client)."""
        with self.db.reading() as session:
            return [path for path in session.scalars(select(PrintJob.file_path).where(
                PrintJob.visit_id.in_(visit_ids), PrintJob.file_path.is_not(None))) if path]

    # ------------------------------------------------------- erase, restrict ---
    def erase(self, visit_ids: Sequence[int], reason: ErasureReason, actor: Actor) -> int:
        """Erase the visits' personal fields now, the same ones retention erases, counts kept;
        one audit event a visit with the reason's code. Visits already erased are left alone."""
        reason = ErasureReason(reason)
        with self.db.writing() as session:
            refuse_revoked(session, actor, admin=True)
            visits = [v.id for v in _visits(session, visit_ids) if v.purged_at is None]
            now = self.clock()
            erased = erase_visits(session, now, Visit.id.in_(visits)) if visits else 0
            for visit_id in visits:
                record(session, now, actor, AuditAction.ERASE, visit_id, reason.value)
            return erased

    def restrict(self, visit_ids: Sequence[int], actor: Actor, lift: bool = False) -> int:
        """Restrict the visits' processing (no handouts, the ticket only on screens), or lift it;
        audited a visit. Those already so are left alone; the number changed."""
        with self.db.writing() as session:
            refuse_revoked(session, actor, admin=True)
            now = self.clock()
            changed = [v.id for v in _visits(session, visit_ids) if (v.restricted_at is not None) == lift]
            if changed:
                session.execute(update(Visit).where(Visit.id.in_(changed)).values(
                    restricted_at=None if lift else now, restricted_by_id=None if lift else actor.staff_id,
                    updated_at=now))
            for visit_id in changed:
                record(session, now, actor, AuditAction.RESTRICTION_LIFTED if lift else AuditAction.RESTRICT,
                       visit_id)
            return len(changed)

    # ------------------------------------------------------------- register ---
    def add_request(self, kind: PrivacyRequestKind, received_on: date, visit_ids: Iterable[int],
                    actor: Actor) -> int:
        """A request received: its number in the register; due a month after receipt."""
        kind = PrivacyRequestKind(kind)
        with self.db.writing() as session:
            refuse_revoked(session, actor, admin=True)
            visits = _visits(session, sorted(set(visit_ids)))
            now = self.clock()
            request = PrivacyRequest(received_on=received_on, kind=kind.value, due_on=due_on(received_on),
                                     created_at=now, created_by_id=actor.staff_id,
                                     visits=[PrivacyRequestVisit(visit_id=v.id) for v in visits])
            session.add(request)
            session.flush()
            record(session, now, actor, AuditAction.PRIVACY_REQUEST, None, f"#{request.id} {kind.value} received")
            return request.id

    def mark_done(self, request_id: int, actor: Actor) -> None:
        with self.db.writing() as session:
            refuse_revoked(session, actor, admin=True)
            request = session.get(PrivacyRequest, request_id)
            if request is None:
                raise StorageError(_("There is no request {number} in the register.").format(number=request_id))
            if request.done_at is not None:
                raise TransitionRefused(_("Request {number} is already done.").format(number=request_id))
            now = self.clock()
            request.done_at, request.done_by_id = now, actor.staff_id
            record(session, now, actor, AuditAction.PRIVACY_REQUEST, None, f"#{request.id} {request.kind} done")

    def requests(self, actor: Actor) -> tuple[RequestRecord, ...]:
        """The register, newest first, each with whether it is overdue today."""
        today = service_day(self.clock())
        done_by = aliased(Staff)
        with self.db.reading() as session:
            refuse_revoked(session, actor, admin=True)
            tickets: dict[int, list[str]] = {}
            for request_id, ticket, day in session.execute(
                    select(PrivacyRequestVisit.request_id, Visit.ticket, Visit.service_day)
                    .join(Visit, Visit.id == PrivacyRequestVisit.visit_id)
                    .order_by(Visit.service_day, Visit.ticket_no)):
                tickets.setdefault(request_id, []).append(f"{ticket} {day.isoformat()}")
            rows = session.execute(select(PrivacyRequest, done_by.display_name)
                                   .outerjoin(done_by, done_by.id == PrivacyRequest.done_by_id)
                                   .order_by(PrivacyRequest.received_on.desc(), PrivacyRequest.id.desc()))
            return tuple(
                RequestRecord(r.id, r.received_on, PrivacyRequestKind(r.kind), r.due_on, r.done_at, name,
                              tuple(tickets.get(r.id, ())), overdue(r.due_on, r.done_at is not None, today))
                for r, name in rows)


def _visits(session: Session, visit_ids: Sequence[int]) -> list[Visit]:
    """The visits by id, in the order asked; a missing one is refused by its number."""
    found = {v.id: v for v in session.scalars(select(Visit).where(Visit.id.in_(visit_ids)))}
    missing = [str(i) for i in visit_ids if i not in found]
    if missing:
        raise StorageError(_("There is no visit {ids}.").format(ids=", ".join(missing)))
    return [found[i] for i in dict.fromkeys(visit_ids)]
