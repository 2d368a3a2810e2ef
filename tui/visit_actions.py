"""The queue actions on one visit, shared by the desk and the visit screen: when each applies,
and how it runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from forms.choices import VisitStatus
from forms.i18n import N_, _
from forms.transitions import QueueStep, allows, put_back_step
from forms.waits import stepped_out

if TYPE_CHECKING:
    from datetime import datetime

    from forms.waits import QueueRules
    from storage.views import QueueEntry
    from tui.app import WalkinApp

# action name -> (queue step, Desk method, message when done)
SIMPLE: dict[str, tuple[QueueStep, str, str]] = {
    "call_selected": (QueueStep.CALL, "call", N_("Called {ticket}")),
    "call_again": (QueueStep.CALL_AGAIN, "call_again", N_("Called {ticket} again")),
    "start": (QueueStep.START, "start", N_("Meeting started: {ticket}")),
    "left": (QueueStep.MARK_LEFT, "mark_left", N_("{ticket} marked as left without being seen")),
    "no_show": (QueueStep.MARK_NO_SHOW, "mark_no_show", N_("{ticket} did not show")),
    "requeue": (QueueStep.RETURN_TO_QUEUE, "return_to_queue", N_("{ticket} is back in the queue")),
    "step_out": (QueueStep.STEP_OUT, "step_out", N_("{ticket} stepped out: their place is kept, call next passes "
                                                    "them by meanwhile")),
    "step_back": (QueueStep.STEP_BACK, "step_back", N_("{ticket} is back, in their place")),
}
# action name -> the queue step whose rule (forms.transitions) decides when its key is live
STEPS: dict[str, QueueStep] = {
    **{name: step for name, (step, _method, _text) in SIMPLE.items()},
    "finish": QueueStep.FINISH,
    "triage": QueueStep.TRIAGE,
    "edit_intake": QueueStep.EDIT_INTAKE,
    "correct_outcome": QueueStep.CORRECT_OUTCOME,
    "hand_over": QueueStep.HAND_OVER,
}
CONFIRM: dict[str, str] = {
    "left": N_("Mark {ticket} as left without being seen? They leave today's queue."),
}
"""Actions asked first: one wrong key (`l` sits beside `k`) would take a client out of the queue."""
PUT_BACK_DONE = {
    QueueStep.PUT_BACK_LEFT: N_("{ticket} is back in the queue, in its place"),
    QueueStep.PUT_BACK_FINISHED: N_("{ticket} is back in the meeting: finish it again with f"),
    QueueStep.PUT_BACK_NO_SHOW: N_("{ticket} is back in the queue, in its place"),
}
ANY_VISIT = frozenset({"open_visit"})
"""Actions that need a visit, whatever its status."""


def applies(action: str, parameters: tuple[object, ...], status: VisitStatus | None,
            calls: int | None = None, calls_before_no_show: int = 1) -> bool | None:
    """For check_action: True, or None to grey the key out. `queue('start')` checks `start`;
    "did not show" also needs the visit's `calls` to reach the profile's number."""
    if action == "queue" and parameters:
        action = str(parameters[0])
    if action == "put_back":  # one key for either put-back: the one for the visit's status
        return None if status is None or put_back_step(status) is None else True
    step = STEPS.get(action)
    if step is None and action not in ANY_VISIT:
        return True
    if status is None:
        return None
    return True if step is None or allows(step, status, calls, calls_before_no_show) else None


def entry_applies(action: str, parameters: tuple[object, ...], entry: QueueEntry | None,
                  rules: QueueRules, now: datetime) -> bool | None:
    """`applies` for the visit a screen shows: its status, its calls against the profile's number
    for "did not show", "back" only for a client who stepped out, and no second step out while
    they are out."""
    if entry is None:
        return applies(action, parameters, None)
    name = str(parameters[0]) if action == "queue" and parameters else action
    if name == "step_back" and entry.stepped_out_until is None:
        return None
    if name == "step_out" and stepped_out(entry.stepped_out_until, now):
        return None
    return applies(action, parameters, entry.status, entry.calls, rules.calls_before_no_show)


class KeysHeldUntilShown:
    """A screen mixin: keys typed after a queue step wait until the screen shows what the step
    changed (`a a d` typed together finds `d` live after the third call, not greyed after the
    first). Any read that lands after the step releases them, whichever of several it is (a newer
    read cancels an older one before it runs); leaving the screen releases them too."""

    app: WalkinApp
    _keys_release: Callable[[], None] | None = None

    def hold_keys_until_shown(self) -> None:
        self.keys_shown()
        self._keys_release = self.app.key_gate.hold(escapable=True)

    def keys_shown(self) -> None:
        release, self._keys_release = self._keys_release, None
        if release is not None:
            release()

    def on_screen_suspend(self) -> None:
        self.keys_shown()

    def on_unmount(self) -> None:
        self.keys_shown()


def run_queue_action(app: WalkinApp, action: str, visit_id: int, ticket: str, then: Callable[[], object]) -> None:
    """Run one of SIMPLE on a visit, asked first if it is in CONFIRM; `then` runs whether it
    worked, was cancelled or another desk got there first."""
    from tui.dialogs.confirm import confirm

    _step, method, done_text = SIMPLE[action]
    operation = getattr(app.services.desk, method)
    staff_id = app.staff_id

    def done(_none: None) -> None:
        app.notify(_(done_text).format(ticket=ticket), timeout=4)
        then()

    def answered(yes: bool | None) -> None:
        if yes:
            # Keys typed meanwhile wait for the step (and, with KeysHeldUntilShown, its result).
            app.run_db(lambda: operation(visit_id, staff_id), done, lambda _message: then(), hold_keys=True)
        else:
            then()

    if action in CONFIRM:
        confirm(app, _(CONFIRM[action]).format(ticket=ticket), answered)
    else:
        answered(True)


def put_back(app: WalkinApp, visit_id: int, ticket: str, status: VisitStatus, then: Callable[[], object]) -> None:
    """Put a visit closed by mistake back (left: to the queue; finished: in the meeting)."""
    step = put_back_step(status)
    if step is None:
        return
    staff_id = app.staff_id

    def done(_none: None) -> None:
        app.notify(_(PUT_BACK_DONE[step]).format(ticket=ticket), timeout=6)
        then()

    app.run_db(lambda: app.services.desk.put_back(visit_id, staff_id, step), done, lambda _message: then())
