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

NOT_SEEN: tuple[VisitStatus, ...] = (VisitStatus.LEFT, VisitStatus.NO_SHOW)
"""Closed without a meeting: left without being seen, or called and never came."""


class QueueStep(StrEnum):
    """A step a worker takes on one visit in the queue."""

    TRIAGE = "triage"
    EDIT_INTAKE = "edit_intake"
    """The intake's details completed or corrected later (the name to call, the callback phone)."""
    CALL = "call"
    CALL_AGAIN = "call_again"
    """A called ticket called once more (the client did not hear): counted, shown again first."""
    START = "start"
    RETURN_TO_QUEUE = "return_to_queue"
    MARK_LEFT = "mark_left"
    MARK_NO_SHOW = "mark_no_show"
    """Called as many times as the profile says (`no_show_due`) and never came."""
    FINISH = "finish"
    PUT_BACK_LEFT = "put_back_left"
    """A visit marked left by mistake goes back to the queue, its arrival (and place) kept."""
    PUT_BACK_FINISHED = "put_back_finished"
    """A visit finished by mistake goes back in the meeting, its outcome undone."""
    PUT_BACK_NO_SHOW = "put_back_no_show"
    """A client recorded as not shown who turns up after all goes back to the queue, in its place."""
    CORRECT_OUTCOME = "correct_outcome"
    """A finished visit's outcome replaced by a corrected one; the visit stays finished."""
    HAND_OVER = "hand_over"
    """Handed to a named colleague (forms.handover): back in the queue, waiting for them."""
    STEP_OUT = "step_out"
    """A waiting client steps out for the profile's minutes: still waiting, in their place, but call
    next passes them by meanwhile (forms.waits.stepped_out)."""
    STEP_BACK = "step_back"
    """A client who stepped out is back (or the desk clears a time that ran out): waiting as before."""


@dataclass(frozen=True)
class Transition:
    """`applies_to`: the statuses a visit may be in for the step; `leads_to`: its status after,
    or None when the step leaves the status as it was (triage)."""

    applies_to: tuple[VisitStatus, ...]
    leads_to: VisitStatus | None


TRANSITIONS: Mapping[QueueStep, Transition] = MappingProxyType({
    QueueStep.TRIAGE: Transition(OPEN, None),
    QueueStep.EDIT_INTAKE: Transition(OPEN, None),
    QueueStep.CALL: Transition((W,), C),
    QueueStep.CALL_AGAIN: Transition((C,), None),
    QueueStep.START: Transition((W, C), S),
    # Left without being seen: from the queue, or called but never came.
    QueueStep.MARK_LEFT: Transition((W, C), VisitStatus.LEFT),
    # Did not show: only a called visit, and only after enough calls (`no_show_due`).
    QueueStep.MARK_NO_SHOW: Transition((C,), VisitStatus.NO_SHOW),
    QueueStep.RETURN_TO_QUEUE: Transition((C, S), W),
    QueueStep.FINISH: Transition((C, S), VisitStatus.FINISHED),
    # Corrections, the same service day only (storage's guard): a wrong `l` or a finish too soon.
    QueueStep.PUT_BACK_LEFT: Transition((VisitStatus.LEFT,), W),
    QueueStep.PUT_BACK_FINISHED: Transition((VisitStatus.FINISHED,), S),
    QueueStep.PUT_BACK_NO_SHOW: Transition((VisitStatus.NO_SHOW,), W),
    QueueStep.CORRECT_OUTCOME: Transition((VisitStatus.FINISHED,), None),
    # A warm handover: from the queue too (the triage says "a coordinator"), or from a call or a
    # meeting; the client then waits for the colleague named.
    QueueStep.HAND_OVER: Transition(OPEN, W),
    # Waiting → waiting: the place (arrival) stays; any step that changes the status ends a step out.
    QueueStep.STEP_OUT: Transition((W,), None),
    QueueStep.STEP_BACK: Transition((W,), None),
})

PUT_BACK: tuple[QueueStep, ...] = (QueueStep.PUT_BACK_LEFT, QueueStep.PUT_BACK_FINISHED,
                                   QueueStep.PUT_BACK_NO_SHOW)
"""The steps that put a closed visit back where it was: one for each way of closing it."""

SAME_DAY: tuple[QueueStep, ...] = (*PUT_BACK, QueueStep.CORRECT_OUTCOME)
"""Corrections of a closed visit: taken on the visit's own service day only (a past day's figures
stay as they were counted)."""


def transition(step: QueueStep | str) -> Transition:
    """The step's row of the table; a step the table does not know is refused (ValueError)."""
    return TRANSITIONS[QueueStep(step)]


def put_back_step(status: VisitStatus) -> QueueStep | None:
    """The step that puts a visit of this status back, or None when it is not closed."""
    return next((step for step in PUT_BACK if allows(step, status)), None)


def allows(step: QueueStep | str, status: VisitStatus, calls: int | None = None,
           calls_before_no_show: int = 1) -> bool:
    """Whether `step` may be taken on a visit that is `status` and was called `calls` times (None:
    not known, only the status is asked); a no-show also needs `no_show_due`."""
    if VisitStatus(status) not in transition(step).applies_to:
        return False
    return QueueStep(step) is not QueueStep.MARK_NO_SHOW or calls is None or no_show_due(
        calls, calls_before_no_show)


def no_show_due(calls: int, calls_before_no_show: int) -> bool:
    """"Did not show" may be recorded once the ticket was called as many times as the profile says."""
    return calls >= calls_before_no_show


def waited_until_called(status: VisitStatus) -> bool:
    """Whether a visit's wait (arrival to first call) counts in "waited until called": not when it
    closed without a meeting (left, or did not show), since no one was seen at the end of it."""
    return VisitStatus(status) not in NOT_SEEN
