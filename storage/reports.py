"""Day and period summaries, added up from the month and day tallies (storage/tallies.py): fast at a
million visits. The CSV export reads the visits themselves."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import ColumnElement, and_, bindparam, func, select
from sqlalchemy.orm import Session

from forms.away import away_minutes, day_bounds
from forms.choices import Urgency, VisitStatus
from forms.fairness import Fairness
from forms.staffing import Staffing
from forms.summary import (
    Durations,
    FeedbackCoverage,
    HandoutLine,
    OpenVisit,
    SiteLine,
    Summary,
    TicketOfDay,
    WorkerLine,
)
from forms.timefmt import service_day, utc_now
from forms.transitions import waited_until_called
from forms.waits import QueueRules, past_threshold_minutes
from storage.away import spans_in
from storage.db import Database
from storage.desk import ACTION_COLUMNS, OPEN
from storage.documentation import undocumented_in
from storage.fairness import fairness_in
from storage.followup_figures import (
    FOLLOW_UP_COLUMNS,
    follow_up_columns,
    follow_up_figures,
    follow_ups_set_by_site,
)
from storage.models import Referral, Staff, Visit, VisitHandover
from storage.staffing import staffing_in
from storage.tallies import CATEGORIES, NOT_PRINTED, Progress, Tallies

WAIT = Visit.wait_seconds
MEETING = Visit.meeting_seconds


CSV_COLUMNS = (
    "ticket", "service_day", "arrival_hour", "status", "language", "life_situation",
    "referral_channel", "municipality", "age_group", "urgency", "triage_urgency",
    "urgency_changed", "wait_minutes", "session_minutes",
    *(f"did_{a}" for a in ("guidance", "referral", "appointment", "worker_named", "consent")),
    "referrals", "follow_up_set", "feedback_instruction", "past_threshold", "handovers",
    *FOLLOW_UP_COLUMNS,
    "interpreter_needed", "site",
)
"""One row per visit for analysis elsewhere: no names, phone numbers or free text. The column names
are documented in the README and read by spreadsheets, so they keep their first words: "session"
is the meeting, "referral_channel" the arrival channel."""


class Reports:
    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now,
                 queue_rules: QueueRules | None = None, sites: Sequence[str] = ()) -> None:
        """`sites`: the service's walk-in sites (the profile's location ids, in its order)."""
        self.db = db
        self.clock = clock
        self.queue_rules = queue_rules or QueueRules()
        self.sites = tuple(sites)
        self.tallies = Tallies(db)

    def covered(self, sites: Collection[str] | None) -> list[str]:
        """The sites a summary of `sites` (None: the whole service) covers, in the profile's order;
        a site the profile no longer lists but asked for by name comes last."""
        if sites is None:
            return list(self.sites)
        return [site for site in self.sites if site in sites] + sorted(set(sites) - set(self.sites))

    def prepare(self, progress: Progress | None = None) -> None:
        """Tally the past months and days that have no tally yet, so that the first summary of a
        long period is as quick as the next ones: every whole month since the first visit, and the
        days of this month before today. `progress`: see `Tallies.ensure`."""
        if (history := self._history()) is not None:
            self.tallies.ensure(*history, progress)

    def catch_up(self, progress: Progress | None = None) -> bool:
        """On opening the database: when a whole past month has no tally (the history after an
        upgrade that added or changed a figure, data brought in, or the month just ended), tally
        everything `prepare` does now, before the desk opens, so that no summary meets an untallied
        year (a year of visits takes seconds to count, the next summary of it a fraction of one).
        Otherwise (a normal start: only the days since the last one) nothing here: the app
        tallies those in the background. True: it tallied."""
        history = self._history()
        if history is None or not self.tallies.untallied_months(*history):
            return False
        self.tallies.ensure(*history, progress)
        return True

    def _history(self) -> tuple[date, date] | None:
        """The first day with a visit, and yesterday (None: no past day has a visit)."""
        with self.db.reading() as session:
            first = session.scalar(select(func.min(Visit.service_day)))
        today = service_day(self.clock())
        return (first, today - timedelta(days=1)) if first is not None and first < today else None

    def summary(self, day_from: date, day_to: date | None = None, sites: Collection[str] | None = None, *,
                fairness: bool = False) -> Summary:
        """Helsinki calendar days `day_from` … `day_to`, both included, at `sites` (None: the whole
        service). A summary of more than one site has each site's figures side by side too.
        `fairness`: with the fair-triage figures (storage.fairness), which scan the period's visits
        (seconds for a busy year): the documents ask for them, the screen reads them after (see
        `fairness`)."""
        day_to = day_to or day_from
        today = service_day(self.clock())
        if day_from < today:
            # whole months only: the days of a month it covers in part that have no tally are
            # counted as they are (as one block: a tenth of the time of tallying them day by day)
            self.tallies.ensure(day_from, min(day_to, today - timedelta(days=1)), days=False)
        covered = self.covered(sites)
        here = (Visit.site.in_(covered),) if sites is not None else ()
        with self.db.reading() as session:
            counted = self.tallies.read(session, day_from, day_to, today, sites)
            totals = counted.totals
            statuses = totals["status"]
            finished = statuses["finished"]
            values: dict[str, Any] = {
                "day_from": day_from,
                "day_to": day_to,
                "sites": covered,
                "whole_service": sites is None,
                "visits": sum(statuses.values()),
                "finished": finished,
                "left": statuses[VisitStatus.LEFT.value],
                "no_show": statuses[VisitStatus.NO_SHOW.value],
                "still_open": sum(statuses[s.value] for s in OPEN),
                "open_visits": _open_visits(session, day_from, day_to, None if sites is None else covered),
                # The desk's to-do list of a day (its end-of-day summary lists them), not a
                # figure of a period: a year of it would be a list of thousands, read every time.
                "awaiting_documentation": [
                    TicketOfDay(ticket=u.ticket, service_day=u.service_day)
                    for u in undocumented_in(session, Visit.service_day == day_from, *here)]
                if day_from == day_to else [],
                **{name: dict(totals[name]) for name in CATEGORIES},
                "overrides": totals["overrides"][""],
                "interpreter_needed": totals["interpreter"][""],
                "waiting": durations_of(_numbered(totals["wait"])),
                "past_threshold": self._past_threshold(totals["wait_by_urgency"]),
                "waiting_by_urgency": _by_urgency(totals["wait_by_urgency"]),
                "meeting": durations_of(_numbered(totals["session"])),
                "handovers": totals["handover"][""],
                "handover_to_call": durations_of(_numbered(totals["handover_to_call"])),
                "actions": {action.value: totals["action"][action.value] for action in ACTION_COLUMNS},
                "feedback": FeedbackCoverage(finished=finished, ways=dict(totals["feedback"])),
                "referrals": dict(totals["referral"]),
                "workers": _workers(session, totals["worker"], self._away(session, day_from, day_to, sites)),
                "handouts": [HandoutLine(kind=kind, language=language, copies=n) for (kind, language), n
                             in sorted((tuple(key.split(":")), n) for key, n in totals["printed"].items())],
                **{measure: sum(totals[measure].values()) for measure in NOT_PRINTED.values()},
            }
            if day_to > day_from:
                values["per_day"] = {day_from + timedelta(days=n): 0 for n in range((day_to - day_from).days + 1)}
                values["per_day"].update(sorted(counted.per_day.items()))
                values["per_weekday_hour"] = dict(counted.per_weekday_hour)
            if fairness:
                values["fairness"] = fairness_in(session, day_from, day_to, sites)
            values["follow_ups"] = follow_up_figures(session, day_from, day_to, today, self.clock(),
                                                     totals["answer"], sites)
            if len(covered) > 1:
                set_by_site = follow_ups_set_by_site(session, day_from, day_to, covered)
                values["by_site"] = [_site_line(site, counted.by_site[site], set_by_site.get(site, 0))
                                     for site in covered]
        return Summary(**values)

    def fairness(self, day_from: date, day_to: date, sites: Collection[str] | None = None) -> Fairness:
        """The fair-triage figures of the days at `sites` alone: the summary screen shows them when
        they land, after the summary itself."""
        with self.db.reading() as session:
            return fairness_in(session, day_from, day_to, sites)

    def staffing(self, day_from: date, day_to: date, sites: Collection[str] | None = None) -> Staffing:
        """Workers present and the queue they met (storage/staffing.py), Helsinki days both
        included, at `sites` (None: the whole service)."""
        with self.db.reading() as session:
            return staffing_in(session, day_from, day_to, self.clock(), self.queue_rules, sites)

    def _away(self, session: Session, day_from: date, day_to: date,
              sites: Collection[str] | None = None) -> dict[int, int]:
        """Minutes away per worker: periods across midnight cut at the day's end, open ones at
        their sign-in's end (or now); at `sites`, those of the sign-ins there."""
        now = self.clock()
        spans = spans_in(session, *day_bounds(day_from, day_to), now, sites)
        return away_minutes(spans, day_from, day_to, now)

    def _past_threshold(self, tally: Counter[str]) -> dict[str, int]:
        """Visits that waited until called longer than their urgency's threshold, by urgency."""
        past: Counter[str] = Counter()
        known = {u.value: u for u in Urgency}
        for key, n in tally.items():
            code, minute = key.split(":")
            if code in known and past_threshold_minutes(known[code], int(minute), self.queue_rules):
                past[code] += n
        return dict(past)

    def visit_rows(self, day_from: date, day_to: date | None = None,
                   sites: Collection[str] | None = None) -> Iterator[dict[str, object]]:
        """The visits of the range at `sites` (None: all), one dict per CSV row (columns in CSV_COLUMNS)."""
        in_range: ColumnElement[bool] = Visit.service_day.between(day_from, day_to or day_from)
        if sites is not None:
            in_range = and_(in_range, Visit.site.in_(sorted(sites)))
        with self.db.reading() as session:
            referrals: dict[int, list[str]] = {}
            for visit_id, destination in session.execute(
                    select(Referral.visit_id, Referral.destination).join(Visit, Visit.id == Referral.visit_id)
                    .where(in_range).order_by(Referral.id)):
                referrals.setdefault(visit_id, []).append(destination)
            handovers = dict(session.execute(
                select(VisitHandover.visit_id, func.count()).join(Visit, Visit.id == VisitHandover.visit_id)
                .where(in_range).group_by(VisitHandover.visit_id)).all())
            follow_ups = follow_up_columns(session, in_range)
            no_follow_up = dict.fromkeys(FOLLOW_UP_COLUMNS, "")
            rows = session.execute(
                select(Visit, WAIT.label("wait"), MEETING.label("meeting_seconds"))
                .where(in_range).order_by(Visit.service_day, Visit.ticket_no)
                .execution_options(yield_per=2000))
            for visit, wait, meeting_seconds in rows:
                # as in the summaries: only a wait that ended in a meeting was "until called"
                waited = wait if waited_until_called(VisitStatus(visit.status)) else None
                yield {
                    "ticket": visit.ticket, "service_day": visit.service_day.isoformat(),
                    "arrival_hour": visit.arrival_hour, "status": visit.status, "language": visit.language,
                    "life_situation": visit.life_situation or "", "referral_channel": visit.arrival_channel or "",
                    "municipality": visit.municipality or "", "age_group": visit.age_group or "",
                    "urgency": visit.urgency, "triage_urgency": visit.triage_urgency or "",
                    "urgency_changed": int(visit.override_reason is not None),
                    "wait_minutes": _minutes(waited),
                    "session_minutes": _minutes(meeting_seconds) if visit.status == "finished" else "",
                    **{f"did_{a}": int(getattr(visit, column)) for a, column in
                       ((a.value, c) for a, c in ACTION_COLUMNS.items())},
                    "referrals": ";".join(referrals.get(visit.id, [])),
                    "follow_up_set": int(visit.follow_up_on is not None),
                    "feedback_instruction": visit.feedback_instruction or "",
                    "past_threshold": "" if waited is None else int(past_threshold_minutes(
                        Urgency(visit.urgency), round(waited / 60), self.queue_rules)),
                    "handovers": handovers.get(visit.id, 0),
                    **follow_ups.get(visit.id, no_follow_up),
                    "interpreter_needed": int(visit.interpreter_needed),
                    "site": visit.site,
                }


