"""The desk's away key: ask why and mark the worker away, or, when they are away, mark them back.
Keys typed meanwhile wait (`w`, Enter, `c` typed together: away first, then the call ends it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from forms.away import AwayChoice, describe
from forms.i18n import _
from storage.views import AwayNow

if TYPE_CHECKING:
    from tui.app import WalkinApp


def start_away_or_back(app: WalkinApp, then: Callable[[], object]) -> None:
    """The database says whether the worker is away (another desk may have ended it); `then`
    follows a change (the desk reads the board again)."""
    member, session_id = app.worker_on_duty, app.desk_session_id
    if member is None or session_id is None:
        return

    def marked(away: AwayNow) -> None:
        app.notify(_("Away: {what}").format(what=describe(away.reason, away.note, away.since)), timeout=5)
        then()

    def chosen(choice: AwayChoice | None) -> None:
        if choice is not None:
            app.run_db(lambda: app.services.away.start(member.id, session_id, choice), marked, hold_keys=True)

    def back(_ended: bool) -> None:
        app.notify(_("Back at the desk."), timeout=5)
        then()

    def read(current: AwayNow | None) -> None:
        if current is None:
            from tui.dialogs.away import AwayDialog

            app.push_screen(AwayDialog(), chosen)
        else:
            app.run_db(lambda: app.services.away.end(member.id), back, hold_keys=True)

    app.run_db(lambda: app.services.away.current(member.id), read, hold_keys=True)
