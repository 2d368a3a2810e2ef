"""Day tallies: every figure of a day's summary as (site, measure, key, n) rows in `day_tally`.

A summary adds up the tallies of its days, so a year reads some 100,000 small rows instead of
200,000 visits seven times over. A day without a tally is counted from its visits first, in the
same grouped queries for any run of days. Durations are tallied in whole minutes (rounded), the
unit the summaries show: a day of 500 visits has at most a few dozen distinct waits. Each figure
belongs to the walk-in site of its visit (a print for no visit, and the tally's version, to none: ""),
so a summary of some sites adds up their rows only."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    cast,
    delete,
    func,
    insert,
    literal,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from forms.choices import PrintOutcome
from forms.summary import NOT_RECORDED
from forms.transitions import NOT_SEEN
from storage.db import Database
from storage.desk import ACTION_COLUMNS
from storage.models import DayTally, FollowUpAnswer, PrintJob, Referral, Visit, VisitHandover
from storage.sqltime import seconds_between

CHUNK_DAYS = 31
"""Days counted in one write transaction: short enough not to hold up a desk for long."""

TALLY_VERSION = 8
"""Bump this whenever `_count` gains or changes a measure: days tallied under an older version are
counted again, so a figure added later does not read 0 for every day tallied before it.
2: files written where asked (`--out`) counted apart from failed prints.
3: "did not show" (its own status), and the waits of visits closed unseen (left, did not show)
left out of "waited until called".
4: waits by urgency ("wait_by_urgency"), for the visits that waited past their threshold.
5: warm handovers ("handover") and the minutes from a handover to the call that took it
("handover_to_call").
6: the follow-up answers by their day ("answer": "respondent:question:answer").
7: the visits that needed an interpreter ("interpreter").
8: every figure by the site of its visit (migration 0025)."""

VERSION = "tally_version"
"""The measure whose `n` is the version a day was tallied under (no such row: version 0)."""

PER_DAY = ("visits", "hour")
"""The measures a period's summary also shows day by day."""

CATEGORIES = {
    "by_channel": Visit.arrival_channel,
    "by_life_situation": Visit.life_situation,
    "by_municipality": Visit.municipality,
    "by_language": Visit.language,
    "by_age_group": Visit.age_group,
    "by_urgency": Visit.urgency,
}

NOT_PRINTED = {
    PrintOutcome.WRITTEN: "written_prints",
    PrintOutcome.SAVED: "failed_prints",
    PrintOutcome.FAILED: "lost_prints",
    PrintOutcome.SENDING: "unconfirmed_prints",
}
"""The measure of each print job that did not (or not surely) reach a printer: a PDF written
where the worker asked is done as asked (not a failure); a job still "sending" is one the desk
stopped while printing, and never counts as printed."""

Row = tuple[date, str, str, str, int]
"""(day, site, measure, key, n)"""

NO_SITE = ""
"""The site of a figure that belongs to none (see the module's docstring)."""


def minutes(seconds: ColumnElement[Any] | InstrumentedAttribute[Any]) -> ColumnElement[Any]:
    """Whole minutes, half up, in SQL (integer division in both databases)."""
    return (seconds + 30) // 60


def _measures() -> defaultdict[str, Counter[str]]:
    return defaultdict(Counter)


@dataclass
class Counted:
    totals: defaultdict[str, Counter[str]] = field(default_factory=_measures)
    """measure → key → n over the whole range and the sites asked for"""
    per_day: defaultdict[str, Counter[tuple[date, str]]] = field(default_factory=lambda: defaultdict(Counter))
    """for PER_DAY measures: (day, key) → n"""
    by_site: defaultdict[str, defaultdict[str, Counter[str]]] = field(default_factory=lambda: defaultdict(_measures))
    """site → measure → key → n (the sites asked for; a figure of no site is in the totals only)"""

    def add(self, day: date, site: str, measure: str, key: str, n: int, per_day: bool = True) -> None:
        self.totals[measure][key] += n
        if site != NO_SITE:
            self.by_site[site][measure][key] += n
        if per_day and measure in PER_DAY:
            self.per_day[measure][day, key] += n


