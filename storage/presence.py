"""Who is at a desk now: the heartbeat a signed-in desk writes, and the conditions that count a
sign-in as a worker present (and not away)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, and_, func, select

from storage.models import AwayPeriod, DeskSession

HEARTBEAT = timedelta(seconds=5)
"""How often a signed-in desk writes `last_seen_at`. Short, so a desk whose process was killed or
whose terminal was closed stops counting within seconds (and the real last worker of the day gets
the end-of-day summary); one small UPDATE per desk every 5 s is light for SQLite and PostgreSQL
alike (ten desks: two writes a second). A PostgreSQL advisory lock would end with the connection,
but SQLite has none, and one rule for both keeps one code path."""
PRESENCE = HEARTBEAT * 3
"""A sign-in without a heartbeat for this long no longer counts as a worker at the desk: three
heartbeats, so one slow write (a busy database, a paused thread) does not drop a desk that is there."""

def workers_present(now: datetime) -> Select[int]:
    """How many workers are signed in at some workstation now."""
    return select(func.count(func.distinct(DeskSession.staff_id))).where(*_present(now))


def workers_at_work(now: datetime) -> Select[int]:
    """How many workers are signed in now and not away from the desk: the wait estimate's count."""
    return workers_present(now).where(DeskSession.staff_id.not_in(_away()))


def staff_at_work(now: datetime) -> Select[int]:
    """The staff ids of the workers signed in now and not away: those a handed-over client waits for."""
    return present_staff(now).where(DeskSession.staff_id.not_in(_away()))


def _away() -> Select[int]:
    return select(AwayPeriod.staff_id).where(AwayPeriod.ended_at.is_(None))


def present_sessions(now: datetime) -> ColumnElement[bool]:
    """The sign-ins that count as a worker at the desk now, as one condition on DeskSession."""
    return and_(*_present(now))


def present_staff(now: datetime) -> Select[int]:
    """The staff ids of the workers signed in at some workstation now."""
    return select(DeskSession.staff_id).where(*_present(now))


def _present(now: datetime) -> tuple[ColumnElement[bool], ...]:
    return DeskSession.signed_out_at.is_(None), DeskSession.last_seen_at >= now - PRESENCE
