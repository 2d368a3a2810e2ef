"""Dates and times the Finnish and Finland-Swedish way (22.11.2026 klo / kl. 14.05), Helsinki days
across clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from forms.i18n import set_language
from forms.summary_view import weekday_name
from forms.timefmt import format_date, format_datetime, format_time, local, parse_date, service_day


def test_finnish_and_english_date_and_time() -> None:
    moment = datetime(2026, 11, 22, 12, 5, tzinfo=UTC)  # 14.05 in Helsinki (UTC+2)
    assert format_datetime(moment) == "22.11.2026 klo 14.05"
    set_language("en")
    assert format_datetime(moment) == "22 Nov 2026 14:05"


def test_finland_swedish_date_and_time_as_babel_writes_them_for_sv_fi() -> None:
    from babel import dates as cldr  # the test's reference only: the desk itself needs no babel

    set_language("sv")
    moment = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)  # 11.15 in Helsinki
    assert format_datetime(moment) == "30.11.2026 kl. 11.15"
    for day in (date(2026, 12, 1), date(2026, 11, 30)):
        assert format_date(day) == cldr.format_date(day, "short", locale="sv_FI")
    assert format_time(moment) == cldr.format_time(local(moment), "short", locale="sv_FI")
    week = [date(2026, 11, 30) + timedelta(days=n) for n in range(7)]
    assert [weekday_name(day) for day in week] == [cldr.format_date(day, "EEE", locale="sv_FI") for day in week]


def test_service_day_is_the_helsinki_calendar_day() -> None:
    assert service_day(datetime(2026, 11, 22, 21, 50, tzinfo=UTC)) == date(2026, 11, 22)  # 23.50
    assert service_day(datetime(2026, 11, 22, 22, 10, tzinfo=UTC)) == date(2026, 11, 23)  # 00.10
    # Summer time (UTC+3) after the clocks go forward on 29.3.2026.
    assert service_day(datetime(2026, 3, 29, 20, 59, tzinfo=UTC)) == date(2026, 3, 29)
    assert service_day(datetime(2026, 3, 29, 21, 1, tzinfo=UTC)) == date(2026, 3, 30)


@pytest.mark.parametrize(("text", "day"), [("24.11.2026", date(2026, 11, 24)), ("1.2.26", date(2026, 2, 1)),
                                          ("2026-11-24", date(2026, 11, 24))])
def test_dates_are_read_as_the_desk_writes_them(text: str, day: date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["31.2.2026", "huomenna", "1.2"])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)
