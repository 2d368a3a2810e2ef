"""Data-subject requests, the pure rules: when a request is due, how phones are compared, and what
the administrator types to find a person's visits, to have a document made, or to add a request."""

from __future__ import annotations

import calendar
import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from forms.base import FrozenModel
from forms.choices import PrivacyRequestKind
from forms.fields import OptionalDate, RequiredDate, fail, text
from forms.i18n import _


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


NOTHING_TO_FIND = "nothing_to_find"
"""The error type of a search with nothing typed: it concerns the whole form, not one field."""


class FindQuery(FrozenModel):
    """What the administrator looks for: a name to call (a part of it), a callback phone, or a
    ticket with its day (tickets start again every day)."""

    name: Annotated[str | None, text(60)] = None
    phone: Annotated[str | None, text(30)] = None
    ticket: Annotated[str | None, text(8)] = None
    day: OptionalDate = Field(default=None, validate_default=True)

    @field_validator("phone")
    @classmethod
    def _enough_digits(cls, value: str | None) -> str | None:
        if value is not None and len(phone_digits(value)) < 5:
            raise fail("phone_short", _("Type at least five digits of the phone number."))
        return value

    @field_validator("ticket")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return value.upper() if value else value

    @field_validator("day", mode="after")
    @classmethod
    def _ticket_has_day(cls, value: date | None, info: ValidationInfo) -> date | None:
        if info.data.get("ticket") and value is None:
            raise fail("ticket_day", _("Tickets start again every day: give the date too."))
        return value

    @model_validator(mode="after")
    def _something(self) -> FindQuery:
        if not (self.name or self.phone or self.ticket):
            raise fail(NOTHING_TO_FIND, _("Give a name, a phone number, or a ticket and its date."))
        return self


Language = Literal["fi", "sv", "en"]


class DocumentWay(StrEnum):
    """How an access copy or a log extract leaves the desk."""

    PRINT = "print"
    """The PDF to the printer (kept in the data folder's exports when no printer takes it)."""
    SAVE_PDF = "pdf"
    SAVE_DATA = "data"
    """JSON for an access copy, CSV for a log extract, in the data folder's exports."""


class DocumentOrder(FrozenModel):
    way: DocumentWay
    language: Language = "fi"


class NewRequest(FrozenModel):
    """A request received, as the register's form takes it; the visits are the ones chosen."""

    kind: PrivacyRequestKind
    received_on: RequiredDate

    @field_validator("received_on")
    @classmethod
    def _not_ahead(cls, value: date, info: ValidationInfo) -> date:
        today = (info.context or {}).get("today")
        if today is not None and value > today:
            raise fail("when_far", _("A request cannot be received after today."))
        return value
