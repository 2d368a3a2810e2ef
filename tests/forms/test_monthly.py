"""What the figures say, for constructed cases, and the staffing sweep on hand-made sign-ins."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from forms.i18n import set_language
from forms.monthly import MonthlyReport, findings, weeks_of
from forms.staffing import Arrival, Presence, Staffing, WaitBand, staffing
from forms.summary import Durations, FeedbackCoverage, Summary
from forms.timefmt import HELSINKI

NOV = date(2026, 11, 1)


def _report(visits: int = 100, previous: int = 100, staff: Staffing | None = None, finished: int = 0,
            given: int = 0) -> MonthlyReport:
    def summary(n: int, day_from: date = NOV) -> Summary:
        return Summary(day_from=day_from, day_to=date(2026, 11, 30), visits=n, waiting=Durations(count=n),
                       feedback=FeedbackCoverage(finished=finished,
                                                 ways={"printed": given, "missing": finished - given}))
    return MonthlyReport(month=NOV, current=summary(visits), previous=summary(previous),
                         year_before=summary(0), weeks=[summary(visits, date(2026, 11, 23))],
                         staffing=staff or Staffing(worker_hours=50))


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def test_waits_past_the_threshold_cluster_in_one_hour() -> None:
    staff = Staffing(worker_hours=40, past_threshold_at={"1-12": 5, "3-09": 1}, workers_at={"1-12": 1.0, "3-09": 2})
    assert findings(_report(staff=staff))[-1] == (
        "Waits past the threshold clustered on Tuesdays 12–13 (5 of 6), when one worker was present.")
    set_language("fi")
    assert findings(_report(staff=staff))[-1] == (
        "Rajan ylittäneet odotukset kasautuivat tiistaisin klo 12–13 (5/6), kun paikalla oli yksi työntekijä.")


def test_waits_past_the_threshold_spread_over_the_week() -> None:
    cells = {f"{day}-1{day}": 1 for day in range(5)}
    staff = Staffing(worker_hours=40, past_threshold_at=cells, workers_at=dict.fromkeys(cells, 2.0))
    said = findings(_report(staff=staff))
    assert said[-1] == "The 5 waits past the threshold were spread over the week: no hour stood out."


def test_waits_that_grow_with_the_queue_and_waits_that_do_not() -> None:
    grew = Staffing(worker_hours=20, bands=[WaitBand(low=0, high=1, visits=30, median=10),
                                            WaitBand(low=1, high=2, visits=3, median=90),
                                            WaitBand(low=2, high=4, visits=8, median=42)])
    assert ("Waits grew with the queue: the median wait was 42 min when 2–4 clients waited per worker present, "
            "against 10 min when fewer than 1.") in findings(_report(staff=grew))
    flat = Staffing(worker_hours=20, bands=[WaitBand(low=0, high=1, visits=30, median=10),
                                            WaitBand(low=4, visits=6, median=13)])
    assert ("Waits did not grow clearly with the queue per worker present (median 10 min when fewer than 1 "
            "waited per worker, 13 min when 4 or more).") in findings(_report(staff=flat))


def test_the_visits_the_sign_ins_and_the_feedback() -> None:
    said = findings(_report(visits=150, previous=100, staff=Staffing(), finished=10, given=7))
    assert said == [
        "Visits rose by 50 %\u00a0from the previous month (from 100 to 150).",
        "No sign-ins were recorded in the month, so visits per worker-hour cannot be counted.",
        "No client waited past the threshold of their urgency.",
        "The feedback instruction reached 70 %\u00a0of finished visits; the lowest was week 48 (70 %).",
    ]
    assert findings(_report(visits=95, previous=100, finished=4, given=4))[0::3] == [
        "Visits were about as many as in the previous month (from 100 to 95).",
        "Every finished visit got the feedback instruction."]
    assert findings(_report(visits=0, previous=0, staff=Staffing())) == []


def test_weeks_of_a_month_cut_at_its_ends() -> None:
    assert weeks_of(date(2026, 2, 14)) == [
        (date(2026, 2, 1), date(2026, 2, 1)), (date(2026, 2, 2), date(2026, 2, 8)),
        (date(2026, 2, 9), date(2026, 2, 15)), (date(2026, 2, 16), date(2026, 2, 22)),
        (date(2026, 2, 23), date(2026, 2, 28))]


def _t(hh: int, mm: int) -> datetime:
    return datetime(2026, 11, 24, hh, mm, tzinfo=HELSINKI)


def test_a_worker_at_two_desks_counts_once_and_away_time_not_at_all() -> None:
    presence = [Presence(1, _t(9, 0), _t(11, 0)), Presence(1, _t(10, 0), _t(12, 0)),  # two desks, 9–12
                Presence(2, _t(9, 0), _t(10, 0)), Presence(2, _t(9, 30), _t(9, 45), away=True)]
    arrivals = [Arrival(_t(9, 40), _t(10, 30), 50, past_threshold=True),   # Olli away: one worker
                Arrival(_t(9, 50), _t(10, 35), 45),                         # one waiting, Olli back: 0.5 a worker
                Arrival(_t(13, 0), None, None)]                             # nobody signed in
    st = staffing(arrivals, presence, _t(0, 0), _t(23, 59))
    assert st.worker_hours == 3.75  # 3 h and 45 min
    assert [(b.visits, b.median) for b in st.bands] == [(2, 47.5), (0, None), (0, None), (0, None)]
    assert (st.no_worker, st.past_threshold_at, st.workers_at) == (1, {"1-09": 1}, {"1-09": 1.0})
