"""Staff accounts, PIN checks with lockout, the administrator's changes, and the sign-ins that
count as workers at the desk."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime, timedelta
from importlib import import_module

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from forms.choices import AuditAction, StaffRole
from forms.i18n import _
from forms.staff import NewStaff, StaffDetails
from forms.timefmt import format_time, utc_now
from storage import away
from storage.audit import Actor, record
from storage.db import Database
from storage.errors import StorageError
from storage.models import AwayPeriod, DeskSession, PinLockout, Staff, StaffSite
from storage.pins import NO_ACCOUNT, hash_pin, verify_pin
from storage.presence import present_sessions, workers_present
from storage.standing import refuse_revoked
from storage.views import StaffMember

WRONG_PINS_BEFORE_LOCK = 5
LOCKOUTS = tuple(timedelta(minutes=m) for m in (5, 15, 60, 240))
"""The first lock, the second, …; every one after the last lasts as long as the last."""


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
    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now, workstation: str | None = None,
                 site: str | None = None) -> None:
        self.db = db
        self.clock = clock
        self.workstation = workstation
        self.site = site
        """The workstation's site, recorded with each sign-in."""

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

    def all_members(self, by: int | None = None) -> list[StaffMember]:
        """Active and deactivated, for the administrator (`by`; None: the command line)."""
        with self.db.reading() as session:
            refuse_revoked(session, by, admin=True)
            return [member(row) for row in session.scalars(
                select(Staff).order_by(Staff.active.desc(), Staff.display_name))]

    # ---------------------------------------------------------- sign-ins ---
    def check_pin(self, username: str, pin: str) -> StaffMember:
        """The account if the PIN is right. Five wrong PINs in a row lock the username for five
        minutes, the next lock for 15, then 60, then 240; a right PIN after the lock, or a new PIN
        from an administrator, starts again from the first. The lock is stored, so a restart does
        not lift it, and while it lasts no PIN is tried.

        An unknown or deactivated username is answered by the same steps: the same slow hash, the
        same count and locks (kept by the name typed), the same messages. So neither the answer
        nor its time tells anyone which usernames exist."""
        name = username.strip().lower()
        key = name[:32]  # the longest username; a longer name typed is no account's
        with self.db.reading() as session:
            row = session.scalar(select(Staff).where(Staff.username == name))
            locked_until = session.scalar(select(PinLockout.locked_until).where(PinLockout.username == key))
        if locked_until is not None and locked_until > self.clock():
            raise _locked(locked_until)
        account = row if row is not None and row.active else None
        # The slow hash runs outside any transaction, so other desks are not held up.
        accepted = verify_pin(pin, account.pin_hash if account else NO_ACCOUNT)
        with self.db.writing() as session:
            now = self.clock()
            if account is not None and accepted:
                session.execute(delete(PinLockout).where(PinLockout.username == key))
                return member(account)
            locked_until = self._wrong_pin(session, key)
            if account is not None:
                action = AuditAction.ACCOUNT_LOCKED if locked_until else AuditAction.SIGN_IN_REFUSED
                record(session, now, self._actor(account.id), action)
        raise _locked(locked_until) if locked_until else StorageError(_("Wrong username or PIN."))

    def _wrong_pin(self, session: Session, name: str) -> datetime | None:
        """Count a wrong PIN for the name typed; the end of the lock when this one locked it."""
        # Each dialect's own INSERT … ON CONFLICT, imported for the one in use: a desk on SQLite
        # never loads the PostgreSQL dialect.
        insert = import_module(f"sqlalchemy.dialects.{'sqlite' if self.db.is_sqlite else 'postgresql'}").insert
        session.execute(insert(PinLockout).values(username=name, wrong_pins=0, lockouts=0)
                        .on_conflict_do_nothing(index_elements=["username"]))
        state = session.scalars(select(PinLockout).where(PinLockout.username == name).with_for_update()).one()
        state.wrong_pins += 1
        if state.wrong_pins >= WRONG_PINS_BEFORE_LOCK:
            state.wrong_pins, state.lockouts = 0, state.lockouts + 1
            state.locked_until = self.clock() + LOCKOUTS[min(state.lockouts, len(LOCKOUTS)) - 1]
            return state.locked_until
        return None

    def sign_in(self, username: str, pin: str, workstation: str) -> tuple[StaffMember, int]:
        """Check the PIN and open a desk session."""
        signed_in = self.check_pin(username, pin)
        with self.db.writing() as session:
            now = self.clock()
            desk_session = DeskSession(
                staff_id=signed_in.id, workstation=workstation, site=self.site, signed_in_at=now, last_seen_at=now
            )
            session.add(desk_session)
            # Away at a desk that was closed meanwhile, or at another: signing in is being back.
            away.end_away(session, now, Actor(signed_in.id, workstation), AwayPeriod.staff_id == signed_in.id,
                          at_desk=False)
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

    def others_present(self, staff_id: int) -> int:
        """How many workers besides this one are signed in at some workstation now."""
        with self.db.reading() as session:
            return session.scalar(select(func.count(func.distinct(DeskSession.staff_id))).where(
                present_sessions(self.clock()), DeskSession.staff_id != staff_id)) or 0

    def sign_out(self, desk_session_id: int) -> int:
        """Close the sign-in; returns how many workers are still at the desk (0: the last one
        left, and the day can be closed)."""
        now = self.clock()
        with self.db.writing() as session:
            staff_id = session.scalar(select(DeskSession.staff_id).where(DeskSession.id == desk_session_id))
            # Signing out ends an away begun in this sign-in (locking the screen does not).
            away.end_away(session, now, self._actor(staff_id), AwayPeriod.desk_session_id == desk_session_id)
            session.execute(
                update(DeskSession).where(DeskSession.id == desk_session_id).values(signed_out_at=now)
            )
            record(session, now, self._actor(staff_id), AuditAction.SIGN_OUT)
            return session.scalar(workers_present(now)) or 0

    # ------------------------------------------------- the administrator ---
    def add(self, new: NewStaff, by: Actor | int | None = None) -> StaffMember:
        """`by`: the administrator adding the account (None: the command line, or the first run)."""
        with self.db.writing() as session:
            refuse_revoked(session, by, admin=True)
            _refuse_taken(session, new.username)
            fields = new.model_dump(exclude={"pin", "pin_again"})
            row = Staff(**fields, pin_hash=hash_pin(new.pin), created_at=self.clock())
            session.add(row)
            # A name tried before the account existed: its new PIN starts with no lock.
            session.execute(delete(PinLockout).where(PinLockout.username == row.username))
            session.flush()
            record(session, self.clock(), self._actor(by), AuditAction.STAFF_ADDED, detail=row.username)
            return member(row)

    def change(self, staff_id: int, details: StaffDetails, by: Actor | int | None = None) -> StaffMember:
        with self.db.writing() as session:
            refuse_revoked(session, by, admin=True)
            row = _row(session, staff_id)
            if details.username != row.username:
                _refuse_taken(session, details.username)
            if row.role == StaffRole.ADMIN and details.role != StaffRole.ADMIN:
                _refuse_last_admin(session, row)
            for name, value in details.model_dump().items():
                setattr(row, name, value)
            record(session, self.clock(), self._actor(by), AuditAction.STAFF_CHANGED, detail=row.username)
            return member(row)

    def sites_of(self, staff_id: int) -> tuple[str, ...]:
        """The sites the account's figures are limited to (a role scope); empty: every site."""
        with self.db.reading() as session:
            return tuple(session.scalars(select(StaffSite.site).where(StaffSite.staff_id == staff_id)
                                         .order_by(StaffSite.site)))

    def set_sites(self, staff_id: int, sites: Collection[str], by: Actor | int | None = None) -> None:
        """Limit the account's figures to `sites` (location ids the caller checked against the
        profile); empty: every site again. Audited as an account change, with the sites."""
        with self.db.writing() as session:
            refuse_revoked(session, by, admin=True)
            row = _row(session, staff_id)
            session.execute(delete(StaffSite).where(StaffSite.staff_id == staff_id))
            session.add_all(StaffSite(staff_id=staff_id, site=site) for site in sorted(set(sites)))
            record(session, self.clock(), self._actor(by), AuditAction.STAFF_CHANGED,
                   detail=f"{row.username} sites={','.join(sorted(set(sites))) or '*'}")

    def set_active(self, staff_id: int, active: bool, by: Actor | int | None = None) -> StaffMember:
        """Deactivate (the account can no longer sign in; its history stays) or activate again."""
        with self.db.writing() as session:
            refuse_revoked(session, by, admin=True)
            row = _row(session, staff_id)
            if not active and row.role == StaffRole.ADMIN:
                _refuse_last_admin(session, row)
            row.active = active
            if not active:
                away.end_away(session, self.clock(), self._actor(by), AwayPeriod.staff_id == staff_id,
                              at_desk=False)
                session.execute(update(DeskSession).where(
                    DeskSession.staff_id == staff_id, DeskSession.signed_out_at.is_(None)
                ).values(signed_out_at=self.clock()))
            action = AuditAction.STAFF_ACTIVATED if active else AuditAction.STAFF_DEACTIVATED
            record(session, self.clock(), self._actor(by), action, detail=row.username)
            return member(row)

    def reset_pin(self, staff_id: int, pin: str, by: Actor | int | None = None) -> None:
        """A new PIN (validated by the form); it also lifts a lockout."""
        pin_hash = hash_pin(pin)
        with self.db.writing() as session:
            refuse_revoked(session, by, admin=True)
            row = _row(session, staff_id)
            row.pin_hash = pin_hash
            session.execute(delete(PinLockout).where(PinLockout.username == row.username))
            record(session, self.clock(), self._actor(by), AuditAction.PIN_RESET, detail=row.username)

    def standing(self, staff_id: int, admin: bool) -> None:
        """Raises AccountRevoked when the signed-in account was deactivated, or (`admin`: it signed
        in as one) is no longer an administrator: the desk looks when another desk changed something."""
        with self.db.reading() as session:
            refuse_revoked(session, staff_id, admin)

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
    return StorageError(_("Too many wrong PINs: the account is locked until {time}. An administrator can "
                          "open it sooner by setting a new PIN.").format(time=format_time(until)))
