"""The follow-up figures of a summary (forms.summary.FollowUpFigures), counted from the follow-up
tables themselves: a year of a busy service has some 20,000 follow-ups, few enough for grouped
queries on the tables' day indexes (a figure such as the latest progress of each referral within
the period cannot be added up from days).

The answers, some 100,000 a year, are tallied by their day with the visits (storage/tallies.py).

Which day each figure counts by: a follow-up is *set* on the Helsinki day it was made (its visit
finished); contacts, the referrals' progress and health checks count on the contact's day; the
closing reasons and the Kykyviisari coverage on the closing day; the answers on the answer's day.
Open, due today and overdue are the state now, whatever the period."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, case, exists, func, select, true
from sqlalchemy.orm import Session

from forms.away import day_bounds
from forms.choices import ReferralProgress, Respondent
from forms.summary import FollowUpFigures, Kykyviisari
from storage.models import FollowUp, FollowUpContact, FollowUpReferral, Visit


def follow_up_figures(session: Session, day_from: date, day_to: date, today: date, now: datetime,
                      answer_tally: Mapping[str, int], sites: Collection[str] | None = None) -> FollowUpFigures:
    """`answer_tally`: the period's "answer" tally (storage/tallies.py), "respondent:question:answer" → n.
    `sites`: the follow-ups of the visits there (None: all); a follow-up belongs to its visit's site."""
    counts = _statements(sites is None)
    start, end = day_bounds(day_from, day_to)
    connection = session.connection()

    def run(statement: Any) -> Any:
        return connection.execute(statement, {"day_from": day_from, "day_to": day_to, "today": today,
                                              "start": start, "end": end, "sites": sorted(sites or ())})

    values: dict[str, Any] = {"as_of": now}
    values["open"], values["due_today"], values["overdue"] = (int(n or 0) for n in run(counts.open).one())
    values["set"] = run(counts.set).scalar() or 0
    contacts, reached = run(counts.contacts).one()
    values["contacts"], values["reached"] = int(contacts or 0), int(reached or 0)
    values["closed"] = {reason: n for reason, n in run(counts.closed)}
    referrals: defaultdict[str, dict[str, int]] = defaultdict(dict)
    for destination, progress, n in run(counts.referrals):
        referrals[destination][progress] = n
    values["referrals"] = dict(referrals)
    values["health_checks"] = {answer: n for answer, n in run(counts.health_checks)}
    first, second, together = (int(n or 0) for n in run(counts.kykyviisari).one())
    values["kykyviisari"] = Kykyviisari(closed=run(counts.closed_in_all).scalar() or 0, before=first, after=second,
                                        both=together)
    values["answers"], values["worker_views"] = _answers(answer_tally)
    return FollowUpFigures(**values)


def follow_ups_set_by_site(session: Session, day_from: date, day_to: date, sites: Collection[str]) -> dict[str, int]:
    """Site → the follow-ups set in the period there (the "set" figure of each site)."""
    start, end = day_bounds(day_from, day_to)
    # Each follow-up's site, counted here: grouped or filtered by site in SQL, SQLite walks every
    # visit of those sites by its site index (a third of a second at a million visits, even for a
    # day) instead of the period's follow-ups by their time.
    counted = Counter(session.scalars(
        select(Visit.site).select_from(FollowUp).join(Visit, Visit.id == FollowUp.visit_id)
        .where(FollowUp.created_at >= start, FollowUp.created_at < end)))
    return {site: n for site, n in counted.items() if site in sites}


def _at_sites(whole: bool) -> ColumnElement[bool]:
    """The follow-ups whose visit arrived at the sites (parameter `sites`); `whole`: every follow-up."""
    if whole:
        return true()
    return exists().where(Visit.id == FollowUp.visit_id, Visit.site.in_(bindparam("sites", expanding=True)))


