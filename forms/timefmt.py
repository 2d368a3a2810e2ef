"""Helsinki calendar days and the Finnish, Finland-Swedish and English ways of writing dates and
times."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from forms.i18n import current_language

# Plain Finnish (a handout language) writes dates and times as Finnish does.
_DOTTED = ("fi", "sv", "selko")

HELSINKI = ZoneInfo("Europe/Helsinki")


def utc_now() -> datetime:
    return datetime.now(UTC)


def shifted_clock(today: date | None, clock: Callable[[], datetime] = utc_now) -> Callable[[], datetime]:
    """`clock` as if it were `today` (for demos): moved by the whole days between its Helsinki day
    at the start and `today`, the Helsinki time of day kept (also across a change to or from
    summer time). None: `clock` itself."""
    if today is None:
        return clock
    days = timedelta(days=(today - service_day(clock())).days)

    def shifted() -> datetime:
        wall = local(clock()).replace(tzinfo=None) + days
        return wall.replace(tzinfo=HELSINKI).astimezone(UTC)

    return shifted


def local(moment: datetime) -> datetime:
    """`moment` (aware) as Helsinki wall-clock time."""
    return moment.astimezone(HELSINKI)


def service_day(moment: datetime) -> date:
    """The Helsinki calendar day a moment belongs to: 23.50 local is still that day."""
    return local(moment).date()


def format_date(day: date, language: str | None = None) -> str:
    """22.11.2026 in Finnish and Swedish, 22 Nov 2026 in English (default: the UI language)."""
    if (language or current_language()) in _DOTTED:
        return f"{day.day}.{day.month}.{day.year}"
    return f"{day.day} {day:%b} {day.year}"


def format_clock(hour: int, minute: int, language: str | None = None) -> str:
    """14.05 in Finnish and Swedish, 14:05 in English."""
    separator = "." if (language or current_language()) in _DOTTED else ":"
    return f"{hour:02d}{separator}{minute:02d}"


def format_time(moment: datetime) -> str:
    """The clock of a moment, Helsinki time."""
    clock = local(moment)
    return format_clock(clock.hour, clock.minute)


def format_datetime(moment: datetime) -> str:
    """22.11.2026 klo 14.05 in Finnish, 22.11.2026 kl. 14.05 in Swedish, 22 Nov 2026 14:05 in
    English."""
    day = format_date(local(moment).date())
    joiner = {"fi": " klo ", "sv": " kl. "}.get(current_language(), " ")
    return day + joiner + format_time(moment)


def parse_date(text: str) -> date:
    """Read 22.11.2026 (the desk's way) or 2026-11-22; raises ValueError."""
    text = text.strip()
    if "-" in text:
        return date.fromisoformat(text)
    day, month, year = (int(part) for part in text.rstrip(".").split("."))
    if year < 100:
        year += 2000
    return date(year, month, day)


def parse_moment(text: str) -> datetime:
    """Read 1.12.2026 10.00 (or "klo"/"kl."/"at" between, or 10:00) as Helsinki time; ValueError."""
    words = text.replace(",", " ").split()
    words = [w for w in words if w.lower() not in ("klo", "kl.", "kl", "at")]
    if len(words) != 2:
        raise ValueError(text)
    hour, minute = (int(part) for part in words[1].replace(":", ".").split("."))
    return datetime.combine(parse_date(words[0]), time(hour, minute), HELSINKI)


def on_the_clock(moment: datetime) -> bool:
    """False for a wall-clock time Helsinki skips: when the clocks go forward (e.g. 29.3.2026,
    03.00 becomes 04.00) a time such as 03.30 never happens that night."""
    real = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return real.replace(tzinfo=None) == moment.replace(tzinfo=None)


def minutes_between(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds() // 60))
