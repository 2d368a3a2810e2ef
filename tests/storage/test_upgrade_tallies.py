"""The start after an upgrade (storage.services.open_services, `Reports.catch_up`), on SQLite and
PostgreSQL: a history with no tallies (as an upgrade that adds or changes a figure leaves it) is
tallied before the desk opens, telling how far it is, so that no summary meets an untallied month;
the figures are those of the day tallies and of the visits themselves; a summary asked while the
tallying runs counts nothing twice."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from forms.intake import IntakeForm
from forms.profile import ServiceProfile
from forms.timefmt import HELSINKI
from storage import tallies
from storage.audit import Actor
from storage.models import DayTally, MonthTally
from storage.services import Services, open_services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tests.scenarios import busy_day, period_figures
from tests.storage.test_month_tallies import by_days_only, month_rows

DECEMBER_10 = datetime(2026, 12, 10, 12, 0, tzinfo=HELSINKI)
FIRST = date(2026, 8, 1)
YESTERDAY = date(2026, 12, 9)
RANGES = [(FIRST, YESTERDAY), (date(2026, 8, 15), date(2026, 12, 10)), (date(2026, 11, 1), date(2026, 11, 30)),
          (date(2026, 9, 3), date(2026, 12, 2)), (date(2026, 12, 1), date(2026, 12, 10))]


def history(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    """The busy day of 24 November, and a visit on 1 August, 19 October and 3 December: none of
    their days or months tallied (each change drops its day's and month's tally)."""
    busy_day(services, worker, clock)
    for moment in (datetime(2026, 8, 1, 9, 30, tzinfo=HELSINKI), datetime(2026, 10, 19, 13, 15, tzinfo=HELSINKI),
                   datetime(2026, 12, 3, 9, 5, tzinfo=HELSINKI)):
        clock.now = moment
        services.desk.admit(IntakeForm(arrival_channel="kela"), worker.id)


def untallied(services: Services) -> tuple[int, list[date]]:
    """The whole months since the first visit with no tally, and the days of this month before
    today with none."""
    with services.db.reading() as session:
        days = tallies._missing(session, YESTERDAY.replace(day=1), YESTERDAY)
    return services.reports.tallies.untallied_months(FIRST, YESTERDAY), days


def figures(counted: tallies.Counted) -> dict[str, object]:
    """What a summary reads of `counted`, comparable however it was added up: the visits and hours
    by day come from a month's tally in its own measures (per day, per weekday and hour)."""
    def measures(totals: dict[str, Counter[str]]) -> dict[str, Counter[str]]:
        return {m: +keys for m, keys in totals.items() if +keys and m not in tallies.PER_DAY}

    return {"totals": measures(counted.totals), "per_day": +counted.per_day,
            "per_weekday_hour": +counted.per_weekday_hour,
            "by_site": {site: measures(totals) for site, totals in counted.by_site.items()}}


def live(services: Services, day_from: date, day_to: date) -> dict[str, object]:
    """The range's figures counted from the visits themselves (as if every day of it were today)."""
    with services.db.reading() as session:
        return figures(services.reports.tallies.read(session, day_from, day_to, day_from))


def tallied(services: Services, day_from: date, day_to: date) -> dict[str, object]:
    with services.db.reading() as session:
        return figures(services.reports.tallies.read(session, day_from, day_to, DECEMBER_10.date()))


