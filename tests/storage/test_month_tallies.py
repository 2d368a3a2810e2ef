"""Month tallies (storage/tallies.py, migration 0026), on SQLite and PostgreSQL: a summary over whole
months reads the same figures as one added up from day tallies, a change to a visit of the month
drops the month's tally, and a summary over part of a month still counts only its days."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.timefmt import HELSINKI
from storage import tallies
from storage.models import MonthTally
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tests.scenarios import DAY, at, busy_day

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))
DECEMBER_10 = datetime(2026, 12, 10, 12, 0, tzinfo=HELSINKI)


def month_rows(services: Services, month: date) -> int:
    with services.db.reading() as session:
        return session.scalar(select(func.count()).select_from(MonthTally).where(MonthTally.month == month)) or 0


def by_days_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No range has whole months: every figure is added up from day tallies, as before 0026."""
    monkeypatch.setattr(tallies, "_split", lambda day_from, day_to: ([], tallies._days(day_from, day_to)))


def three_months(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    """The busy day of 24 November (5 visits, and one just after midnight), a visit on 20 October
    and one on 3 December."""
    busy_day(services, worker, clock)
    for moment in (datetime(2026, 10, 20, 13, 15, tzinfo=HELSINKI), datetime(2026, 12, 3, 9, 5, tzinfo=HELSINKI)):
        clock.now = moment
        services.desk.admit(IntakeForm(arrival_channel="kela"), worker.id)


def test_whole_months_give_the_figures_of_their_days(services: Services, worker: StaffMember, clock: FakeClock,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    three_months(services, worker, clock)
    clock.now = DECEMBER_10
    ranges = [NOVEMBER, (date(2026, 10, 1), date(2026, 12, 31)), (date(2026, 10, 15), date(2026, 12, 5)),
              (date(2026, 11, 10), date(2026, 11, 30)), (date(2026, 11, 2), date(2026, 11, 29))]
    with_months = [services.reports.summary(*period) for period in ranges]
    assert month_rows(services, date(2026, 10, 1)) and month_rows(services, NOVEMBER[0])
    assert month_rows(services, date(2026, 12, 1)) == 0  # not over yet
    by_days_only(monkeypatch)
    assert [services.reports.summary(*period) for period in ranges] == with_months
    november, quarter, part, _rest, inner = with_months
    assert (november.visits, quarter.visits, part.visits, inner.visits) == (6, 8, 8, 6)
    assert quarter.per_day[date(2026, 10, 20)] == 1 and quarter.per_day[DAY] == 5
    assert quarter.per_weekday_hour["1-13"] == 1  # Tuesday 20 October, 13.15
    assert services.reports.summary(*NOVEMBER, sites=["elsewhere"]).visits == 0


def test_a_change_to_a_visit_of_the_month_drops_its_tally(services: Services, worker: StaffMember,
                                                         clock: FakeClock) -> None:
    busy_day(services, worker, clock)
    clock.now = DECEMBER_10
    before = services.reports.summary(*NOVEMBER)
    assert month_rows(services, NOVEMBER[0])
    opened = before.open_visits[0]
    services.desk.call(opened.id, worker.id)
    assert month_rows(services, NOVEMBER[0]) == 0
    services.reports.summary(*NOVEMBER)
    assert month_rows(services, NOVEMBER[0])
    # a referral of the month's visit too (finishing writes the visit first, then its referral)
    services.desk.finish(opened.id, Outcome(actions=frozenset({"guidance"}), referrals=("kela",)), worker.id)
    assert month_rows(services, NOVEMBER[0]) == 0
    after = services.reports.summary(*NOVEMBER)
    assert (after.finished, after.still_open, after.referrals["kela"]) == (before.finished + 1, before.still_open - 1,
                                                                         before.referrals["kela"] + 1)
    assert services.reports.summary(*NOVEMBER) == after


def test_a_month_dropped_after_it_was_ensured_is_counted_from_its_visits(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    """A desk's change between `ensure` and `read` leaves the month untallied: read counts it."""
    busy_day(services, worker, clock)
    clock.now = DECEMBER_10
    services.reports.tallies.ensure(*NOVEMBER)
    opened = services.reports.summary(*NOVEMBER).open_visits[0]
    services.desk.call(opened.id, worker.id)
    with services.db.reading() as session:
        counted = services.reports.tallies.read(session, *NOVEMBER, DECEMBER_10.date())
    assert sum(counted.totals["status"].values()) == 6 and counted.totals["status"]["called"] == 1


def test_a_month_tallied_under_an_older_version_is_counted_again(
        services: Services, worker: StaffMember, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    busy_day(services, worker, clock)
    clock.now = DECEMBER_10
    before = services.reports.summary(*NOVEMBER)
    counted = tallies._count

    def with_a_new_measure(session: Session, day_from: date, day_to: date,
                           by_month: bool = False) -> Iterator[tallies.Row]:
        visits: Counter[tuple[date, str]] = Counter()
        for row in counted(session, day_from, day_to, by_month):
            yield row
            if row[2] == "status":
                visits[row[0], row[1]] += row[4]
        for (day, site), n in visits.items():
            yield day, site, "new_measure", "", n

    monkeypatch.setattr(tallies, "_count", with_a_new_measure)
    monkeypatch.setattr(tallies, "TALLY_VERSION", tallies.TALLY_VERSION + 1)
    assert services.reports.summary(*NOVEMBER) == before
    with services.db.reading() as session:
        counted_now = services.reports.tallies.read(session, *NOVEMBER, DECEMBER_10.date())
    assert counted_now.totals["new_measure"][""] == before.visits == 6


def test_today_in_a_month_is_counted_as_it_is(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    """The month of today has no month tally: its closed days from day tallies, today live."""
    busy_day(services, worker, clock)
    at(clock, 12, 0, date(2026, 11, 25))
    s = services.reports.summary(*NOVEMBER)
    assert month_rows(services, NOVEMBER[0]) == 0
    assert (s.visits, s.per_day[DAY], s.per_day[date(2026, 11, 25)]) == (6, 5, 1)