class Tallies:
    def __init__(self, db: Database) -> None:
        self.db = db

    def ensure(self, day_from: date, day_to: date) -> None:
        """Count every day of the range that has no tally of the current version yet (a tally of
        an older version is dropped and counted again)."""
        with self.db.reading() as session:
            missing = _missing(session, day_from, day_to)
        for chunk in _runs(missing):
            with self.db.writing() as session:
                if not self.db.is_sqlite:
                    # A desk's change waits while a day is counted, then its trigger deletes the
                    # new tally: a tally is never older than the visits it counted. (A SQLite
                    # write transaction holds the whole database already.)
                    session.execute(text("LOCK TABLE day_tally IN SHARE ROW EXCLUSIVE MODE"))
                for run in _runs(_missing(session, chunk[0], chunk[-1])):
                    # an older version's rows, if any: counted again whole
                    session.execute(delete(DayTally).where(
                        DayTally.service_day.between(run[0], run[-1])))
                    session.connection().execute(insert(DayTally), [
                        {"service_day": day, "site": site, "measure": measure, "key": key, "n": n}
                        for day, site, measure, key, n in _count(session, run[0], run[-1])])

    def read(self, session: Session, day_from: date, day_to: date, today: date,
             sites: Collection[str] | None = None) -> Counted:
        """The range's figures at `sites` (None: the whole service, with the figures of no site).
        Days before today come from their tallies (`ensure` them first); today and later are
        counted from the visits as they are: they change all day, and a tally of them would be
        dropped at the next change anyway."""
        counted = Counted()
        closed_to = min(day_to, today - timedelta(days=1))
        at_sites = (DayTally.site.in_(sorted(sites)),) if sites is not None else ()
        if closed_to >= day_from:
            for site, measure, key, n in session.execute(
                    select(DayTally.site, DayTally.measure, DayTally.key, func.sum(DayTally.n))
                    .where(DayTally.service_day.between(day_from, closed_to), *at_sites,
                           DayTally.measure != VERSION)
                    .group_by(DayTally.site, DayTally.measure, DayTally.key)):
                counted.add(closed_to, site, measure, key, int(n), per_day=False)
            for day, measure, key, n in session.execute(
                    select(DayTally.service_day, DayTally.measure, DayTally.key, DayTally.n)
                    .where(DayTally.measure.in_(PER_DAY), *at_sites,
                           DayTally.service_day.between(day_from, closed_to))):
                counted.per_day[measure][day, key] += n
        if day_to >= today:
            for day, site, measure, key, n in _count(session, max(day_from, today), day_to):
                if measure != VERSION and (sites is None or site in sites):
                    counted.add(day, site, measure, key, n)
        return counted


def _missing(session: Session, day_from: date, day_to: date) -> list[date]:
    # At least the current version: a desk not yet upgraded must not recount, again and again,
    # the days a newer desk has tallied (a newer tally holds every measure this one knows).
    tallied = set(session.scalars(select(DayTally.service_day).where(
        DayTally.measure == VERSION, DayTally.n >= TALLY_VERSION,
        DayTally.service_day.between(day_from, day_to))))
    days = (day_from + timedelta(days=n) for n in range((day_to - day_from).days + 1))
    return [day for day in days if day not in tallied]


def _runs(days: Iterable[date]) -> Iterator[list[date]]:
    """Consecutive days in runs of at most CHUNK_DAYS."""
    run: list[date] = []
    for day in days:
        if run and (day - run[-1] != timedelta(days=1) or len(run) == CHUNK_DAYS):
            yield run
            run = []
        run.append(day)
    if run:
        yield run


def _count(session: Session, day_from: date, day_to: date) -> Iterator[Row]:
    """Every day's tally rows by site, each day with a "visits" row (zero on a day without visits,
    of no site) and its version row."""
    days = [day_from + timedelta(days=n) for n in range((day_to - day_from).days + 1)]
    in_range = Visit.service_day.between(day_from, day_to)
    visits: Counter[tuple[date, str]] = Counter()
    for row in _census(session, in_range):
        if row[2] == "status":
            visits[row[0], row[1]] += row[4]
        yield row
    for (day, site), n in visits.items():
        yield day, site, "visits", "", n
    visited = {day for day, _site in visits}
    for day in days:
        if day not in visited:
            yield day, NO_SITE, "visits", "", 0
        yield day, NO_SITE, VERSION, "", TALLY_VERSION
    yield from _finished(session, in_range)
    # "Waited until called" (forms.transitions.waited_until_called): not those who left or did not
    # show, whose call (if any) met no one.
    seen = Visit.status.not_in([s.value for s in NOT_SEEN])
    yield from _durations(session, "wait", Visit.wait_seconds, in_range, seen)
    # By urgency too: the summary counts the waits past the profile's threshold of their urgency
    # when it reads them, so a threshold changed in the profile needs no recount.
    wait_minutes = minutes(Visit.wait_seconds)
    for day, site, urgency, minute, n in session.execute(
            select(Visit.service_day, Visit.site, Visit.urgency, wait_minutes, func.count())
            .where(in_range, seen, Visit.wait_seconds.is_not(None))
            .group_by(Visit.service_day, Visit.site, Visit.urgency, wait_minutes)):
        yield day, site, "wait_by_urgency", f"{urgency}:{minute}", n
    # the measure keeps its stored name "session" (the meeting), so tallies made before still count
    yield from _durations(session, "session", Visit.meeting_seconds, in_range, Visit.status == "finished")
    finished_minutes = minutes(Visit.meeting_seconds)
    for day, site, staff_id, minute, n in session.execute(
            select(Visit.service_day, Visit.site, Visit.finished_by_id, finished_minutes, func.count())
            .where(in_range, Visit.status == "finished", Visit.meeting_seconds.is_not(None))
            .group_by(Visit.service_day, Visit.site, Visit.finished_by_id, finished_minutes)):
        yield day, site, "worker", f"{staff_id}:{minute}", n
    for day, site, destination, n in session.execute(
            select(Visit.service_day, Visit.site, Referral.destination, func.count())
            .join(Visit, Visit.id == Referral.visit_id).where(in_range)
            .group_by(Visit.service_day, Visit.site, Referral.destination)):
        yield day, site, "referral", destination, n
    yield from _handovers(session, in_range)
    yield from _prints(session, day_from, day_to)
    yield from _answers(session, day_from, day_to)