def test_the_start_after_an_upgrade_tallies_the_history_before_the_desk_opens(
        services: Services, worker: StaffMember, clock: FakeClock, profile: ServiceProfile, db_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    history(services, worker, clock)
    clock.now = DECEMBER_10
    assert untallied(services) == (4, tallies._days(date(2026, 12, 1), YESTERDAY))  # August to November, 1-9 December
    told: list[tuple[int, int]] = []
    reopened = open_services(db_url, profile, clock=clock, progress=lambda done, total: told.append((done, total)))
    try:
        # one step a month (August to November), one for the days of December: told before and after each
        assert told == [(n, 5) for n in range(6)]
        assert untallied(reopened) == (0, [])
        assert all(month_rows(reopened, date(2026, m, 1)) for m in (8, 9, 10, 11))
        # the tallies hold what the visits do, month by month and day by day
        for period in RANGES:
            assert tallied(reopened, *period) == live(reopened, *period), period
        with_months = [period_figures(reopened.reports.summary(*period)) for period in RANGES]
        by_days_only(monkeypatch)
        assert [period_figures(reopened.reports.summary(*period)) for period in RANGES] == with_months
        assert with_months[0]["visits"] == 9
        # a start with every past month tallied counts nothing before the desk opens
        told.clear()
        again = open_services(db_url, profile, clock=clock, progress=lambda done, total: told.append((done, total)))
        again.close()
        assert told == []
    finally:
        reopened.close()


def test_a_new_tally_version_is_counted_again_at_the_start(
        services: Services, worker: StaffMember, clock: FakeClock, profile: ServiceProfile, db_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A figure added to the tallies (a new TALLY_VERSION) is an upgrade too: the next start tallies
    the history again, with no migration needed for it."""
    history(services, worker, clock)
    clock.now = DECEMBER_10
    services.reports.prepare()
    assert untallied(services) == (0, [])
    monkeypatch.setattr(tallies, "TALLY_VERSION", tallies.TALLY_VERSION + 1)
    assert untallied(services)[0] == 4
    told: list[tuple[int, int]] = []
    reopened = open_services(db_url, profile, clock=clock, progress=lambda done, total: told.append((done, total)))
    try:
        assert told[-1] == (5, 5) and untallied(reopened) == (0, [])
        assert tallied(reopened, FIRST, YESTERDAY) == live(reopened, FIRST, YESTERDAY)
    finally:
        reopened.close()


def test_a_summary_asked_while_the_start_tallies_counts_nothing_twice(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    """Another desk's summary of the whole history between two of the start's steps tallies the
    months the start has not reached yet; the start then finds them tallied (checked again under
    the lock) and goes on, and the figures are the visits' own."""
    history(services, worker, clock)
    clock.now = DECEMBER_10
    summaries = []

    def another_desk_asks(done: int, total: int) -> None:
        if done == 1:
            summaries.append(services.reports.summary(FIRST, YESTERDAY))

    assert services.reports.catch_up(another_desk_asks)
    assert untallied(services) == (0, [])
    assert tallied(services, FIRST, YESTERDAY) == live(services, FIRST, YESTERDAY)
    # (a month or day counted twice would have failed on its table's primary key)
    assert period_figures(summaries[0]) == period_figures(services.reports.summary(FIRST, YESTERDAY))
    assert summaries[0].visits == 9 and summaries[0].per_day[date(2026, 12, 3)] == 1
    assert services.reports.summary(FIRST, YESTERDAY - timedelta(days=9)).visits == 8


def every_tally(services: Services) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with services.db.reading() as session:
        return (sorted(tuple(r) for r in session.execute(select(DayTally.service_day, DayTally.site, DayTally.measure,
                                                                DayTally.key, DayTally.n))),
                sorted(tuple(r) for r in session.execute(select(MonthTally.month, MonthTally.site, MonthTally.measure,
                                                                MonthTally.key, MonthTally.n))))


def test_the_purge_at_each_start_keeps_the_tallies_of_the_visits_it_erases(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    """Erasing the personal fields of old visits (the retention purge on every start, a
    data-subject erasure) changes no figure: the tallies their triggers drop are put back, and the
    next start has no month to count again."""
    history(services, worker, clock)
    clock.now = DECEMBER_10
    services.reports.prepare()
    before = every_tally(services)
    assert before[1]
    purged = services.retention.purge(10, Actor(None, "desk-1", via="start"), follow_up_days=180)
    assert purged.visits == 6  # August, October and four of November (two await documentation)
    assert every_tally(services) == before
    assert untallied(services) == (0, [])
    assert tallied(services, FIRST, YESTERDAY) == live(services, FIRST, YESTERDAY)
    assert not services.reports.catch_up()
