"""Data-subject requests, the pure rules: when a request is due, and how phones are compared."""

from __future__ import annotations

import calendar
import re
from datetime import date


def due_on(received: date) -> date:
    """A month after receipt (GDPR Art. 12(3)): the same day of the next month, or its last day
    when it has no such day (31 January → 28 February)."""
    year, month = (received.year + 1, 1) if received.month == 12 else (received.year, received.month + 1)
    return date(year, month, min(received.day, calendar.monthrange(year, month)[1]))


def overdue(due: date, done: bool, today: date) -> bool:
    return not done and today > due


def phone_digits(phone: str) -> str:
    """A phone number as its national digits, so "+358 40 000 0101", "00358400000101" and
    "040-000 0101" are the same number; spaces, dashes and brackets never matter."""
    digits = re.sub(r"\D", "", phone)
    for prefix in ("00358", "358"):
        if phone.strip().startswith(("+", "00")) and digits.startswith(prefix):
            return "0" + digits[len(prefix):]
    return digits


def same_phone(typed: str, stored: str) -> bool:
    """The number typed is the stored one (national digits equal); nothing typed finds nothing."""
    wanted = phone_digits(typed)
    return len(wanted) >= 5 and phone_digits(stored) == wanted


STAFF_KEYS = frozenset({
    "admitted_by_id", "triaged_by_id", "called_by_id", "finished_by_id", "handed_to_id", "restricted_by_id",
    "staff_id", "given_by_id", "withdrawn_by_id", "from_staff_id", "to_staff_id", "taken_by_id",
})
"""The fields of a held row that name an account by its id: the access copy gives the name."""
