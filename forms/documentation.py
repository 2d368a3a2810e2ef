"""Record status: when a walk-in becomes a client matter that the county's client information
system must hold, and so waits for a worker to mark it documented there."""

from __future__ import annotations

from collections.abc import Set
from datetime import date, datetime

from forms.choices import OutcomeAction


def is_client_matter(actions: Set[str], call_name: str | None, callback_phone: str | None,
                     follow_up_on: date | None) -> bool:
    """A visit is anonymous guidance by default. It is a client matter when it named a responsible
    worker, recorded a consent, referred a client who gave a name or a phone (an anonymous client's
    referral is theirs to take), or set a follow-up date. `actions`: the visit's OutcomeAction codes
    (a named worker and a referral imply theirs, forms.outcome). storage.documentation says the
    same in SQL: a test keeps the two equal."""
    named_client = bool(call_name) or bool(callback_phone)
    return (OutcomeAction.WORKER_NAMED.value in actions
            or OutcomeAction.CONSENT.value in actions
            or (OutcomeAction.REFERRAL.value in actions and named_client)
            or follow_up_on is not None)


def awaits_documentation(client_matter: bool, documented_at: datetime | None) -> bool:
    """A client matter not yet marked documented in the client information system."""
    return client_matter and documented_at is None


def note_file_name(service_day: date, ticket: str) -> str:
    """The saved note's file name: the day and the ticket, never a name or a phone."""
    return f"documentation-{service_day.isoformat()}-{ticket}.txt"
