"""Day and month tallies: every figure of a day's summary as (site, measure, key, n) rows in
`day_tally`, and of a whole month in `month_tally`.

A summary adds up the tallies of its whole months and of its other days, so a year at ten sites
reads some 100,000 small rows instead of 200,000 visits seven times over (or 800,000 day rows). A
month or day without a tally is counted from its visits first, in the same grouped queries for a
month or any run of days; a month's tally holds its visits by day and by weekday and hour too.
Durations are tallied in whole minutes (rounded), the unit the summaries show: a day of 500 visits
has at most a few dozen distinct waits. Each figure belongs to the walk-in site of its visit (a print
for no visit, and the tally's version, to none: ""), so a summary of some sites adds up their rows
only."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    bindparam,
    case,
    cast,
    delete,
    func,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from forms.choices import PrintOutcome
from forms.summary import NOT_RECORDED
from forms.transitions import NOT_SEEN
from storage.db import Database
from storage.desk import ACTION_COLUMNS
from storage.models import DayTally, FollowUpAnswer, MonthTally, PrintJob, Referral, Visit, VisitHandover
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
8: every figure by the site of its visit (migration 0025).
(The month tallies of migration 0026 hold the same figures: they came with no new version.)"""

VERSION = "tally_version"
"""The measure whose `n` is the version a day was tallied under (no such row: version 0)."""

PER_DAY = ("visits", "hour")
"""The measures a period's summary also shows day by day."""

VISITS_ON = "visits_on"
"""A month tally's visits of one day (key: the day, ISO)."""

WEEKDAY_HOUR = "weekday_hour"
"""A month tally's arrivals by weekday and hour (key: "0-09", Monday 9 o'clock)."""

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

Progress = Callable[[int, int], None]
"""Told how far a long count is: (steps done, steps in all)."""

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
    per_day: Counter[date] = field(default_factory=Counter)
    """visits by day"""
    per_weekday_hour: Counter[str] = field(default_factory=Counter)
    """arrivals by weekday and hour, "0-09" (Monday 9 o'clock)"""
    by_site: defaultdict[str, defaultdict[str, Counter[str]]] = field(default_factory=lambda: defaultdict(_measures))
    """site → measure → key → n (the sites asked for; a figure of no site is in the totals only)"""

    def add(self, day: date, site: str, measure: str, key: str, n: int, per_day: bool = True) -> None:
        """One tally row; `per_day`: a PER_DAY measure's row is of `day` alone (not a sum of days)."""
        if measure == VISITS_ON:
            self.per_day[date.fromisoformat(key)] += n
            return
        if measure == WEEKDAY_HOUR:
            self.per_weekday_hour[key] += n
            return
        self.totals[measure][key] += n
        if site != NO_SITE:
            self.by_site[site][measure][key] += n
        if per_day and measure == "visits":
            self.per_day[day] += n
        elif per_day and measure == "hour":
            self.per_weekday_hour[f"{day.weekday()}-{int(key):02d}"] += n


