"""The queue actions on one visit, shared by the desk and the visit screen: when each applies,
and how it runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from forms.choices import VisitStatus
from forms.i18n import N_, _
from forms.transitions import QueueStep, allows

if TYPE_CHECKING:
    from tui.app import WalkinApp

# action name -> (queue step, Desk method, message when done)
SIMPLE: dict[str, tuple[QueueStep, str, str]] = {
    "call_selected": (QueueStep.CALL, "call", N_("Called {ticket}")),
    "start": (QueueStep.START, "start", N_("Meeting started: {ticket}")),
    "left": (QueueStep.MARK_LEFT, "mark_left", N_("{ticket} marked as left without being seen")),
    "requeue": (QueueStep.RETURN_TO_QUEUE, "return_to_queue", N_("{ticket} is back in the queue")),
}
# action name -> the queue step whose rule (forms.transitions) decides when its key is live
STEPS: dict[str, QueueStep] = {
    **{name: step for name, (step, _method, _text) in SIMPLE.items()},
    "finish": QueueStep.FINISH,
    "triage": QueueStep.TRIAGE,
}
ANY_VISIT = frozenset({"open_visit"})
"""Actions that need a visit, whatever its status."""


def applies(action: str, parameters: tuple[object, ...], status: VisitStatus | None) -> bool | None:
    """For check_action: True, or None to grey the key out. `queue('start')` checks `start`."""
    if action == "queue" and parameters:
        action = str(parameters[0])
    step = STEPS.get(action)
    if step is None and action not in ANY_VISIT:
        return True
    if status is None:
        return None
    return True if step is None or allows(step, status) else None


def run_queue_action(app: WalkinApp, action: str, visit_id: int, ticket: str, then: Callable[[], object]) -> None:
    """Run one of SIMPLE on a visit; `then` runs whether it worked or another desk got there first."""
    _step, method, done_text = SIMPLE[action]
    operation = getattr(app.services.desk, method)
    staff_id = app.staff_id

    def done(_none: None) -> None:
        app.notify(_(done_text).format(ticket=ticket), timeout=4)
        then()

    app.run_db(lambda: operation(visit_id, staff_id), done, lambda _message: then())
