"""What a handout is made from, beside the service profile: plain records, filled by the caller."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from forms.choices import HandoutLanguage

HANDOUT_LANGUAGES = tuple(language.value for language in HandoutLanguage)
"""In the order `g` cycles them at the visit: fi, selko (plain Finnish), sv, en."""
KINDS = ("brochure", "feedback", "card", "memo", "consent")


@dataclass(frozen=True)
class Person:
    """A worker as printed on a contact card or a memo."""

    name: str
    title: str | None = None
    phone: str | None = None
    phone_hours: str | None = None
    email: str | None = None
    place: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class Agreement:
    """What a visit agreed, for the memo: no triage answers, no notes, no health details."""

    day: date
    met_by: Person | None
    actions: frozenset[str] = frozenset()
    referrals: tuple[str, ...] = ()
    workers: tuple[Person, ...] = ()
    follow_up: date | None = None
    next_appointment: datetime | None = None
    appointment_place: str | None = None
    """Where the next appointment is; none: the place of the worker it is with, if known."""
    client_gets_in_touch: bool = False
    """By the follow-up date the client contacts the worker (else the worker the client)."""


def handout_language(client_language: str | None, plain_finnish: bool = False) -> str:
    """The visit's language when there is a handout in it, otherwise Finnish; Finnish is plain
    Finnish when the profile says so (`plain_finnish`, its handouts.plain_finnish_default)."""
    language = client_language if client_language in HANDOUT_LANGUAGES else "fi"
    return HandoutLanguage.SELKO.value if plain_finnish and language == "fi" else language



@dataclass(frozen=True)
class LogLine:
    """One audit event of a log extract, as printed."""

    at: datetime
    who: str
    action: str
    """A forms.choices.AuditAction code."""
    workstation: str
    ticket: str
    service_day: date | None
    detail: str = ""
    """The event's codes (a handout kind, a reason): never personal data."""


@dataclass(frozen=True)
class GivenConsent:
    """A consent recorded on the visit, for the consent statement: the purpose, how and when it was
    given (and withdrawn), and the version of the text it was given under."""

    kind: str
    method: str
    given_at: datetime
    text_version: str | None = None
    withdrawn_at: datetime | None = None
