"""A warm handover to a named colleague: the dialog's validated request, and the queue's rule for a
visit handed to someone (their own handovers first; others pass it by while they are at a desk).

The rule, as "call next" applies it (storage.queue_reads.handover_order and call_next are the same
rule in SQL; a test keeps the two alike):
1. A worker's call next takes the visits handed to them first, in queue order among themselves.
2. Then the common queue in its order (forms.waits), passing by every visit handed to another
   worker who is at work now (signed in at some desk and not marked away): that client waits for
   the colleague they were promised. A visit handed to a worker who is not at work (signed out,
   their desk stopped, or away for lunch) falls back to the common queue at once, in its ordinary
   place: a client is never left waiting for someone who is not here, and no timer is needed to
   say when.
"Call this" (`k`) on a chosen visit still calls it whoever it was handed to: a worker's own
choice is theirs to make (the colleague asked them to, say), and the handover's chain keeps who."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BeforeValidator

from forms.base import FrozenModel
from forms.choices import Urgency
from forms.fields import fail, text
from forms.i18n import _
from forms.waits import QueueRules, queue_key

REASON_LENGTH = 200


def _chosen(value: object) -> object:
    if value is None or value == "":
        raise fail("colleague_missing", _("Choose the colleague to hand the client over to."))
    return value


class HandoverRequest(FrozenModel):
    """Whom the client is handed to, and why (required: the colleague reads it at their desk)."""

    to_staff_id: Annotated[int, BeforeValidator(_chosen)]
    reason: Annotated[str, text(REASON_LENGTH, required=True)]


def callable_by(handed_to: int | None, worker: int, present: frozenset[int]) -> bool:
    """Whether `worker`'s call next may take a waiting visit handed to `handed_to` (None: not
    handed to anyone), `present` being the workers at work now (signed in, not away)."""
    return handed_to is None or handed_to == worker or handed_to not in present


def call_next_key(urgency: Urgency, arrived_at: datetime, visit_id: int, handed_to: int | None,
                  worker: int, now: datetime, rules: QueueRules) -> tuple[int, int, datetime, int]:
    """The sort key of a waiting visit for `worker`'s call next: their own handovers first, then
    the queue's order (forms.waits.queue_key)."""
    return (0 if handed_to == worker else 1, *queue_key(urgency, arrived_at, visit_id, now, rules))
