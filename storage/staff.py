"""Staff accounts, PIN checks with lockout, the administrator's changes, and the sign-ins that
count as workers at the desk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from forms.choices import AuditAction, StaffRole
from forms.i18n import _
from forms.staff import NewStaff, StaffDetails
from forms.timefmt import format_time, utc_now
from storage.audit import Actor, record
from storage.db import Database
from storage.errors import StorageError
from storage.models import DeskSession, Staff
from storage.pins import hash_pin, verify_pin
from storage.views import StaffMember

PRESENCE = timedelta(minutes=5)
"""A sign-in without a heartbeat for this long no longer counts as a worker at the desk."""
WRONG_PINS_BEFORE_LOCK = 5
LOCKOUT = timedelta(minutes=5)


def workers_present(now: datetime) -> Select[tuple[int]]:
    """How many workers are signed in at some workstation now."""
    return select(func.count(func.distinct(DeskSession.staff_id))).where(
        DeskSession.signed_out_at.is_(None), DeskSession.last_seen_at >= now - PRESENCE)


def member(row: Staff) -> StaffMember:
    return StaffMember(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        job_title=row.job_title,
        role=row.role,
        phone=row.phone,
        phone_hours=row.phone_hours,
        email=row.email,
        location=row.location,
        active=row.active,
    )


class StaffStore:
    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now, workstation: str | None = None) -> None:
        self.db = db
        self.clock = clock
        self.workstation = workstation

    def _actor(self, by: Actor | int | None) -> Actor:
        """`by`: a staff id at this workstation, or the whole actor (the command line's administrator)."""
        return by if isinstance(by, Actor) else Actor(by, self.workstation)

    # ------------------------------------------------------------ reading ---
    def count(self) -> int:
        with self.db.reading() as session:
            return session.scalar(select(func.count()).select_from(Staff)) or 0

    def active_members(self) -> list[StaffMember]:
        with self.db.reading() as session:
            rows = session.scalars(
                select(Staff).where(Staff.active.is_(True)).order_by(Staff.display_name)
            )
            return [member(row) for row in rows]

    def all_members(self) -> list[StaffMember]:
        """Active and deactivated, for the administrator."""
        with self.db.reading() as session:
            return [member(row) for row in session.scalars(
                select(Staff).order_by(Staff.active.desc(), Staff.display_name))]

    # ---------------------------------------------------------- sign-ins ---
    def check_pin(self, username: str, pin: str) -> StaffMember:
        """The account if the PIN is right. Five wrong PINs in a row lock it for five minutes;
        the lock is stored, so a restart does not lift it, and while it lasts no PIN is tried."""
        refused = StorageError(_("Wrong username or PIN."))
        with self.db.reading() as session:
            row = session.scalar(select(Staff).where(Staff.username == username.strip().lower()))
        if row is None or not row.active:
            raise refused
        if row.locked_until is not None and row.locked_until > self.clock():
            raise _locked(row.locked_until)
        # The slow hash runs outside any transaction, so other desks are not held up.
        accepted = verify_pin(pin, row.pin_hash)
        locked_until = None
        with self.db.writing() as session:
            now = self.clock()
            if accepted:
                session.execute(update(Staff).where(Staff.id == row.id).values(failed_pins=0, locked_until=None))
                return member(row)
            session.execute(update(Staff).where(Staff.id == row.id).values(failed_pins=Staff.failed_pins + 1))
            wrong = session.scalar(select(Staff.failed_pins).where(Staff.id == row.id)) or 0
            if wrong >= WRONG_PINS_BEFORE_LOCK:
                locked_until = now + LOCKOUT
                session.execute(update(Staff).where(Staff.id == row.id).values(
                    failed_pins=0, locked_until=locked_until))
                record(session, now, self._actor(row.id), AuditAction.ACCOUNT_LOCKED)
            else:
                record(session, now, self._actor(row.id), AuditAction.SIGN_IN_REFUSED)
        raise _locked(locked_until) if locked_until else refused

    def sign_in(self, username: str, pin: str, workstation: str) -> tuple[StaffMember, int]:
        """Check the PIN and open a desk session."""
        signed_in = self.check_pin(username, pin)
        with self.db.writing() as session:
            now = self.clock()
            desk_session = DeskSession(
                staff_id=signed_in.id, workstation=workstation, signed_in_at=now, last_seen_at=now
            )
            session.add(desk_session)
            record(session, now, Actor(signed_in.id, workstation), AuditAction.SIGN_IN)
            session.flush()
            return signed_in, desk_session.id

    def heartbeat(self, desk_session_id: int) -> None:
        with self.db.writing() as session:
            session.execute(
                update(DeskSession)
                .where(DeskSession.id == desk_session_id)
                .values(last_seen_at=self.clock())
            )

    def sign_out(self, desk_session_id: int) -> int:
        """Close the sign-in; returns how many workers are still at the desk (0: the last one
        left, and the day can be closed)."""
        now = self.clock()
        with self.db.writing() as session:
            staff_id = session.scalar(select(DeskSession.staff_id).where(DeskSession.id == desk_session_id))
            session.execute(
                update(DeskSession).where(DeskSession.id == desk_session_id).values(signed_out_at=now)
            )
            record(session, now, self._actor(staff_id), AuditAction.SIGN_OUT)
            return session.scalar(workers_present(now)) or 0

    # ------------------------------------------------- the administrator ---
    def add(self, new: NewStaff, by: Actor | int | None = None) -> StaffMember:
        """`by`: the administrator adding the account (None: the command line, or the first run)."""
        with self.db.writing() as session:
            _refuse_taken(session, new.username)
            fields = new.model_dump(exclude={"pin", "pin_again"})
            row = Staff(**fields, pin_hash=hash_pin(new.pin), created_at=self.clock())
            session.add(row)
            session.flush()
            record(session, self.clock(), self._actor(by), AuditAction.STAFF_ADDED, detail=row.username)
            return member(row)

    def change(self, staff_id: int, details: StaffDetails, by: Actor | int | None = None) -> StaffMember:
        with self.db.writing() as session:
            row = _row(session, staff_id)
            if details.username != row.username:
                _refuse_taken(session, details.username)
            if row.role == StaffRole.ADMIN and details.role != StaffRole.ADMIN:
                _refuse_last_admin(session, row)
            for name, value in details.model_dump().items():
                setattr(row, name, value)
            record(session, self.clock(), self._actor(by), AuditAction.STAFF_CHANGED, detail=row.username)
            return member(row)

    def set_active(self, staff_id: int, active: bool, by: Actor | int | None = None) -> StaffMember:
        """Deactivate (the account can no longer sign in; its history stays) or activate again."""
        with self.db.writing() as session:
            row = _row(session, staff_id)
            if not active and row.role == StaffRole.ADMIN:
                _refuse_last_admin(session, row)
            row.active = active
            if not active:
                session.execute(update(DeskSession).where(
                    DeskSession.staff_id == staff_id, DeskSession.signed_out_at.is_(None)
                ).values(signed_out_at=self.clock()))
            action = AuditAction.STAFF_ACTIVATED if active else AuditAction.STAFF_DEACTIVATED
            record(session, self.clock(), self._actor(by), action, detail=row.username)
            return member(row)

    def reset_pin(self, staff_id: int, pin: str, by: Actor | int | None = None) -> None:
        """A new PIN (validated by the form); it also lifts a lockout."""
        with self.db.writing() as session:
            row = _row(session, staff_id)
            row.pin_hash, row.failed_pins, row.locked_until = hash_pin(pin), 0, None
            record(session, self.clock(), self._actor(by), AuditAction.PIN_RESET, detail=row.username)

    def find(self, username: str) -> StaffMember | None:
        with self.db.reading() as session:
            row = session.scalar(select(Staff).where(Staff.username == username.strip().lower()))
            return member(row) if row else None


def _row(session: Session, staff_id: int) -> Staff:
    row = session.get(Staff, staff_id)
    if row is None:
        raise StorageError(_("The account is no longer there."))
    return row


def _refuse_taken(session: Session, username: str) -> None:
    if session.scalar(select(Staff.id).where(Staff.username == username)):
        raise StorageError(_("The username {name} is taken.").format(name=username))


def _refuse_last_admin(session: Session, row: Staff) -> None:
    """Someone must always be able to manage the accounts. The other administrators' rows are
    locked, so two administrators cannot step down at the same moment on a shared server."""
    others = session.scalars(select(Staff.id).where(
        Staff.role == StaffRole.ADMIN.value, Staff.active.is_(True), Staff.id != row.id).with_for_update()).all()
    if not others:
        raise StorageError(_("{name} is the last administrator: make someone else an administrator first.")
                           .format(name=row.display_name))


def _locked(until: datetime) -> StorageError:
    return StorageError(_("Too many wrong PINs: the account is locked until {time}.").format(
        time=format_time(until)))
