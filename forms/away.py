"""Away from the desk: the worker's choice (a reason and a short note), and the pure arithmetic of
how long a worker was away within a day or a period."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated

from forms.base import FrozenModel
from forms.choices import AwayReason
from forms.fields import text
from forms.i18n import _
from forms.timefmt import HELSINKI, format_time

NOTE_LENGTH = 60


class AwayChoice(FrozenModel):
    """What the away key asks: why (from a short list) and, if the worker likes, a few words.
    Never client data: the line shows at every desk."""

    reason: AwayReason
    note: Annotated[str | None, text(NOTE_LENGTH)] = None


@dataclass(frozen=True)
class AwaySpan:
    """One away period as stored: `ended` None while it lasts; `open_until` is where an open one is
    counted to (`open_until()`)."""

    staff_id: int
    started: datetime
    ended: datetime | None
    open_until: datetime


def open_until(signed_out: datetime | None, last_seen: datetime, now: datetime, presence: timedelta) -> datetime:
    """Where an open away period ends when it is counted or closed: at its sign-in's sign-out, at
    its last heartbeat when the desk stopped without one (closed, crashed), else now."""
    if signed_out is not None:
        return min(signed_out, now)
    if last_seen < now - presence:
        return last_seen
    return now


def describe(reason: AwayReason, note: str | None, since: datetime) -> str:
    """"lunch, since 11.42" (the note after the reason): the desk's own line and others'."""
    what = f"{reason.label}: {note}" if note else reason.label
    return _("{what}, since {time}").format(what=what, time=format_time(since))


def day_bounds(day_from: date, day_to: date) -> tuple[datetime, datetime]:
    """Helsinki midnight before `day_from` and after `day_to` (23 or 25 hours on the days the
    clocks change)."""
    # In UTC: arithmetic between two Helsinki times would count wall-clock hours.
    start = datetime.combine(day_from, time(0), HELSINKI).astimezone(UTC)
    end = datetime.combine(day_to + timedelta(days=1), time(0), HELSINKI).astimezone(UTC)
    return start, end


def seconds_within(span: AwaySpan, start: datetime, end: datetime, now: datetime) -> float:
    """The part of `span` inside [start, end): an open one counts to its sign-in's end, never past
    now; a period across midnight is cut at the day's end."""
    until = span.ended if span.ended is not None else min(span.open_until, now)
    first, last = max(span.started, start).astimezone(UTC), min(until, end).astimezone(UTC)
    return max(0.0, (last - first).total_seconds())


def away_minutes(spans: Iterable[AwaySpan], day_from: date, day_to: date, now: datetime) -> dict[int, int]:
    """Whole minutes away per worker within the Helsinki days `day_from` … `day_to` (rounded, so
    a phone call of 40 s is not a minute; workers with none left out)."""
    start, end = day_bounds(day_from, day_to)
    seconds: dict[int, float] = {}
    for span in spans:
        seconds[span.staff_id] = seconds.get(span.staff_id, 0.0) + seconds_within(span, start, end, now)
    return {staff_id: round(s / 60) for staff_id, s in seconds.items() if round(s / 60) > 0}
