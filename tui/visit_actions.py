"""The queue actions on one visit, shared by the desk and the visit screen: when each applies,
and how it runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from forms.choices import VisitStatus
from forms.i18n import N_, _

if TYPE_CHECKING:
    from tui.app import WalkinApp

W, C, S = VisitStatus.WAITING, VisitStatus.CALLED, VisitStatus.IN_SESSION

# action name -> (states it applies to, Desk method, message when done)
SIMPLE: dict[str, tuple[tuple[VisitStatus, ...], str, str]] = {
    "call_selected": ((W,), "call", N_("Called {ticket}")),
    "start": ((W, C), "start", N_("Meeting started: {ticket}")),
    "left": ((W, C), "mark_left", N_("{ticket} marked as left without being seen")),
    "requeue": ((C, S), "return_to_queue", N_("{ticket} is back in the queue")),
}
APPLIES: dict[str, tuple[VisitStatus, ...]] = {
    **{name: states for name, (states, _method, _text) in SIMPLE.items()},
    "finish": (C, S),
    "triage": (W, C, S),
    "open_visit": tuple(VisitStatus),
}


def applies(action: str, parameters: tuple[object, ...], status: VisitStatus | None) -> bool | None:
    """For check_action: True, or None to grey the key out. `queue('start')` checks `start`."""
    if action == "queue" and parameters:
        action = str(parameters[0])
    states = APPLIES.get(action)
    if states is None:
        return True
    return True if status is not None and status in states else None


def run_queue_action(app: WalkinApp, action: str, visit_id: int, ticket: str, then: Callable[[], object]) -> None:
    """Run one of SIMPLE on a visit; `then` runs whether it worked or another desk got there first."""
    _states, method, done_text = SIMPLE[action]
    operation = getattr(app.services.desk, method)
    staff_id = app.staff_id

    def done(_none: None) -> None:
        app.notify(_(done_text).format(ticket=ticket), timeout=4)
        then()

    app.run_db(lambda: operation(visit_id, staff_id), done, lambda _message: then())