class Tallies:
    def __init__(self, db: Database) -> None:
        self.db = db

    def ensure(self, day_from: date, day_to: date, progress: Progress | None = None, days: bool = True) -> None:
        """Count every whole month of the range, and (`days`) every other day of it, that has no
        tally of the current version yet (a tally of an older version is dropped and counted again).
        Each month, and each run of up to CHUNK_DAYS days, is counted in a transaction of its own,
        checked again under the lock first: one that another desk counted meanwhile is not counted
        twice. `progress`: told (steps done, steps in all) before the first step and after each."""
        months, other_days = _split(day_from, day_to)
        with self.db.reading() as session:
            missing_months = sorted(set(months) - _tallied_months(session, months))
            missing = [day for run in _runs(other_days if days else [], None)
                       for day in _missing(session, run[0], run[-1])]
        chunks = list(_runs(missing))
        steps = len(missing_months) + len(chunks)
        if progress is not None and steps:
            progress(0, steps)
        for done, month in enumerate(missing_months, 1):
            with self.db.writing() as session:
                self._lock(session)
                if not _tallied_months(session, [month]):
                    session.execute(delete(MonthTally).where(MonthTally.month == month))
                    _insert(session, "month_tally", _count(session, month, _month_end(month), by_month=True))
            if progress is not None:
                progress(done, steps)
        for done, chunk in enumerate(chunks, len(missing_months) + 1):
            with self.db.writing() as session:
                self._lock(session)
                for run in _runs(_missing(session, chunk[0], chunk[-1])):
                    # an older version's rows, if any: counted again whole
                    session.execute(delete(DayTally).where(
                        DayTally.service_day.between(run[0], run[-1])))
                    _insert(session, "day_tally", _count(session, run[0], run[-1]))
            if progress is not None:
                progress(done, steps)

    def untallied_months(self, day_from: date, day_to: date) -> int:
        """How many whole months of the range have no tally of the current version (one small read
        of at most a row per month: cheap enough for every start)."""
        months, _days = _split(day_from, day_to)
        with self.db.reading() as session:
            return len(set(months) - _tallied_months(session, months))

    def _lock(self, session: Session) -> None:
        lock_tallies(session)

    def read(self, session: Session, day_from: date, day_to: date, today: date,
             sites: Collection[str] | None = None, measures: Collection[str] | None = None) -> Counted:
        """The range's figures at `sites` (None: the whole service, with the figures of no site);
        `measures`: only these (None: all). Days before today come from the tallies of their
        months and days (`ensure` them first: a month or day a desk's change dropped meanwhile is
        counted here from its visits); today and later are counted from the visits as they are:
        they change all day, and a tally of them would be dropped at the next change anyway."""
        counted = Counted()
        closed_to = min(day_to, today - timedelta(days=1))
        live: list[date] = []
        if closed_to >= day_from:
            months, days = _split(day_from, closed_to)
            rolled = _tallied_months(session, months)
            days = sorted([*days, *(day for month in months if month not in rolled for day in _month_days(month))])
            tallied = _tallied_days(session, days)
            live = [day for day in days if day not in tallied]
            self._read_months(session, counted, sorted(rolled), sites, measures)
            self._read_days(session, counted, [day for day in days if day in tallied], sites, measures)
        if day_to >= today:
            live += _days(max(day_from, today), day_to)
        for run in _runs(live, None):
            # a run counted as one block, as a month is (its visits by day and by weekday and hour
            # apart): grouped by day as well, a month's days give some 60,000 rows at ten sites
            for day, site, measure, key, n in _count(session, run[0], run[-1], by_month=True):
                if measure != VERSION and (sites is None or site in sites) and (
                        measures is None or measure in measures):
                    counted.add(day, site, measure, key, n, per_day=False)
        return counted

    @staticmethod
    def _read_months(session: Session, counted: Counted, months: list[date], sites: Collection[str] | None,
                     measures: Collection[str] | None) -> None:
        if months:
            _add_up(session, counted, months[-1], MonthTally, [MonthTally.month.in_(months)], sites, measures)

    @staticmethod
    def _read_days(session: Session, counted: Counted, days: list[date], sites: Collection[str] | None,
                   measures: Collection[str] | None) -> None:
        if not days:
            return
        where = _add_up(session, counted, days[-1], DayTally, [
            or_(*(DayTally.service_day.between(run[0], run[-1]) for run in _runs(days, None)))], sites, measures)
        if measures is None or set(PER_DAY) & set(measures):
            for day, measure, key, n in session.execute(
                    select(DayTally.service_day, DayTally.measure, DayTally.key, func.sum(DayTally.n))
                    .where(*where, DayTally.measure.in_(PER_DAY))
                    .group_by(DayTally.service_day, DayTally.measure, DayTally.key)):
                if measure == "visits":
                    counted.per_day[day] += int(n)
                else:
                    counted.per_weekday_hour[f"{day.weekday()}-{int(key):02d}"] += int(n)


def lock_tallies(session: Session) -> None:
    """On PostgreSQL, hold back the desks' changes to the tallies until this transaction ends."""
    if session.connection().dialect.name != "sqlite":
        # A desk's change waits while a day or month is counted, then its trigger deletes the
        # new tally: a tally is never older than the visits it counted. (A SQLite write
        # transaction holds the whole database already; the triggers of migration 0026 delete
        # the day's tally before the month's, so this lock holds back both.)
        session.execute(text("LOCK TABLE day_tally IN SHARE ROW EXCLUSIVE MODE"))


