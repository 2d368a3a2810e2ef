"""The arithmetic of time away, without a database: a period across midnight, one still open at
the day's end or after its desk stopped, the clock change, the choice's note, the summary line."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from pydantic import ValidationError

from forms import summary_view as view
from forms.away import AwayChoice, AwaySpan, away_minutes, day_bounds, open_until
from forms.choices import AwayReason
from forms.summary import Durations, Summary, WorkerLine
from forms.timefmt import HELSINKI

DAY = date(2026, 11, 24)
PRESENCE = timedelta(seconds=15)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI)


def span(start: datetime, end: datetime | None, until: datetime | None = None, staff_id: int = 1) -> AwaySpan:
    return AwaySpan(staff_id, start, end, until or end or start)


def test_a_period_within_the_day_counts_whole() -> None:
    assert away_minutes([span(at(11, 40), at(12, 10))], DAY, DAY, at(16)) == {1: 30}


def test_a_period_across_midnight_is_cut_at_the_day_end_on_each_side() -> None:
    night = span(at(23, 40), at(0, 20, DAY + timedelta(days=1)))
    assert away_minutes([night], DAY, DAY, at(12, day=DAY + timedelta(days=2))) == {1: 20}
    tomorrow = DAY + timedelta(days=1)
    assert away_minutes([night], tomorrow, tomorrow, at(12, day=date(2026, 11, 27))) == {1: 20}
    assert away_minutes([night], DAY, DAY + timedelta(days=1), at(12, day=date(2026, 11, 27))) == {1: 40}


def test_an_open_period_counts_to_now_or_to_where_its_desk_stopped() -> None:
    still_away = span(at(15), None, until=at(16))
    assert away_minutes([still_away], DAY, DAY, at(15, 30)) == {1: 30}  # never past now
    assert away_minutes([still_away], DAY, DAY, at(18)) == {1: 60}  # the sign-in's end
    overnight = span(at(23), None, until=at(9, day=DAY + timedelta(days=1)))
    assert away_minutes([overnight], DAY, DAY, at(12, day=DAY + timedelta(days=1))) == {1: 60}


def test_where_an_open_period_ends() -> None:
    now = at(12)
    assert open_until(at(11), at(11, 30), now, PRESENCE) == at(11)  # signed out
    assert open_until(None, at(11, 30), now, PRESENCE) == at(11, 30)  # no heartbeat since: desk stopped
    assert open_until(None, now - timedelta(seconds=5), now, PRESENCE) == now  # the desk is there


def test_seconds_add_up_per_worker_and_short_ones_round_away() -> None:
    spans = [span(at(9), at(9, 10)), span(at(13), at(13, 5)),
             span(at(10), at(10, 0) + timedelta(seconds=20), staff_id=2)]
    assert away_minutes(spans, DAY, DAY, at(16)) == {1: 15}


def test_the_day_that_the_clocks_go_back_has_25_hours() -> None:
    start, end = day_bounds(date(2026, 10, 25), date(2026, 10, 25))
    assert end - start == timedelta(hours=25)


def test_the_note_is_trimmed_and_short() -> None:
    assert AwayChoice(reason=AwayReason.PHONE, note="  ").note is None
    with pytest.raises(ValidationError):
        AwayChoice(reason=AwayReason.LUNCH, note="x" * 61)


def test_the_summary_line_names_minutes_away_only_where_there_are_some() -> None:
    lines = [WorkerLine(staff_id=1, name="Kaisa Esimerkki", visits=3, meeting=Durations(), away_minutes=45),
             WorkerLine(staff_id=2, name="Olli Testinen", visits=1, meeting=Durations())]
    summary = Summary(day_from=DAY, day_to=DAY, workers=lines)
    own = view.workers(summary, lambda staff_id: staff_id == 1)
    assert own[0].startswith("Kaisa Esimerkki") and own[0].endswith("poissa 45 min")
    assert own[1].startswith("työntekijä 2") and "poissa" not in own[1]