def _minutes(seconds: int | None) -> int | str:
    """Whole minutes, as the README promises (a spreadsheet reads `38.0` as text or as 380)."""
    return "" if seconds is None else round(seconds / 60)


def _by_urgency(tally: Counter[str]) -> dict[str, Durations]:
    """The waits of each urgency from "urgency:minutes" keys."""
    tables: dict[str, list[tuple[int, int]]] = {}
    for key, n in tally.items():
        code, minute = key.split(":")
        tables.setdefault(code, []).append((int(minute), n))
    return {code: durations_of(table) for code, table in sorted(tables.items())}


def _numbered(table: Counter[str]) -> list[tuple[int, int]]:
    return [(int(key), n) for key, n in table.items()]


def durations_of(frequencies: Sequence[tuple[int, int]]) -> Durations:
    """Median, 90th percentile and longest from (minutes, how many) pairs. Percentiles lie linearly
    between the two nearest values, as PostgreSQL's percentile_cont."""
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
        return low + (high - low) * (rank - below)

    return Durations(count=count, median=percentile(0.5), p90=percentile(0.9), longest=table[-1][0])


def _site_line(site: str, totals: Mapping[str, Counter[str]], follow_ups: int) -> SiteLine:
    """One site's column of the side-by-side table, from its own tallies."""
    statuses = totals["status"]
    return SiteLine(site=site, visits=sum(statuses.values()), finished=statuses["finished"],
                    by_channel=dict(totals["by_channel"]), by_urgency=dict(totals["by_urgency"]),
                    waiting=durations_of(_numbered(totals["wait"])),
                    feedback=FeedbackCoverage(finished=statuses["finished"], ways=dict(totals["feedback"])),
                    follow_ups=follow_ups)


