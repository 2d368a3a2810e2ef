"""The fair-triage figures of a period (forms.fairness): waits until called by group within each
urgency, and the overrides per triage rule, each in grouped SQL over the period's visits.

Not from the day tallies: they hold no waits per group, and a histogram per group, urgency and
minute for every day would hold more rows than a busy desk has visits (each visit is in four
groups), and slow every summary that reads the tallies. Two scans of the period instead: the
waits, and the overrides (bench/summaries.py times a year)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, cast, func, select
from sqlalchemy.orm import Session

from forms.choices import Urgency
from forms.fairness import NO_RULE, Fairness, GroupWait, RuleOverrides, direction
from forms.summary import NOT_RECORDED
from forms.transitions import NOT_SEEN
from storage.models import Visit
from storage.tallies import minutes

GROUPS: dict[str, Any] = {
    "language": Visit.language,
    "age_group": Visit.age_group,
    "municipality": Visit.municipality,
    "life_situation": Visit.life_situation,
    "site": Visit.site,
}
"""The groupings whose waits are compared, each with its column and a title in
forms.summary_view.FAIR_GROUPS."""


def fairness_in(session: Session, day_from: date, day_to: date, sites: Collection[str] | None = None) -> Fairness:
    """The figures of the Helsinki days `day_from` … `day_to`, both included, at `sites` (None: the
    whole service)."""
    where: list[ColumnElement[bool]] = [Visit.service_day.between(day_from, day_to)]
    if sites is not None:
        where.append(Visit.site.in_(sites))
    return Fairness(groups=_group_waits(session, where), rules=_overrides(session, where))


def _group_waits(session: Session, where: list[ColumnElement[bool]]) -> list[GroupWait]:
    """Whole minutes half up of the waits that ended in a meeting, as the summary's waits
    (storage.tallies); a group's "others" are the urgency's visits less its own. One grouping by
    every column at once: one scan and one sort of the period (SQLite sorts for each GROUP BY),
    folded here into each grouping's tables."""
    from storage.reports import durations_of  # it imports this module

    waited = minutes(Visit.wait_seconds)
    columns = list(GROUPS.values())
    tables: defaultdict[tuple[str, str, str], Counter[int]] = defaultdict(Counter)
    whole: defaultdict[str, Counter[int]] = defaultdict(Counter)
    for *values, urgency, minute, n in session.execute(
            select(*columns, Visit.urgency, waited, func.count())
            .where(*where, Visit.wait_seconds.is_not(None), Visit.status.not_in([s.value for s in NOT_SEEN]))
            .group_by(*columns, Visit.urgency, waited)):
        whole[urgency][minute] += n
        for name, value in zip(GROUPS, values, strict=True):
            tables[name, value or NOT_RECORDED, urgency][minute] += n
    ranks = {u.value: u.rank for u in Urgency}
    order = {name: n for n, name in enumerate(GROUPS)}
    found = []
    for (name, key, urgency), table in sorted(tables.items(), key=lambda item: (
            order[item[0][0]], ranks.get(item[0][2], len(ranks)), item[0][2], item[0][1] == NOT_RECORDED,
            item[0][1])):
        own = durations_of(list(table.items()))
        others = durations_of(list((whole[urgency] - table).items()))
        found.append(GroupWait(group=name, key=key, urgency=urgency, visits=own.count, median=own.median,
                               others=others.count, others_median=others.median))
    return found


def _overrides(session: Session, where: list[ColumnElement[bool]]) -> list[RuleOverrides]:
    """The triaged visits grouped by the rules that fired (few different sets), the suggestion and
    the urgency the worker chose; each set counted for each of its rules."""
    rules = cast(Visit.triage_rules, String)
    fired: Counter[str] = Counter()
    raised: Counter[str] = Counter()
    lowered: Counter[str] = Counter()
    for rule_set, suggested, chosen, n in session.execute(
            select(rules, Visit.triage_urgency, Visit.urgency, func.count())
            .where(*where, Visit.triaged_at.is_not(None), Visit.triage_urgency.is_not(None))
            .group_by(rules, Visit.triage_urgency, Visit.urgency)):
        ids = json.loads(rule_set) if rule_set else []
        way = direction(suggested or chosen, chosen)
        for rule in ids or [NO_RULE]:
            fired[rule] += n
            if way < 0:
                raised[rule] += n
            elif way > 0:
                lowered[rule] += n
    return [RuleOverrides(rule=rule, fired=n, raised=raised[rule], lowered=lowered[rule])
            for rule, n in sorted(fired.items(), key=lambda item: (item[0] == NO_RULE, item[0]))]
