"""The queue's state machine, written once: which step applies to which visit status, and where
it leads. Storage's guards and the screens' greyed-out keys both read this table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from forms.choices import VisitStatus

W, C, S = VisitStatus.WAITING, VisitStatus.CALLED, VisitStatus.IN_MEETING

OPEN: tuple[VisitStatus, ...] = (W, C, S)
"""Visits still in the queue or in a meeting: not finished, not left."""


class QueueStep(StrEnum):
    """A step a worker takes on one visit in the queue."""

    TRIAGE = "triage"
    CALL = "call"
    START = "start"
    RETURN_TO_QUEUE = "return_to_queue"
    MARK_LEFT = "mark_left"
    FINISH = "finish"


@dataclass(frozen=True)
class Transition:
    """`applies_to`: the statuses a visit may be in for the step; `leads_to`: its status after,
    or None when the step leaves the status as it was (triage)."""

    applies_to: tuple[VisitStatus, ...]
    leads_to: VisitStatus | None


TRANSITIONS: Mapping[QueueStep, Transition] = MappingProxyType({
    QueueStep.TRIAGE: Transition(OPEN, None),
    QueueStep.CALL: Transition((W,), C),
    QueueStep.START: Transition((W, C), S),
    # Left without being seen: from the queue, or called but never came.
    QueueStep.MARK_LEFT: Transition((W, C), VisitStatus.LEFT),
    QueueStep.RETURN_TO_QUEUE: Transition((C, S), W),
    QueueStep.FINISH: Transition((C, S), VisitStatus.FINISHED),
})


def transition(step: QueueStep | str) -> Transition:
    """The step's row of the table; a step the table does not know is refused (ValueError)."""
    return TRANSITIONS[QueueStep(step)]


def allows(step: QueueStep | str, status: VisitStatus) -> bool:
    """Whether `step` may be taken on a visit that is `status`."""
    return VisitStatus(status) in transition(step).applies_to