def _count_if(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


def _latest(partition: Any) -> Any:
    """A column that is 1 on the last contact of each `partition` (the latest word on it)."""
    order = (FollowUpContact.at.desc(), FollowUpContact.id.desc())
    return func.row_number().over(partition_by=partition, order_by=order).label("latest")


@dataclass(frozen=True)
class _Statements:
    """`follow_up_figures`' statements; parameters day_from, day_to, today, start and end (the
    period's bounds) and sites."""

    open: Any
    """The partial index of open follow-ups: a count of the open ones only."""
    set: Any
    contacts: Any
    closed: Any
    referrals: Any
    """Each referral counted once, by the latest progress recorded for it within the period."""
    health_checks: Any
    """Each follow-up asked about the health check counted once, by its latest answer in the period."""
    kykyviisari: Any
    """Of the follow-ups closed in the period: the self-assessment done before, after, both."""
    closed_in_all: Any


@cache
def _statements(whole: bool) -> _Statements:
    """Built once for the whole service and once for some sites: building a statement took longer
    than running it (a day's summary runs them all)."""
    here = _at_sites(whole)
    day_from: Any = bindparam("day_from")
    day_to: Any = bindparam("day_to")
    today: Any = bindparam("today")
    contact_days = and_(FollowUpContact.day.between(day_from, day_to),
                        true() if whole else exists().where(FollowUp.id == FollowUpContact.follow_up_id, here))
    closed_in_period = FollowUp.closed_on.between(day_from, day_to)
    referrals = (select(FollowUpReferral.destination, FollowUpReferral.progress, _latest(FollowUpReferral.referral_id))
                 .join(FollowUpContact, FollowUpContact.id == FollowUpReferral.contact_id)
                 .where(contact_days).subquery())
    health_checks = (select(FollowUpContact.health_check, _latest(FollowUpContact.follow_up_id))
                     .where(contact_days, FollowUpContact.health_check.is_not(None)).subquery())

    def done(column: Any) -> Any:
        return func.max(case((column.is_(True), 1), else_=0)).label(column.key)

    per_follow_up = (select(done(FollowUpContact.kykyviisari_before), done(FollowUpContact.kykyviisari_after))
                     .join(FollowUp, FollowUp.id == FollowUpContact.follow_up_id)
                     .where(closed_in_period, here)
                     .group_by(FollowUpContact.follow_up_id).subquery())
    before, after = per_follow_up.c.kykyviisari_before, per_follow_up.c.kykyviisari_after
    return _Statements(
        open=select(func.count(), _count_if(FollowUp.due_on == today), _count_if(FollowUp.due_on < today))
        .where(FollowUp.closed_at.is_(None), here),
        set=select(func.count()).where(FollowUp.created_at >= bindparam("start"),
                                       FollowUp.created_at < bindparam("end"), here),
        contacts=select(func.count(), _count_if(FollowUpContact.reached.is_(True))).where(contact_days),
        closed=select(FollowUp.end_reason, func.count())
        .where(closed_in_period, FollowUp.end_reason.is_not(None), here).group_by(FollowUp.end_reason),
        referrals=select(referrals.c.destination, referrals.c.progress, func.count()).where(referrals.c.latest == 1)
        .group_by(referrals.c.destination, referrals.c.progress),
        health_checks=select(health_checks.c.health_check, func.count()).where(health_checks.c.latest == 1)
        .group_by(health_checks.c.health_check),
        kykyviisari=select(func.sum(before), func.sum(after), _count_if((before + after) == 2)),
        closed_in_all=select(func.count()).select_from(FollowUp).where(closed_in_period, here),
    )


def _answers(tally: Mapping[str, int]) -> tuple[dict[str, dict[str, int]], ...]:
    """The clients' answers and the workers' views: question → answer → n."""
    by: dict[str, defaultdict[str, dict[str, int]]] = {r.value: defaultdict(dict) for r in Respondent}
    for key, n in tally.items():
        respondent, question, answer = key.split(":")
        by.setdefault(respondent, defaultdict(dict))[question][answer] = n
    return dict(by[Respondent.CLIENT.value]), dict(by[Respondent.WORKER.value])


FOLLOW_UP_COLUMNS = (
    "follow_up_contacts", "follow_up_reached", "follow_up_closed_on", "follow_up_end_reason",
    "referrals_reached", "health_check", "kykyviisari_before", "kykyviisari_after",
)
"""The CSV's follow-up columns, after the first ones (storage.reports.CSV_COLUMNS): the visit's
follow-up as it stands at the export. The clients' answers are not here: they belong to no visit."""


def follow_up_columns(session: Session, in_range: Any) -> dict[int, dict[str, object]]:
    """FOLLOW_UP_COLUMNS of the visits `in_range` that have a follow-up, by visit id."""
    rows: dict[int, dict[str, object]] = {}
    for visit_id, closed_on, end_reason in session.execute(
            select(FollowUp.visit_id, FollowUp.closed_on, FollowUp.end_reason)
            .join(Visit, Visit.id == FollowUp.visit_id).where(in_range)):
        rows[visit_id] = {"follow_up_contacts": 0, "follow_up_reached": 0,
                          "follow_up_closed_on": closed_on.isoformat() if closed_on else "",
                          "follow_up_end_reason": end_reason or "", "referrals_reached": "",
                          "health_check": "", "kykyviisari_before": "", "kykyviisari_after": ""}
    in_order = (FollowUpContact.at, FollowUpContact.id)
    contacts: Counter[int] = Counter()
    reached_client: Counter[int] = Counter()
    for visit_id, reached, health_check, before, after in session.execute(
            select(FollowUp.visit_id, FollowUpContact.reached, FollowUpContact.health_check,
                   FollowUpContact.kykyviisari_before, FollowUpContact.kykyviisari_after)
            .join(FollowUp, FollowUp.id == FollowUpContact.follow_up_id)
            .join(Visit, Visit.id == FollowUp.visit_id).where(in_range).order_by(*in_order)):
        row = rows[visit_id]
        contacts[visit_id] += 1
        reached_client[visit_id] += int(reached)
        row["follow_up_contacts"], row["follow_up_reached"] = contacts[visit_id], reached_client[visit_id]
        row["health_check"] = health_check or row["health_check"]   # the latest answer
        for column, done in (("kykyviisari_before", before), ("kykyviisari_after", after)):
            if done is not None and row[column] != 1:   # done at any contact: done
                row[column] = int(done)
    latest: dict[tuple[int, int], tuple[str, str]] = {}
    for visit_id, referral_id, destination, progress in session.execute(
            select(FollowUp.visit_id, FollowUpReferral.referral_id, FollowUpReferral.destination,
                   FollowUpReferral.progress)
            .join(FollowUpContact, FollowUpContact.id == FollowUpReferral.contact_id)
            .join(FollowUp, FollowUp.id == FollowUpContact.follow_up_id)
            .join(Visit, Visit.id == FollowUp.visit_id).where(in_range).order_by(*in_order)):
        latest[visit_id, referral_id] = (destination, progress)
    got_there: defaultdict[int, list[str]] = defaultdict(list)
    for (visit_id, _referral_id), (destination, progress) in sorted(latest.items()):
        if progress == ReferralProgress.REACHED.value:
            got_there[visit_id].append(destination)
    for visit_id, destinations in got_there.items():
        rows[visit_id]["referrals_reached"] = ";".join(destinations)
    return rows
