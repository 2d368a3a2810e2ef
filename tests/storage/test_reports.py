"""Summaries against hand counts, on SQLite and PostgreSQL: a busy day, an empty one, a day with
only a visit that left, and a range across the autumn clock change."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy.orm import Session

from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.timefmt import HELSINKI
from storage import tallies
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tests.scenarios import DAY, at, busy_day


def test_a_busy_day_against_hand_counts(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    busy_day(services, worker, clock)
    s = services.reports.summary(DAY)
    assert (s.visits, s.finished, s.left, s.still_open) == (5, 3, 1, 1)
    assert [v.ticket for v in s.open_visits] == ["A005"]
    assert s.by_channel == {"self": 1, "kela": 1, "health_centre": 1, "not_recorded": 2}
    assert s.by_language == {"fi": 4, "sv": 1}
    assert s.by_age_group == {"25_34": 1, "not_recorded": 4}
    assert s.by_urgency == {"normal": 4, "soon": 1}
    assert s.overrides == 1
    # waits 10, 20, 40 minutes; sessions 30, 20, 50
    assert (s.waiting.count, s.waiting.median, s.waiting.p90, s.waiting.longest) == (3, 20, 36, 40)
    assert (s.meeting.count, s.meeting.median, s.meeting.p90, s.meeting.longest) == (3, 30, 46, 50)
    assert s.actions == {"guidance": 2, "referral": 1, "appointment": 0, "worker_named": 1, "consent": 1}
    assert s.referrals == {"kela": 1}
    assert [(h.kind, h.language, h.copies) for h in s.handouts] == [("feedback", "fi", 1)]
    assert s.failed_prints == 1
    assert s.feedback.finished == 3 and s.feedback.ways == {"printed": 1, "other_way": 1, "missing": 1}
    assert (s.feedback.given, round(s.feedback.share or 0, 3), s.feedback.complete) == (2, 0.667, False)
    assert [(w.name, w.visits, w.meeting.median) for w in s.workers] == [
        ("Kaisa Esimerkki", 2, 40), ("Olli Testinen", 1, 20)]
    assert s.per_day == {}  # only for ranges longer than a day


def test_an_empty_day(services: Services, worker: StaffMember) -> None:
    s = services.reports.summary(DAY)
    assert (s.visits, s.finished, s.waiting.median, s.feedback.share, s.feedback.complete) == (0, 0, None, None, True)


def test_a_day_with_only_a_visit_that_left(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    at(clock, 12, 0)
    visit = services.desk.admit(IntakeForm(), worker.id)
    at(clock, 12, 30)
    services.desk.mark_left(visit.id, worker.id)
    s = services.reports.summary(DAY)
    assert (s.visits, s.left, s.finished, s.still_open, s.waiting.count, s.meeting.count) == (1, 1, 0, 0, 0, 0)
    assert s.feedback.finished == 0


def test_a_range_across_the_autumn_clock_change(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    """25.10.2026 has 25 hours: 03.00–04.00 comes twice. Days are Helsinki calendar days."""
    moments = [
        datetime(2026, 10, 24, 23, 50, tzinfo=HELSINKI),
        datetime(2026, 10, 25, 0, 30, tzinfo=HELSINKI),
        datetime(2026, 10, 25, 3, 30, tzinfo=HELSINKI),            # summer time, before the change
        datetime(2026, 10, 25, 3, 30, fold=1, tzinfo=HELSINKI),    # winter time, the same wall clock
        datetime(2026, 10, 25, 23, 50, tzinfo=HELSINKI),
        datetime(2026, 10, 26, 0, 10, tzinfo=HELSINKI),
    ]
    for moment in moments:
        clock.now = moment
        services.desk.admit(IntakeForm(), worker.id)
    s = services.reports.summary(date(2026, 10, 24), date(2026, 10, 25))
    assert s.visits == 5
    assert s.per_day == {date(2026, 10, 24): 1, date(2026, 10, 25): 4}
    # Saturday is 5, Sunday 6; the two 03.30 arrivals share an hour on the clock
    assert s.per_weekday_hour == {"5-23": 1, "6-00": 1, "6-03": 2, "6-23": 1}


def test_a_summary_follows_every_later_change(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    """A day's tally is kept after the first summary; a change to a visit, a referral or a print
    of that day (here all after the day itself) shows in the next one."""
    busy_day(services, worker, clock)
    opened = services.reports.summary(DAY).open_visits[0]
    assert services.reports.summary(date(2026, 11, 25)).handouts == []
    at(clock, 9, 0, date(2026, 11, 25))
    services.desk.call(opened.id, worker.id)
    services.desk.finish(opened.id, Outcome(actions=frozenset({"guidance"}), referrals=("kela",)), worker.id)
    services.desk.record_print(opened.id, "memo", "en", 2, "printed", "WalkinPDF-9", None, None, worker.id)
    after = services.reports.summary(DAY)
    assert (after.finished, after.still_open, after.referrals["kela"]) == (4, 0, 2)
    assert after.waiting.longest == 9 * 60 + 10  # 23.50 to 09.00 the next morning
    # the print counts on the day it was made, not on the visit's day
    assert services.reports.summary(date(2026, 11, 25)).handouts[0].kind == "memo"
    assert services.reports.summary(DAY, date(2026, 11, 25)).visits == 6


def test_durations_count_in_whole_minutes(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    """29 s rounds down, 30 s up: the waits 0 and 1 min, the longest 2 min (1 min 30 s)."""
    waits = (29, 30, 90)
    for n, seconds in enumerate(waits):
        clock.now = datetime(2026, 11, 24, 9, n * 5, tzinfo=HELSINKI)
        visit = services.desk.admit(IntakeForm(), worker.id)
        clock.now = clock.now.replace(second=seconds % 60, minute=n * 5 + seconds // 60)
        services.desk.call(visit.id, worker.id)
    s = services.reports.summary(DAY)
    assert (s.waiting.count, s.waiting.median, s.waiting.longest) == (3, 1, 2)


def test_a_long_range_counts_each_day_once(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    """Tallies made for a period serve the day inside it, and the other way round."""
    busy_day(services, worker, clock)
    day = services.reports.summary(DAY)
    month = services.reports.summary(date(2026, 11, 1), date(2026, 11, 30))
    assert (month.visits, month.finished, month.waiting, month.feedback) == (
        day.visits + 1, day.finished, day.waiting, day.feedback)
    assert services.reports.summary(DAY) == day


def test_a_measure_added_later_counts_the_days_tallied_before_it(
        services: Services, worker: StaffMember, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new figure in `_count` comes with a bump of TALLY_VERSION: the days tallied under the
    older version are counted again, so the new figure is not 0 for every day before it."""
    busy_day(services, worker, clock)
    before = services.reports.summary(DAY)
    counted = tallies._count

    def with_a_new_measure(session: Session, day_from: date, day_to: date,
                           by_month: bool = False) -> Iterator[tallies.Row]:
        for row in counted(session, day_from, day_to, by_month):
            yield row
            if row[2] == "status":
                yield row[0], row[1], "new_measure", "", row[4]

    monkeypatch.setattr(tallies, "_count", with_a_new_measure)
    monkeypatch.setattr(tallies, "TALLY_VERSION", tallies.TALLY_VERSION + 1)
    assert services.reports.summary(DAY) == before
    with services.db.reading() as session:
        counted_now = services.reports.tallies.read(session, DAY, DAY, date(2026, 11, 30))
    assert counted_now.totals["new_measure"][""] == before.visits == 5
    assert "tally_version" not in counted_now.totals
