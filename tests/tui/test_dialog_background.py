"""A dialog shows the screen it covers through its background, tinted (Textual draws it each time
the dialog is drawn whole): a change on that screen shows at once behind the dialog. A guard for
any cache of that drawing (issue 19: the drawing costs 5–17 ms a key)."""

from __future__ import annotations

from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import FakeClock
from tests.tui.helpers import screen_text, settle, signed_in, until, waiting_on_the_board
from tui.dialogs.confirm import ConfirmDialog, confirm
from tui.screens import DeskScreen


async def test_the_board_behind_a_dialog_shows_the_walk_in_that_came_meanwhile(
        settings: Settings, clock: FakeClock) -> None:
    """The desk's board changes under a question: the question's background shows the change."""
    async with signed_in(settings, clock, (120, 36)) as (pilot, app, services):
        await waiting_on_the_board(pilot, services, "Aino")
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        confirm(app, "?", lambda _yes: None)
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        before = screen_text(app)
        assert "Aino" in before and "Bertta" not in before
        services.desk.admit(IntakeForm(call_name="Bertta"), services.staff.active_members()[0].id)
        desk.refresh_queue()
        await until(pilot, lambda: desk.snapshot is not None and len(desk.snapshot.entries) == 2)
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Bertta" in screen_text(app)
