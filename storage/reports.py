"""Day and period summaries, aggregated in the database (GROUP BY, ORDER BY … OFFSET), never by
looping over visits in Python: fast at a million visits."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from forms.summary import (
    NOT_RECORDED,
    Durations,
    FeedbackCoverage,
    HandoutLine,
    OpenVisit,
    Summary,
    WorkerLine,
)
from storage.db import Database
from storage.desk import ACTION_COLUMNS, OPEN
from storage.models import PrintJob, Referral, Staff, Visit

WAIT = Visit.wait_seconds
SESSION = Visit.session_seconds
CATEGORIES = {
    "by_channel": Visit.referral_channel,
    "by_life_situation": Visit.life_situation,
    "by_municipality": Visit.municipality,
    "by_language": Visit.language,
    "by_age_group": Visit.age_group,
    "by_urgency": Visit.urgency,
}


CSV_COLUMNS = (
    "ticket", "service_day", "arrival_hour", "status", "language", "life_situation",
    "referral_channel", "municipality", "age_group", "urgency", "triage_urgency",
    "urgency_changed", "wait_minutes", "session_minutes",
    *(f"did_{a}" for a in ("guidance", "referral", "appointment", "worker_named", "consent")),
    "referrals", "follow_up_set", "feedback_instruction",
)
"""One row per visit for analysis elsewhere: no names, phone numbers or free text."""


class Reports:
    def __init__(self, db: Database) -> None:
        self.db = db

    def summary(self, day_from: date, day_to: date | None = None) -> Summary:
        """Helsinki calendar days `day_from` … `day_to`, both included."""
        day_to = day_to or day_from
        in_range = Visit.service_day.between(day_from, day_to)
        with self.db.reading() as session:
            statuses, categories, overrides = _census(session, in_range)
            finished = Visit.status == "finished"
            values: dict[str, Any] = {
                "day_from": day_from,
                "day_to": day_to,
                "visits": sum(statuses.values()),
                "finished": statuses.get("finished", 0),
                "left": statuses.get("left", 0),
                "still_open": sum(statuses.get(s.value, 0) for s in OPEN),
                "open_visits": _open_visits(session, in_range),
                **categories,
                "overrides": overrides,
                "waiting": _durations(session, WAIT, in_range, WAIT.is_not(None)),
                "session": _durations(session, SESSION, in_range, finished, SESSION.is_not(None)),
                **_finished(session, in_range, statuses.get("finished", 0)),
                "referrals": dict(session.execute(
                    select(Referral.destination, func.count()).join(Visit, Visit.id == Referral.visit_id)
                    .where(in_range).group_by(Referral.destination)).all()),
                "workers": _workers(session, in_range),
                **_handouts(session, day_from, day_to),
            }
            if day_to > day_from:
                values.update(_calendar(session, in_range))
        return Summary(**values)

    def visit_rows(self, day_from: date, day_to: date | None = None) -> Iterator[dict[str, object]]:
        """The visits of the range, one dict per CSV row (columns in CSV_COLUMNS)."""
        in_range = Visit.service_day.between(day_from, day_to or day_from)
        with self.db.reading() as session:
            referrals: dict[int, list[str]] = {}
            for visit_id, destination in session.execute(
                    select(Referral.visit_id, Referral.destination).join(Visit, Visit.id == Referral.visit_id)
                    .where(in_range).order_by(Referral.id)):
                referrals.setdefault(visit_id, []).append(destination)
            rows = session.execute(
                select(Visit, WAIT.label("wait"), SESSION.label("session_seconds"))
                .where(in_range).order_by(Visit.service_day, Visit.ticket_no)
                .execution_options(yield_per=2000))
            for visit, wait, session_seconds in rows:
                yield {
                    "ticket": visit.ticket, "service_day": visit.service_day.isoformat(),
                    "arrival_hour": visit.arrival_hour, "status": visit.status, "language": visit.language,
                    "life_situation": visit.life_situation or "", "referral_channel": visit.referral_channel or "",
                    "municipality": visit.municipality or "", "age_group": visit.age_group or "",
                    "urgency": visit.urgency, "triage_urgency": visit.triage_urgency or "",
                    "urgency_changed": int(visit.override_reason is not None),
                    "wait_minutes": _minutes(wait),
                    "session_minutes": _minutes(session_seconds) if visit.status == "finished" else "",
                    **{f"did_{a}": int(getattr(visit, column)) for a, column in
                       ((a.value, c) for a, c in ACTION_COLUMNS.items())},
                    "referrals": ";".join(referrals.get(visit.id, [])),
                    "follow_up_set": int(visit.follow_up_on is not None),
                    "feedback_instruction": visit.feedback_instruction or "",
                }


def _minutes(seconds: int | None) -> str:
    return "" if seconds is None else f"{seconds / 60:.1f}"


def _census(session: Session, in_range: Any) -> tuple[dict[str, int], dict[str, dict[str, int]], int]:
    """Statuses, every category and the overrides in one pass over the range: the database groups
    the visits by all of them at once (hundreds of groups), and only the groups are added up here."""
    overridden = Visit.override_reason.is_not(None)
    columns = [Visit.status, overridden, *CATEGORIES.values()]
    statuses: Counter[str] = Counter()
    categories: dict[str, Counter[str]] = {name: Counter() for name in CATEGORIES}
    overrides = 0
    for status, changed, *values, n in session.execute(
            select(*columns, func.count()).where(in_range).group_by(*columns)):
        statuses[status] += n
        overrides += n if changed else 0
        for name, value in zip(CATEGORIES, values, strict=True):
            categories[name][value or NOT_RECORDED] += n
    return dict(statuses), {name: dict(c) for name, c in categories.items()}, overrides


def _finished(session: Session, in_range: Any, finished: int) -> dict[str, Any]:
    """What was done and how the feedback instruction was given, in one pass over the finished."""
    flags = [getattr(Visit, column) for column in ACTION_COLUMNS.values()]
    actions: Counter[str] = Counter({action.value: 0 for action in ACTION_COLUMNS})
    ways: Counter[str] = Counter()
    for way, *done, n in session.execute(
            select(Visit.feedback_instruction, *flags, func.count())
            .where(in_range, Visit.status == "finished").group_by(Visit.feedback_instruction, *flags)):
        ways[way or "missing"] += n
        for action, did in zip(ACTION_COLUMNS, done, strict=True):
            actions[action.value] += n if did else 0
    return {"actions": dict(actions), "feedback": FeedbackCoverage(finished=finished, ways=dict(ways))}


def _calendar(session: Session, in_range: Any) -> dict[str, Any]:
    """Visits per day and per weekday hour, from one grouping by day and Helsinki hour."""
    per_day: Counter[date] = Counter()
    per_weekday_hour: Counter[str] = Counter()
    for day, hour, n in session.execute(
            select(Visit.service_day, Visit.arrival_hour, func.count()).where(in_range)
            .group_by(Visit.service_day, Visit.arrival_hour)):
        per_day[day] += n
        if hour is not None:
            per_weekday_hour[f"{day.weekday()}-{hour:02d}"] += n
    return {"per_day": dict(sorted(per_day.items())), "per_weekday_hour": dict(per_weekday_hour)}


def _durations(session: Session, seconds: ColumnElement[int], *where: Any) -> Durations:
    frequencies = session.execute(select(seconds, func.count()).where(*where).group_by(seconds)).all()
    return durations_of(frequencies)


def durations_of(frequencies: Sequence[tuple[int, int]]) -> Durations:
    """Median, 90th percentile and longest, exactly, from (seconds, how many) pairs: the database
    groups the durations (a few thousand distinct values at most) instead of sorting the visits.
    Percentiles lie linearly between the two nearest values, as PostgreSQL's percentile_cont."""
    table = sorted(frequencies)
    count = sum(n for _value, n in table)
    if not count:
        return Durations()

    def at(index: int) -> int:
        seen = 0
        for value, n in table:
            seen += n
            if index < seen:
                return value
        return table[-1][0]

    def percentile(share: float) -> float:
        rank = share * (count - 1)
        below = math.floor(rank)
        low, high = at(below), at(min(below + 1, count - 1))
        return (low + (high - low) * (rank - below)) / 60

    return Durations(count=count, median=percentile(0.5), p90=percentile(0.9), longest=table[-1][0] / 60)