@contextmanager
def tallies_kept(session: Session, visits: ColumnElement[bool]) -> Iterator[None]:
    """Around a change to the `visits` that alters no counted figure (erasing their personal
    fields): the day and month tallies their triggers drop are put back as they were, in the same
    transaction. The retention purge erases the visits of a day a month old every day, and keeps
    erasing those its follow-ups still call: without this, every start dropped the tallies of
    months a year's summary then counted again."""
    days = sorted(session.scalars(select(Visit.service_day).where(visits).distinct()))
    if not days:
        yield
        return
    lock_tallies(session)
    months = sorted({day.replace(day=1) for day in days})
    kept_days = session.execute(select(DayTally.service_day, DayTally.site, DayTally.measure, DayTally.key,
                                       DayTally.n).where(DayTally.service_day.in_(days))).all()
    kept_months = session.execute(select(MonthTally.month, MonthTally.site, MonthTally.measure, MonthTally.key,
                                         MonthTally.n).where(MonthTally.month.in_(months))).all()
    yield
    session.execute(delete(DayTally).where(DayTally.service_day.in_(days)))
    session.execute(delete(MonthTally).where(MonthTally.month.in_(months)))
    if kept_days:
        _insert(session, "day_tally", kept_days)
    if kept_months:
        _insert(session, "month_tally", kept_months)


def _add_up(session: Session, counted: Counted, last: date, table: type[DayTally] | type[MonthTally],
            where: list[Any], sites: Collection[str] | None, measures: Collection[str] | None) -> list[Any]:
    """Add the tally rows of `table` that `where` picks at `sites` (None: all) to `counted`, summed by
    site, measure and key in SQL; returns the conditions, sites and measures included."""
    if sites is not None:
        where = [*where, table.site.in_(sorted(sites))]
    if measures is not None:
        where = [*where, table.measure.in_(sorted(measures))]
    for site, measure, key, n in session.execute(
            select(table.site, table.measure, table.key, func.sum(table.n))
            .where(*where, table.measure != VERSION).group_by(table.site, table.measure, table.key)):
        counted.add(last, site, measure, key, int(n), per_day=False)
    return where


def _insert(session: Session, table: str, rows: Iterable[Row]) -> None:
    """Tally rows into `table` (day_tally or month_tally: the same columns, the day or month first),
    handed to the driver as they are: SQLAlchemy's handling of each row's parameters took longer
    than SQLite's writing them. SQLite is given a date as its 'YYYY-MM-DD' text."""
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    mark = "?" if sqlite else "%s"
    first = "service_day" if table == "day_tally" else "month"
    connection.exec_driver_sql(
        f'INSERT INTO {table} ({first}, site, measure, "key", n) VALUES ({", ".join([mark] * 5)})',
        [(day.isoformat() if sqlite else day, site, measure, key, n) for day, site, measure, key, n in rows])


def _days(day_from: date, day_to: date) -> list[date]:
    return [day_from + timedelta(days=n) for n in range((day_to - day_from).days + 1)]


