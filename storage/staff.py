"""Staff accounts, PIN sign-in and the sign-ins that count as workers at the desk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Select, func, select, update

from forms.i18n import _
from forms.staff import NewStaff
from forms.timefmt import utc_now
from storage.db import Database
from storage.errors import StorageError
from storage.models import DeskSession, Staff
from storage.pins import hash_pin, verify_pin
from storage.views import StaffMember

PRESENCE = timedelta(minutes=5)
"""A sign-in without a heartbeat for this long no longer counts as a worker at the desk."""


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
    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now) -> None:
        self.db = db
        self.clock = clock

    def count(self) -> int:
        with self.db.reading() as session:
            return session.scalar(select(func.count()).select_from(Staff)) or 0

    def add(self, new: NewStaff) -> StaffMember:
        with self.db.writing() as session:
            if session.scalar(select(Staff.id).where(Staff.username == new.username)):
                raise StorageError(_("The username {name} is taken.").format(name=new.username))
            fields = new.model_dump(exclude={"pin", "pin_again"})
            row = Staff(**fields, pin_hash=hash_pin(new.pin), created_at=self.clock())
            session.add(row)
            session.flush()
            return member(row)

    def active_members(self) -> list[StaffMember]:
        with self.db.reading() as session:
            rows = session.scalars(
                select(Staff).where(Staff.active.is_(True)).order_by(Staff.display_name)
            )
            return [member(row) for row in rows]

    def sign_in(self, username: str, pin: str, workstation: str) -> tuple[StaffMember, int]:
        """Check the PIN and open a desk session; the same message for every refusal."""
        refused = StorageError(_("Wrong username or PIN."))
        with self.db.reading() as session:
            row = session.scalar(select(Staff).where(Staff.username == username.strip().lower()))
        if row is None or not row.active:
            raise refused
        # The slow hash runs outside any transaction, so other desks are not held up.
        accepted = verify_pin(pin, row.pin_hash)
        with self.db.writing() as session:
            if not accepted:
                session.execute(
                    update(Staff).where(Staff.id == row.id).values(failed_pins=Staff.failed_pins + 1)
                )
            else:
                session.execute(update(Staff).where(Staff.id == row.id).values(failed_pins=0))
                now = self.clock()
                desk_session = DeskSession(
                    staff_id=row.id, workstation=workstation, signed_in_at=now, last_seen_at=now
                )
                session.add(desk_session)
                session.flush()
                return member(row), desk_session.id
        raise refused

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
            session.execute(
                update(DeskSession).where(DeskSession.id == desk_session_id).values(signed_out_at=now)
            )
            return session.scalar(workers_present(now)) or 0
