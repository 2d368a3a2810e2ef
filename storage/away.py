"""Away from the desk: a worker marks themselves away and back, each with its audit row; the end
of an away period inside other steps (a queue step, a sign-out, a new sign-in); the periods a
summary counts."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from forms.away import AwayChoice, AwaySpan, day_bounds, open_until
from forms.choices import AuditAction, AwayReason
from forms.i18n import _
from forms.timefmt import utc_now
from storage.audit import Actor, record
from storage.db import Database
from storage.errors import StorageError
from storage.models import AwayPeriod, DeskSession, Staff
from storage.presence import PRESENCE
from storage.standing import refuse_revoked
from storage.views import AwayNow


class AlreadyAway(StorageError):
    """The worker is away already (marked at this desk or another)."""

    def __init__(self) -> None:
        super().__init__(_("You are already marked away."))


def _open(staff_id: int) -> tuple[ColumnElement[bool], ...]:
    return AwayPeriod.staff_id == staff_id, AwayPeriod.ended_at.is_(None)


def end_away(session: Session, now: datetime, actor: Actor, *where: ColumnElement[bool],
             at_desk: bool = True) -> int:
    """End the open away periods matching `where` (the worker's, or a sign-in's) in this
    transaction, each with its audit row; returns how many ended. `at_desk`: the worker is back
    at that desk now (the away key, a queue step, signing out there); else (a sign-in elsewhere,
    a deactivation) a period whose sign-in already ended (signed out, or no heartbeat: the desk
    was closed) ends where the sign-in did: the worker was not away all that time."""
    rows = session.execute(
        select(AwayPeriod, DeskSession.signed_out_at, DeskSession.last_seen_at)
        .join(DeskSession, DeskSession.id == AwayPeriod.desk_session_id)
        .where(AwayPeriod.ended_at.is_(None), *where).with_for_update(of=AwayPeriod)).all()
    for period, signed_out, last_seen in rows:
        end = now if at_desk else open_until(signed_out, last_seen, now, PRESENCE)
        period.ended_at = max(period.started_at, end)
        record(session, now, actor, AuditAction.BACK, detail=period.reason)
    return len(rows)


def read_away(session: Session, present_sessions: ColumnElement[bool]) -> tuple[AwayNow, ...]:
    """The open away periods whose sign-in still counts (`present_sessions`, storage.staff), by
    name."""
    rows = session.execute(
        select(AwayPeriod, Staff.display_name)
        .join(DeskSession, DeskSession.id == AwayPeriod.desk_session_id)
        .join(Staff, Staff.id == AwayPeriod.staff_id)
        .where(AwayPeriod.ended_at.is_(None), present_sessions)
        .order_by(Staff.display_name, AwayPeriod.id))
    return tuple(_away(period, name) for period, name in rows)


def _away(period: AwayPeriod, name: str) -> AwayNow:
    return AwayNow(period.staff_id, name, AwayReason(period.reason), period.note, period.started_at)


class AwayStore:
    """The away key of the desk (`services.away`)."""

    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now, workstation: str | None = None) -> None:
        self.db = db
        self.clock = clock
        self.workstation = workstation

    def start(self, staff_id: int, desk_session_id: int, choice: AwayChoice) -> AwayNow:
        """Mark the worker away from now. Refused when they already are (at this desk or another:
        the database keeps one open period per worker, so a race of two desks loses cleanly)."""
        try:
            with self.db.writing() as session:
                refuse_revoked(session, staff_id)
                if session.scalar(select(AwayPeriod.id).where(*_open(staff_id))) is not None:
                    raise AlreadyAway()
                now = self.clock()
                period = AwayPeriod(staff_id=staff_id, desk_session_id=desk_session_id, started_at=now,
                                    reason=choice.reason.value, note=choice.note)
                session.add(period)
                session.flush()
                record(session, now, Actor(staff_id, self.workstation), AuditAction.AWAY, detail=choice.reason.value)
                name = session.scalar(select(Staff.display_name).where(Staff.id == staff_id)) or ""
                return _away(period, name)
        except StorageError as error:
            if isinstance(error.__cause__, IntegrityError):  # the other desk's commit came first
                raise AlreadyAway() from error
            raise

    def end(self, staff_id: int) -> bool:
        """Back at the desk; False when the worker was not away (another desk ended it)."""
        with self.db.writing() as session:
            refuse_revoked(session, staff_id)
            return end_away(session, self.clock(), Actor(staff_id, self.workstation), *_open(staff_id)) > 0

    def current(self, staff_id: int) -> AwayNow | None:
        with self.db.reading() as session:
            row = session.execute(select(AwayPeriod, Staff.display_name)
                                  .join(Staff, Staff.id == AwayPeriod.staff_id).where(*_open(staff_id))).first()
            return _away(*row) if row else None

    def spans(self, day_from: date, day_to: date) -> list[AwaySpan]:
        """The away periods that touch the Helsinki days `day_from` … `day_to`, for the summary
        (forms.away cuts them to the range)."""
        start, end = day_bounds(day_from, day_to)
        with self.db.reading() as session:
            return spans_in(session, start, end, self.clock())


def spans_in(session: Session, start: datetime, end: datetime, now: datetime,
             sites: Collection[str] | None = None) -> list[AwaySpan]:
    """The away periods within `start` … `end`; at `sites` (None: all), those of the sign-ins there."""
    here = (DeskSession.site.in_(sorted(sites)),) if sites is not None else ()
    rows = session.execute(
        select(AwayPeriod.staff_id, AwayPeriod.started_at, AwayPeriod.ended_at,
               DeskSession.signed_out_at, DeskSession.last_seen_at)
        .join(DeskSession, DeskSession.id == AwayPeriod.desk_session_id)
        .where(AwayPeriod.started_at < end, *here, or_(AwayPeriod.ended_at.is_(None), AwayPeriod.ended_at > start)))
    return [AwaySpan(staff_id, started, ended, open_until(signed_out, last_seen, now, PRESENCE))
            for staff_id, started, ended, signed_out, last_seen in rows]
