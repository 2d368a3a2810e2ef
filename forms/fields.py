"""Field types shared by every form: cleaned text, phone numbers, PINs, dates, and their messages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationError
from pydantic_core import PydanticCustomError

from forms.i18n import _
from forms.timefmt import format_clock, format_date, local, on_the_clock, parse_date, parse_moment

_SPACES = re.compile(r"\s+")
_PHONE_DIGITS = re.compile(r"\+?\d{6,15}")
_PHONE_NOISE = re.compile(r"[\s\-()/.]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")
_USERNAME = re.compile(r"[a-z][a-z0-9._-]{1,31}")


def fail(kind: str, message: str, **context: Any) -> PydanticCustomError:
    """A validation error whose message is already in the UI language."""
    return PydanticCustomError(kind, message.format(**context), context)


def clean_text(value: Any, max_length: int, required: bool) -> str | None:
    """Strip, fold white space, refuse control characters (escape sequences stay inert)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise fail("text_type", _("Enter text."))
    if any(unicodedata.category(ch) == "Cc" for ch in value if ch not in " \t"):
        raise fail("text_control", _("Remove the control characters."))
    value = unicodedata.normalize("NFC", _SPACES.sub(" ", value).strip())
    if not value:
        if required:
            raise fail("text_required", _("Required."))
        return None
    if len(value) > max_length:
        raise fail(
            "text_too_long",
            _("At most {max} characters (now {length})."),
            max=max_length,
            length=len(value),
        )
    return value


def not_before(start: date | None, end: date | None) -> None:
    """A period's end may not come before its start."""
    if start is not None and end is not None and end < start:
        raise fail("range_backwards", _("The end is before the start."))


def text(max_length: int, required: bool = False) -> BeforeValidator:
    """The rule of a text field, as Annotated metadata: `name: Annotated[str | None, text(40)]`
    (a call inside the annotation itself would hide the field's type from the type checker)."""
    return BeforeValidator(lambda v: clean_text(v, max_length, required))


def clean_phone(value: Any) -> str | None:
    value = clean_text(value, 30, required=False)
    if value is None:
        return None
    digits = _PHONE_NOISE.sub("", value)
    if not _PHONE_DIGITS.fullmatch(digits) or not digits.startswith(("+", "0")):
        raise fail(
            "phone_invalid",
            _("Not a phone number. Example: 040 123 4567 or +358 40 123 4567."),
        )
    return value


def clean_email(value: Any) -> str | None:
    value = clean_text(value, 120, required=False)
    if value is not None and not _EMAIL.fullmatch(value):
        raise fail("email_invalid", _("Not an email address. Example: name@example.org."))
    return value


def clean_pin(value: Any) -> str:
    if not isinstance(value, str) or not value.isdigit() or not value.isascii():
        raise fail("pin_digits", _("The PIN is digits only."))
    if not 4 <= len(value) <= 12:
        raise fail("pin_length", _("The PIN has 4 to 12 digits."))
    return value


def clean_username(value: Any) -> str:
    value = (clean_text(value, 32, required=True) or "").lower()
    if not _USERNAME.fullmatch(value):
        raise fail(
            "username_invalid",
            _("2–32 characters: small letters a–z, digits, dot, dash; starts with a letter."),
        )
    return value


def _parsed(parse: Callable[[str], Any], message: Callable[[], str]) -> Callable[[Any], Any]:
    """A cleaner for a field typed as text and read by `parse`; empty means not given."""

    def clean(value: Any) -> Any:
        if value is None or isinstance(value, date):  # a datetime is a date too
            return value
        if isinstance(value, str) and not value.strip():
            return None
        try:
            return parse(value)
        except (TypeError, ValueError, AttributeError):
            raise fail("when_invalid", message()) from None

    return clean


clean_date = _parsed(parse_date, lambda: _("Not a date. Example: 24.11.2026."))
_clean_moment = _parsed(parse_moment, lambda: _("Not a date and time. Example: 1.12.2026 10.00."))


def clean_moment(value: Any) -> datetime | None:
    """A date and time that happens in Helsinki: not one the clocks skip in spring."""
    moment = _clean_moment(value)
    if isinstance(moment, datetime) and moment.tzinfo is not None and not on_the_clock(moment):
        raise fail("time_skipped",
                   _("There is no {clock} on {day} in Helsinki: the clocks go forward an hour that night."),
                   clock=format_clock(moment.hour, moment.minute), day=format_date(moment.date()))
    return moment


YEAR_AHEAD = timedelta(days=366)
"""How far ahead a follow-up or an appointment is believable; further is taken as a typo."""


def believable(when: date, now: datetime, past: str) -> None:
    """A day (or a moment) that is not past and at most a year ahead; `past` says what is wrong
    with one in the past. `now` is aware; days are Helsinki days."""
    today = local(now).date()
    day = local(when).date() if isinstance(when, datetime) else when
    if (when < now) if isinstance(when, datetime) else (day < today):
        raise fail("when_past", past)
    latest = today + YEAR_AHEAD
    if day > latest:
        raise fail("when_far", _("Further than a year ahead ({latest} at the latest): check the year."),
                   latest=format_date(latest))


Phone = Annotated[str | None, BeforeValidator(clean_phone)]
Email = Annotated[str | None, BeforeValidator(clean_email)]
Pin = Annotated[str, BeforeValidator(clean_pin)]
Username = Annotated[str, BeforeValidator(clean_username)]
OptionalDate = Annotated[date | None, BeforeValidator(clean_date)]
RequiredDate = Annotated[date, BeforeValidator(clean_date)]
OptionalMoment = Annotated[datetime | None, BeforeValidator(clean_moment)]

_GENERIC = {
    "missing": lambda: _("Required."),
    "literal_error": lambda: _("Choose one of the options."),
    "enum": lambda: _("Choose one of the options."),
    "string_type": lambda: _("Enter text."),
    "int_parsing": lambda: _("Enter a whole number."),
    "greater_than_equal": lambda: _("Too small."),
    "less_than_equal": lambda: _("Too large."),
}


def field_messages(error: ValidationError) -> dict[str, str]:
    """The first message for each top-level field, in the UI language."""
    messages: dict[str, str] = {}
    for item in error.errors(include_url=False):
        field = str(item["loc"][0]) if item["loc"] else ""
        generic = _GENERIC.get(item["type"])
        messages.setdefault(field, generic() if generic else item["msg"].removeprefix("Value error, "))
    return messages
