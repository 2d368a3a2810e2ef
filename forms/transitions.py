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
    EDIT_INTAKE = "edit_intake"
    """The intake's details completed or corrected later (the name to call, the callback phone)."""
    CALL = "call"
    START = "start"
    RETURN_TO_QUEUE = "return_to_queue"
    MARK_LEFT = "mark_left"
    FINISH = "finish"
    PUT_BACK_LEFT = "put_back_left"
    """A visit marked left by mistake goes back to the queue, its arrival (and place) kept."""
    PUT_BACK_FINISHED = "put_back_finished"
    """A visit finished by mistake goes back in the meeting, its outcome undone."""
    CORRECT_OUTCOME = "correct_outcome"
    """A finished visit's outcome replaced by a corrected one; the visit stays finished."""


@dataclass(frozen=True)
class Transition:
    """`applies_to`: the statuses a visit may be in for the step; `leads_to`: its status after,
    or None when the step leaves the status as it was (triage)."""

    applies_to: tuple[VisitStatus, ...]
    leads_to: VisitStatus | None


SAME_DAY: tuple[QueueStep, ...] = (QueueStep.PUT_BACK_LEFT, QueueStep.PUT_BACK_FINISHED, QueueStep.CORRECT_OUTCOME)
"""Corrections of a closed visit: taken on the visit's own service day only (a past day's figures
stay as they were counted)."""

TRANSITIONS: Mapping[QueueStep, Transition] = MappingProxyType({
    QueueStep.TRIAGE: Transition(OPEN, None),
    QueueStep.EDIT_INTAKE: Transition(OPEN, None),
    QueueStep.CALL: Transition((W,), C),
    QueueStep.START: Transition((W, C), S),
    # Left without being seen: from the queue, or called but never came.
    QueueStep.MARK_LEFT: Transition((W, C), VisitStatus.LEFT),
    QueueStep.RETURN_TO_QUEUE: Transition((C, S), W),
    QueueStep.FINISH: Transition((C, S), VisitStatus.FINISHED),
    # Corrections, the same service day only (storage's guard): a wrong `l` or a finish too soon.
    QueueStep.PUT_BACK_LEFT: Transition((VisitStatus.LEFT,), W),
    QueueStep.PUT_BACK_FINISHED: Transition((VisitStatus.FINISHED,), S),
    QueueStep.CORRECT_OUTCOME: Transition((VisitStatus.FINISHED,), None),
})

PUT_BACK: tuple[QueueStep, ...] = (QueueStep.PUT_BACK_LEFT, QueueStep.PUT_BACK_FINISHED)
"""The steps that put a closed visit back where it was: one for each way of closing it."""


def transition(step: QueueStep | str) -> Transition:
    """The step's row of the table; a step the table does not know is refused (ValueError)."""
    return TRANSITIONS[QueueStep(step)]


def put_back_step(status: VisitStatus) -> QueueStep | None:
    """The step that puts a visit of this status back, or None when it is not closed."""
    return next((step for step in PUT_BACK if allows(step, status)), None)


def allows(step: QueueStep | str, status: VisitStatus) -> bool:
    """Whether `step` may be taken on a visit that is `status`."""
    return VisitStatus(status) in transition(step).applies_to
