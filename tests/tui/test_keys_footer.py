"""The footer follows the keys that apply, and is not built again when they are the same (a key
greyed or live again is changed in place)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from forms.i18n import _, set_language
from forms.intake import IntakeForm
from forms.settings import Settings
from storage.services import Services
from tests.conftest import FakeClock
from tests.tui.helpers import settle, signed_in, until, waiting_on_the_board
from tui.widgets import QueueBoard
from tui.widgets.keys_footer import KeysFooter


def footer_keys(app: object) -> list[FooterKey]:
    return list(app.screen.query_one(KeysFooter).query(FooterKey))  # type: ignore[attr-defined]


def open_shown(app: object) -> bool:
    return any(key.key == "enter" and not key.has_class("-disabled") for key in footer_keys(app))


async def test_the_footer_is_kept_while_its_keys_stay_and_follows_when_they_change(
    settings: Settings, clock: FakeClock
) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        kaisa = services.staff.find("kaisa")
        assert kaisa is not None
        visits = [services.desk.admit(IntakeForm(call_name=name), kaisa.id) for name in ("Aino", "Eino", "Ilmari")]
        board = app.screen.query_one(QueueBoard)
        await until(pilot, lambda: board.row_count == 3)
        board.move_cursor(row=1)
        await settle(pilot)
        assert open_shown(app)
        shown = footer_keys(app)
        board.move_cursor(row=2)  # another client waiting: the same keys apply
        await settle(pilot)
        assert board.cursor_row == 2
        assert all(a is b for a, b in zip(footer_keys(app), shown, strict=True)), \
            "the footer was built again for the same keys"
        for visit in visits:  # all gone: no row to open, the footer follows, ⏎ greyed in place
            services.desk.mark_left(visit.id, kaisa.id)
        await until(pilot, lambda: board.row_count == 0)
        await settle(pilot)
        assert not open_shown(app)
        assert all(a is b for a, b in zip(footer_keys(app), shown, strict=True)), \
            "the footer was built again for the same keys, only one of them greyed now"


async def test_a_covered_screens_footer_is_not_built_again(settings: Settings, clock: FakeClock) -> None:
    """Textual refreshes the desk's keys as the lock covers it and again as it comes back: its
    footer, which nobody sees meanwhile, is not built while covered, and shows its keys when back."""
    async with signed_in(settings, clock) as (pilot, app, _services):
        desk = app.screen
        shown = footer_keys(app)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.screen is not desk
        assert list(desk.query_one(KeysFooter).query(FooterKey)) == shown  # not built while covered
        await pilot.press(*"4826", "enter")
        await settle(pilot)
        assert app.screen is desk
        await settle(pilot)
        footer = desk.query_one(KeysFooter)
        assert footer._composed == footer._keys_shown()  # the keys that apply now, wherever focus came back


async def aino_on_the_focused_board(pilot: Pilot[None], services: Services) -> None:
    """Someone waiting, so every desk key applies, with the board focused (as it is at the desk)."""
    await waiting_on_the_board(pilot, services, "Aino")
    pilot.app.screen.query_one(QueueBoard).focus()
    await settle(pilot)


async def test_enter_to_open_shows_while_the_board_has_the_focus(settings: Settings, clock: FakeClock) -> None:
    """The table's own Enter (hidden) would hide the desk's "⏎ Open" whenever the board is focused,
    which is whenever anyone waits: a new worker would not know Enter opens the visit."""
    from tui.screens import VisitScreen

    async with signed_in(settings, clock) as (pilot, app, services):
        await aino_on_the_focused_board(pilot, services)
        opened = [key for key in footer_keys(app) if key.key == "enter"]
        assert opened and not opened[0].has_class("-disabled")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, VisitScreen)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
async def test_the_desks_footer_fits_120_columns_whole(settings: Settings, clock: FakeClock, language: str) -> None:
    """With someone waiting every key the desk shows applies; the last one (sign out) is not cut."""
    set_language(language)  # as the command does; the suite's fixture puts Finnish back
    async with signed_in(settings.model_copy(update={"language": language}), clock) as (pilot, app, services):
        assert app.screen.query_one(KeysFooter).query(FooterKey).last().description == _("Sign out")
        await aino_on_the_focused_board(pilot, services)
        shown = footer_keys(app)
        assert [key.key for key in shown][-1] == "x"
        assert shown[-1].region.right <= app.size.width == 120


async def test_keys_that_come_alive_or_grey_out_are_lit_or_dimmed_in_place(
    settings: Settings, clock: FakeClock
) -> None:
    """`s` on the visit: the same keys, `s` greyed now (clicking it only rings the bell) and `b`
    still greyed; the footer's keys are the ones it had, each showing whether it applies."""
    from tui.screens import VisitScreen

    async with signed_in(settings, clock) as (pilot, app, services):
        kaisa = services.staff.find("kaisa")
        assert kaisa is not None
        services.desk.admit(IntakeForm(call_name="Aino"), kaisa.id)
        await until(pilot, lambda: app.screen.query_one(QueueBoard).row_count == 1)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, VisitScreen)
        shown = footer_keys(app)
        live = {key.key: not key.has_class("-disabled") for key in shown}
        assert live["s"] and live["a"] and not live["b"]
        await pilot.press("s")
        await settle(pilot)
        await until(pilot, lambda: app.screen.detail is not None and app.screen.detail.started_at is not None)
        await settle(pilot)
        assert all(a is b for a, b in zip(footer_keys(app), shown, strict=True)), "built again for the same keys"
        expected = {binding.key: enabled for _node, binding, enabled, _tip in app.screen.active_bindings.values()
                    if binding.show}
        assert {key.key: not key.has_class("-disabled") for key in shown} == expected
        assert {key.key: not key._disabled for key in shown} == expected
        assert not expected["s"] and expected["f"]


async def test_the_visits_footer_shows_the_kit_at_120_columns(settings: Settings, clock: FakeClock) -> None:
    """The visit's keys do not all fit: the kit (printed in nearly every meeting) is among those
    shown whole, the rarer ones (put back, correct the outcome) in F1 and the palette."""
    from tui.screens import VisitScreen

    async with signed_in(settings, clock) as (pilot, app, services):
        await waiting_on_the_board(pilot, services, "Aino")
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, VisitScreen)
        kit = [key for key in footer_keys(app) if key.key == "p"]
        assert kit and kit[0].region.width and kit[0].region.right <= app.size.width == 120