def _answers(session: Session, day_from: date, day_to: date) -> Iterator[Row]:
    """The follow-up answers by their own day and site (a year has some 100,000 of them: too many
    to group for every summary)."""
    answer = FollowUpAnswer
    site = func.coalesce(answer.site, NO_SITE)
    for day, at, respondent, question, given, n in session.execute(
            select(answer.day, site, answer.respondent, answer.question, answer.answer, func.count())
            .where(answer.day.between(day_from, day_to))
            .group_by(answer.day, site, answer.respondent, answer.question, answer.answer)):
        yield day, at, "answer", f"{respondent}:{question}:{given}", n


def _handovers(session: Session, in_range: Any) -> Iterator[Row]:
    """Handovers by their visit's day and site (a handover changes its visit, whose trigger drops
    the day's tally), and the minutes from each one taken to the call that took it."""
    for day, site, n in session.execute(
            select(Visit.service_day, Visit.site, func.count()).select_from(VisitHandover)
            .join(Visit, Visit.id == VisitHandover.visit_id)
            .where(in_range).group_by(Visit.service_day, Visit.site)):
        yield day, site, "handover", "", n
    waited = minutes(seconds_between(VisitHandover.at, VisitHandover.taken_at))
    for day, site, minute, n in session.execute(
            select(Visit.service_day, Visit.site, waited, func.count()).select_from(VisitHandover)
            .join(Visit, Visit.id == VisitHandover.visit_id)
            .where(in_range, VisitHandover.taken_at.is_not(None)).group_by(Visit.service_day, Visit.site, waited)):
        yield day, site, "handover_to_call", str(minute), n


def _census(session: Session, in_range: Any) -> Iterator[Row]:
    """Statuses, categories, overrides and arrival hours: one grouping each, in one statement
    (a grouping by all of them at once would give a group for nearly every visit)."""
    def grouped(measure: str, key: ColumnElement[Any] | InstrumentedAttribute[Any], *where: Any) -> Select[Any]:
        return (select(Visit.service_day, Visit.site, literal(measure), key, func.count())
                .where(in_range, *where).group_by(Visit.service_day, Visit.site, key))

    parts = [
        grouped("status", Visit.status),
        grouped("overrides", literal(""), Visit.override_reason.is_not(None)),
        grouped("interpreter", literal(""), Visit.interpreter_needed.is_(True)),
        grouped("hour", cast(Visit.arrival_hour, String), Visit.arrival_hour.is_not(None)),
        *(grouped(name, func.coalesce(column, NOT_RECORDED)) for name, column in CATEGORIES.items()),
    ]
    yield from session.execute(union_all(*parts))


def _finished(session: Session, in_range: Any) -> Iterator[Row]:
    """What was done, and how the feedback instruction was given, for the finished visits."""
    flags = [getattr(Visit, column) for column in ACTION_COLUMNS.values()]
    counts: Counter[tuple[date, str, str, str]] = Counter()
    for day, site, way, *done, n in session.execute(
            select(Visit.service_day, Visit.site, Visit.feedback_instruction, *flags, func.count())
            .where(in_range, Visit.status == "finished")
            .group_by(Visit.service_day, Visit.site, Visit.feedback_instruction, *flags)):
        counts[day, site, "feedback", way or "missing"] += n
        for action, did in zip(ACTION_COLUMNS, done, strict=True):
            if did:
                counts[day, site, "action", action.value] += n
    for (day, site, measure, key), n in counts.items():
        yield day, site, measure, key, n


def _durations(session: Session, measure: str, seconds: InstrumentedAttribute[int | None],
               *where: Any) -> Iterator[Row]:
    whole = minutes(seconds)
    for day, site, minute, n in session.execute(
            select(Visit.service_day, Visit.site, whole, func.count()).where(*where, seconds.is_not(None))
            .group_by(Visit.service_day, Visit.site, whole)):
        yield day, site, measure, str(minute), n


def _prints(session: Session, day_from: date, day_to: date) -> Iterator[Row]:
    """Prints by the site of their visit; a print for no visit (from the command line) belongs to
    no site."""
    site = func.coalesce(Visit.site, NO_SITE)
    for day, at, kind, language, outcome, copies, jobs in session.execute(
            select(PrintJob.service_day, site, PrintJob.kind, PrintJob.language, PrintJob.outcome,
                   func.sum(PrintJob.copies), func.count())
            .outerjoin(Visit, Visit.id == PrintJob.visit_id)
            .where(PrintJob.service_day.between(day_from, day_to))
            .group_by(PrintJob.service_day, site, PrintJob.kind, PrintJob.language, PrintJob.outcome)):
        if outcome == PrintOutcome.PRINTED:
            yield day, at, "printed", f"{kind}:{language}", int(copies)
        else:
            yield day, at, NOT_PRINTED.get(PrintOutcome(outcome), "failed_prints"), f"{kind}:{language}:{outcome}", jobs
