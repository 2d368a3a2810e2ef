"""A dialog shows the screen it covers through its background, tinted (drawn each time the dialog
is drawn whole): a change on that screen shows at once behind the dialog, and the dialog draws it
as Textual's own BackgroundScreen does, from the covered screen's strips (tui.covered, issue 19).
A guard for any cache of that drawing."""

from __future__ import annotations

import pytest
from textual._context import visible_screen_stack
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import Screen
from textual.strip import Strip
from textual.visual import Visual, visualize

from forms.choices import Urgency
from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import FakeClock
from tests.tui.helpers import screen_text, settle, signed_in, until, waiting_on_the_board
from tui.covered import Covered
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


@pytest.mark.parametrize("high_contrast", [False, True])
async def test_a_dialog_draws_the_desk_it_covers_as_textual_does(
        settings: Settings, clock: FakeClock, high_contrast: bool) -> None:
    """Cell for cell, style for style: the board with an acute and a soon walk-in (styles of their
    own), its cursor, the counters and the header, in the default theme and in high contrast."""
    async with signed_in(settings, clock, (120, 36)) as (pilot, app, services):
        entries = await waiting_on_the_board(pilot, services, "Aino", "Bertta", "Cecilia")
        worker = services.staff.active_members()[0].id
        services.desk.record_triage(entries[1].id, {}, Urgency.ACUTE, [], worker)
        services.desk.record_triage(entries[2].id, {}, Urgency.SOON, [], worker)
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        desk.refresh_queue()
        await settle(pilot)
        if high_contrast:
            app.action_high_contrast()
            await settle(pilot)
        confirm(app, "?", lambda _yes: None)
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)

        def drawn(rendered: object) -> list[list[object]]:
            width, height = dialog.size
            strips = Visual.to_strips(dialog, visualize(dialog, rendered), width, height, dialog.visual_style)
            return [list(Strip.join([strip]).simplify()) for strip in strips]

        visible_screen_stack.set(app._background_screens)
        ours = dialog.render()
        assert isinstance(ours, Covered)
        visible_screen_stack.set(app._background_screens)
        textuals = Screen.render(dialog)
        assert isinstance(textuals, BackgroundScreen)
        assert drawn(ours) == drawn(textuals)
        shown = "".join(segment.text for line in drawn(ours) for segment in line)  # type: ignore[attr-defined]
        assert all(name in shown for name in ("Aino", "Bertta", "Cecilia"))