def _month_end(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _month_days(month: date) -> list[date]:
    return _days(month, _month_end(month))


def _split(day_from: date, day_to: date) -> tuple[list[date], list[date]]:
    """The whole months of the range (their first days), and its days outside them."""
    months: list[date] = []
    days: list[date] = []
    day = day_from
    while day <= day_to:
        end = _month_end(day)
        if day.day == 1 and end <= day_to:
            months.append(day)
        else:
            days += _days(day, min(end, day_to))
        day = end + timedelta(days=1)
    return months, days


def _tallied_months(session: Session, months: Collection[date]) -> set[date]:
    """Those of `months` whose tally is of at least the current version (see `_missing`)."""
    if not months:
        return set()
    return set(session.scalars(select(MonthTally.month).where(
        MonthTally.measure == VERSION, MonthTally.site == NO_SITE, MonthTally.key == "",
        MonthTally.n >= TALLY_VERSION, MonthTally.month.in_(sorted(months)))))


def _tallied_days(session: Session, days: list[date]) -> set[date]:
    if not days:
        return set()
    return set(session.scalars(select(DayTally.service_day).where(
        DayTally.measure == VERSION, DayTally.n >= TALLY_VERSION,
        DayTally.service_day.between(days[0], days[-1])))) & set(days)


def _runs(days: Iterable[date], longest: int | None = CHUNK_DAYS) -> Iterator[list[date]]:
    """Consecutive days in runs of at most `longest` (None: any length)."""
    run: list[date] = []
    for day in days:
        if run and (day - run[-1] != timedelta(days=1) or len(run) == longest):
            yield run
            run = []
        run.append(day)
    if run:
        yield run


def _missing(session: Session, day_from: date, day_to: date) -> list[date]:
    days = _days(day_from, day_to)
    tallied = _tallied_days(session, days)
    return [day for day in days if day not in tallied]


IN_RANGE = Visit.service_day.between(bindparam("day_from"), bindparam("day_to"))
"""The visits of the days counted: `_count`'s statements are built once (a statement built for
each count took longer than SQLite's running it), each run with the range as its parameters."""


@dataclass(frozen=True)
class _Per:
    """A count grouped by day, or (a month's tally, `month` its first day) not by day: every row is
    then of the month."""

    session: Session
    day_from: date
    day_to: date
    month: date | None

    @property
    def by_day(self) -> bool:
        """Grouped by day: the statements' shape (`_statements`)."""
        return self.month is None

    def rows(self, statement: Any, by_month: bool = True) -> Iterator[tuple[Any, ...]]:
        """`statement` run over the range; `by_month`: a month's rows are given its first day."""
        # through the connection: the ORM's handling of each result row is a good part of a year's count
        for row in self.session.connection().execute(statement, {"day_from": self.day_from, "day_to": self.day_to}):
            yield (self.month, *row) if self.month and by_month else tuple(row)


def _count(session: Session, day_from: date, day_to: date, by_month: bool = False) -> Iterator[Row]:
    """Every day's tally rows by site, each day with a "visits" row (zero on a day without visits,
    of no site) and its version row; `by_month`: the range's figures as one block instead, as a
    month's tally holds them (its first day's), with its visits by day and by weekday and hour, and
    one version row."""
    per = _Per(session, day_from, day_to, day_from if by_month else None)
    counts = _statements(per.by_day)
    if by_month:
        yield day_from, NO_SITE, VERSION, "", TALLY_VERSION
        yield from _census(per, counts)
        yield from _month_by_day(per, counts)
    else:
        visits: Counter[tuple[date, str]] = Counter()
        for row in _census(per, counts):
            if row[2] == "status":
                visits[row[0], row[1]] += row[4]
            yield row
        for (day, site), n in visits.items():
            yield day, site, "visits", "", n
        visited = {day for day, _site in visits}
        for day in _days(day_from, day_to):
            if day not in visited:
                yield day, NO_SITE, "visits", "", 0
            yield day, NO_SITE, VERSION, "", TALLY_VERSION
    yield from _finished(per, counts)
    waits: Counter[tuple[date, str, str, str]] = Counter()
    for day_, site, urgency, minute, n in per.rows(counts.waits):
        yield day_, site, "wait_by_urgency", f"{urgency}:{minute}", n
        waits[day_, site, "wait", str(minute)] += n
    yield from _rows(waits)
    meetings: Counter[tuple[date, str, str, str]] = Counter()
    for day_, site, staff_id, minute, n in per.rows(counts.meetings):
        yield day_, site, "worker", f"{staff_id}:{minute}", n
        meetings[day_, site, "session", str(minute)] += n
    yield from _rows(meetings)
    for day_, site, destination, n in per.rows(counts.referrals):
        yield day_, site, "referral", destination, n
    yield from _handovers(per, counts)
    yield from _prints(per, counts)
    for day_, at, respondent, question, given, n in per.rows(counts.answers):
        yield day_, at, "answer", f"{respondent}:{question}:{given}", n


@dataclass(frozen=True)
class _Statements:
    """`_count`'s statements of one shape (grouped by day or not), parameters `day_from`, `day_to`."""

    census: tuple[Any, ...]
    """One per CENSUS group."""
    hours: Any
    """Arrival hours by day (by day only: a month's are in `month_by_day`)."""
    month_by_day: Any
    finished: Any
    waits: Any
    meetings: Any
    referrals: Any
    handovers: Any
    prints: Any
    answers: Any


@cache
def _statements(by_day: bool) -> _Statements:
    """Built once for each shape (see IN_RANGE)."""
    def per(day: Any) -> list[Any]:
        """The columns to select and group by before the others."""
        return [day] if by_day else []

    flags = [getattr(Visit, column) for column in ACTION_COLUMNS.values()]
    # "Waited until called" (forms.transitions.waited_until_called): not those who left or did not
    # show, whose call (if any) met no one. By urgency too: the summary counts the waits past the
    # profile's threshold of their urgency when it reads them, so a threshold changed in the
    # profile needs no recount. The waits of all urgencies are added up from the same rows.
    seen = Visit.status.not_in([s.value for s in NOT_SEEN])
    wait_minutes = minutes(Visit.wait_seconds)
    # The meetings by the worker who finished them, and of all workers from the same rows (the
    # measure keeps its stored name "session", so tallies made before still count).
    finished_minutes = minutes(Visit.meeting_seconds)
    handover_minutes = minutes(seconds_between(VisitHandover.at, VisitHandover.taken_at))
    taken = case((VisitHandover.taken_at.is_not(None), handover_minutes), else_=None)
    print_site = func.coalesce(Visit.site, NO_SITE)
    answer = FollowUpAnswer
    answer_site = func.coalesce(answer.site, NO_SITE)
    census = []
    for together in CENSUS:
        columns = [column for column, _key in together.values()]
        census.append(select(*per(Visit.service_day), Visit.site, *columns, func.count()).where(IN_RANGE)
                      .group_by(*per(Visit.service_day), Visit.site, *columns))
    return _Statements(
        census=tuple(census),
        hours=select(Visit.service_day, Visit.site, literal("hour"), cast(Visit.arrival_hour, String), func.count())
        .where(IN_RANGE, Visit.arrival_hour.is_not(None)).group_by(Visit.service_day, Visit.site, Visit.arrival_hour),
        month_by_day=select(Visit.service_day, Visit.site, Visit.arrival_hour, func.count())
        .where(IN_RANGE).group_by(Visit.service_day, Visit.site, Visit.arrival_hour),
        finished=select(*per(Visit.service_day), Visit.site, Visit.feedback_instruction, *flags, func.count())
        .where(IN_RANGE, Visit.status == "finished")
        .group_by(*per(Visit.service_day), Visit.site, Visit.feedback_instruction, *flags),
        waits=select(*per(Visit.service_day), Visit.site, Visit.urgency, wait_minutes, func.count())
        .where(IN_RANGE, seen, Visit.wait_seconds.is_not(None))
        .group_by(*per(Visit.service_day), Visit.site, Visit.urgency, wait_minutes),
        meetings=select(*per(Visit.service_day), Visit.site, Visit.finished_by_id, finished_minutes, func.count())
        .where(IN_RANGE, Visit.status == "finished", Visit.meeting_seconds.is_not(None))
        .group_by(*per(Visit.service_day), Visit.site, Visit.finished_by_id, finished_minutes),
        referrals=select(*per(Visit.service_day), Visit.site, Referral.destination, func.count())
        .join(Visit, Visit.id == Referral.visit_id).where(IN_RANGE)
        .group_by(*per(Visit.service_day), Visit.site, Referral.destination),
        # Grouped by day for a month too (see `_handovers`).
        handovers=select(Visit.service_day, Visit.site, taken, func.count()).select_from(VisitHandover)
        .join(Visit, Visit.id == VisitHandover.visit_id).where(IN_RANGE).group_by(Visit.service_day, Visit.site, taken),
        prints=select(*per(PrintJob.service_day), print_site, PrintJob.kind, PrintJob.language, PrintJob.outcome,
                      func.sum(PrintJob.copies), func.count())
        .outerjoin(Visit, Visit.id == PrintJob.visit_id)
        .where(PrintJob.service_day.between(bindparam("day_from"), bindparam("day_to")))
        .group_by(*per(PrintJob.service_day), print_site, PrintJob.kind, PrintJob.language, PrintJob.outcome),
        # The follow-up answers by their own day and site (a year has some 100,000 of them: too
        # many to group for every summary).
        answers=select(*per(answer.day), answer_site, answer.respondent, answer.question, answer.answer, func.count())
        .where(answer.day.between(bindparam("day_from"), bindparam("day_to")))
        .group_by(*per(answer.day), answer_site, answer.respondent, answer.question, answer.answer),
    )


def _month_by_day(per: _Per, counts: _Statements) -> Iterator[Row]:
    """A month's visits by day, and its arrivals by weekday and hour, by site."""
    on_day: Counter[tuple[str, str]] = Counter()
    weekday_hour: Counter[tuple[str, str]] = Counter()
    for day, site, hour, n in per.rows(counts.month_by_day, by_month=False):
        on_day[site, day.isoformat()] += n
        if hour is not None:
            weekday_hour[site, f"{day.weekday()}-{hour:02d}"] += n
    for measure, tally in ((VISITS_ON, on_day), (WEEKDAY_HOUR, weekday_hour)):
        for (site, key), n in tally.items():
            yield per.day_from, site, measure, key, n


def _handovers(per: _Per, counts: _Statements) -> Iterator[Row]:
    """Handovers by their visit's day and site (a handover changes its visit, whose trigger drops
    the day's tally), and the minutes from each one taken to the call that took it. Grouped by day
    for a month too, added up here: grouped by site alone, SQLite walks every visit of the service
    in the order of its site index to find the few handed over."""
    tally: Counter[tuple[date, str, str, str]] = Counter()
    for day, site, minute, n in per.rows(counts.handovers, by_month=False):
        bucket = per.month or day
        tally[bucket, site, "handover", ""] += n
        if minute is not None:
            tally[bucket, site, "handover_to_call", str(minute)] += n
    yield from _rows(tally)


def _recorded(value: Any) -> str:
    return NOT_RECORDED if value is None else value


def _when(flag: Any) -> str | None:
    """A count kept only for the visits where `flag` holds (key "")."""
    return "" if flag else None


CENSUS: tuple[dict[str, tuple[Any, Any]], ...] = (
    {"status": (Visit.status, str), "by_urgency": (Visit.urgency, _recorded),
     "overrides": (Visit.override_reason.is_not(None), _when), "interpreter": (Visit.interpreter_needed, _when)},
    {name: (CATEGORIES[name], _recorded) for name in ("by_language", "by_age_group", "by_life_situation")},
    {name: (CATEGORIES[name], _recorded) for name in ("by_channel", "by_municipality")},
)
"""Statuses, categories and overrides, grouped a few at a time: measure → (column, its key from the
column's value; None: not counted). Together their values give few groups (a grouping by all of
them at once would give a group for nearly every visit), and each grouping is a scan and a sort of
the period's visits: the slow part of counting a year."""


def _census(per: _Per, counts: _Statements) -> Iterator[Row]:
    """The CENSUS, and arrival hours by day (a month's are counted in `_month_by_day`)."""
    tally: Counter[tuple[date, str, str, str]] = Counter()
    for together, statement in zip(CENSUS, counts.census, strict=True):
        keys = [(measure, key) for measure, (_column, key) in together.items()]
        for day_, site, *values, n in per.rows(statement):
            for (measure, key), value in zip(keys, values, strict=True):
                if (counted := key(value)) is not None:
                    tally[day_, site, measure, counted] += n
    yield from _rows(tally)
    if per.by_day:
        yield from per.rows(counts.hours)


def _rows(counts: Counter[tuple[date, str, str, str]]) -> Iterator[Row]:
    for (day, site, measure, key), n in counts.items():
        yield day, site, measure, key, n


def _finished(per: _Per, counts: _Statements) -> Iterator[Row]:
    """What was done, and how the feedback instruction was given, for the finished visits."""
    tally: Counter[tuple[date, str, str, str]] = Counter()
    for day_, site, way, *done, n in per.rows(counts.finished):
        tally[day_, site, "feedback", way or "missing"] += n
        for action, did in zip(ACTION_COLUMNS, done, strict=True):
            if did:
                tally[day_, site, "action", action.value] += n
    yield from _rows(tally)


def _prints(per: _Per, counts: _Statements) -> Iterator[Row]:
    """Prints by the site of their visit; a print for no visit (from the command line) belongs to
    no site."""
    for day_, at, kind, language, outcome, copies, jobs in per.rows(counts.prints):
        if outcome == PrintOutcome.PRINTED:
            yield day_, at, "printed", f"{kind}:{language}", int(copies)
        else:
            measure = NOT_PRINTED.get(PrintOutcome(outcome), "failed_prints")
            yield day_, at, measure, f"{kind}:{language}:{outcome}", jobs
