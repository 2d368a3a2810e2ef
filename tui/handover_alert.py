"""The app's reading of the visits handed to the worker on duty: read whenever the queue changes
(at any desk), the bell for a visit not handed before, and every screen told."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.messages import HandoversChanged

if TYPE_CHECKING:
    from storage.views import HandedOver
    from tui.app import WalkinApp


def read_handovers(app: WalkinApp) -> None:
    """Read them in the app's own exclusive worker: a newer read cancels an older one, whose late
    answer (a handover already called) is dropped."""
    member = app.worker_on_duty
    if member is None:
        return
    app.run_db(lambda: app.services.desk.handed_to(member.id), lambda handed: handovers_read(app, member.id, handed),
               quiet=True, owner=app, group="handovers")


def handovers_read(app: WalkinApp, staff_id: int, handed: tuple[HandedOver, ...]) -> None:
    """The handovers read for `staff_id` on show, the bell for one not seen before."""
    member = app.worker_on_duty
    if member is None or member.id != staff_id:
        return  # signed out, or another worker signed in, meanwhile
    before = {h.entry.id for h in app.handovers_to_me}
    app.handovers_to_me = handed
    if any(h.entry.id not in before for h in handed):
        app.bell()
    for screen in app.screen_stack:
        screen.post_message(HandoversChanged())