OPEN_VISITS = TypeAdapter(list[OpenVisit])
"""The open visits validated at once: a day's 500 one by one took longer than reading them."""


@cache
def _open_statement(whole: bool) -> Any:
    """Built once for the whole service and once for some sites (parameter `sites`); parameters
    `day_from` and `day_to`."""
    here = () if whole else (Visit.site.in_(bindparam("sites", expanding=True)),)
    return (select(Visit.id, Visit.ticket, Visit.service_day, Visit.status, Visit.arrived_at)
            .where(Visit.service_day.between(bindparam("day_from"), bindparam("day_to")), *here,
                   Visit.status.in_([s.value for s in OPEN])).order_by(Visit.arrived_at))


def _open_visits(session: Session, day_from: date, day_to: date, sites: Collection[str] | None) -> list[OpenVisit]:
    rows = session.connection().execute(_open_statement(sites is None), {
        "day_from": day_from, "day_to": day_to, "sites": list(sites or ())})
    return OPEN_VISITS.validate_python([row._asdict() for row in rows])


def _workers(session: Session, tally: Counter[str], away: dict[int, int]) -> list[WorkerLine]:
    """Visits finished per worker and their meeting times, from "staff:minutes" keys, and their
    minutes away (a worker away but with no visit finished has a line too)."""
    names = dict(session.execute(select(Staff.id, Staff.display_name)).all())
    tables: dict[int, list[tuple[int, int]]] = {staff_id: [] for staff_id in away}
    for key, n in tally.items():
        staff_id, minute = key.split(":")
        tables.setdefault(int(staff_id), []).append((int(minute), n))
    lines = [WorkerLine(staff_id=staff_id, name=names.get(staff_id, "?"), visits=sum(n for _m, n in table),
                        meeting=durations_of(table), away_minutes=away.get(staff_id, 0))
             for staff_id, table in tables.items()]
    return sorted(lines, key=lambda line: line.name)