def _open_visits(session: Session, in_range: Any) -> list[OpenVisit]:
    rows = session.execute(
        select(Visit.id, Visit.ticket, Visit.service_day, Visit.status, Visit.arrived_at)
        .where(in_range, Visit.status.in_([s.value for s in OPEN])).order_by(Visit.arrived_at))
    return [OpenVisit(id=r.id, ticket=r.ticket, service_day=r.service_day, status=r.status,
                      arrived_at=r.arrived_at) for r in rows]


def _workers(session: Session, in_range: Any) -> list[WorkerLine]:
    """Visits finished per worker, and their session times (one grouped query for all of them)."""
    finished = (in_range, Visit.status == "finished", SESSION.is_not(None))
    names = dict(session.execute(select(Staff.id, Staff.display_name)).all())
    tables: dict[int, list[tuple[int, int]]] = {}
    for staff_id, seconds, n in session.execute(
            select(Visit.finished_by_id, SESSION, func.count()).where(*finished)
            .group_by(Visit.finished_by_id, SESSION)):
        tables.setdefault(staff_id, []).append((seconds, n))
    lines = [WorkerLine(staff_id=staff_id, name=names.get(staff_id, "?"), visits=sum(n for _s, n in table),
                        session=durations_of(table)) for staff_id, table in tables.items()]
    return sorted(lines, key=lambda line: line.name)


def _handouts(session: Session, day_from: date, day_to: date) -> dict[str, Any]:
    in_range = PrintJob.service_day.between(day_from, day_to)
    printed = session.execute(
        select(PrintJob.kind, PrintJob.language, func.sum(PrintJob.copies))
        .where(in_range, PrintJob.outcome == "printed")
        .group_by(PrintJob.kind, PrintJob.language).order_by(PrintJob.kind, PrintJob.language)).all()
    failed = session.scalar(select(func.count()).select_from(PrintJob)
                            .where(in_range, PrintJob.outcome != "printed")) or 0
    return {"handouts": [HandoutLine(kind=k, language=lang, copies=int(c)) for k, lang, c in printed],
            "failed_prints": failed}

