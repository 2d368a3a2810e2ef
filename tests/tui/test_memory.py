"""A desk runs all day: every screen and dialog it closes is released, with all its widgets (judged
with weak references after a collection, not by time or size)."""

from __future__ import annotations

import gc
import importlib
import pkgutil
import weakref
from collections import Counter

from textual._context import active_message_pump
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.widgets import Header as TextualHeader
from textual.widgets import Input

import tui.screens
from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import PIN, FakeClock
from tests.tui.helpers import keys, signed_in
from tui.app import WalkinApp
from tui.dialogs.finish import FinishDialog
from tui.screens import DeskScreen
from tui.screens.triage import TriageScreen
from tui.widgets.header import Header


def _kept(app: WalkinApp) -> list[weakref.ref[DOMNode]]:
    """Weak references to the screen on show and every widget in it."""
    return [weakref.ref(node) for node in (app.screen, *app.screen.walk_children(with_self=False))]


def _still_alive(refs: list[weakref.ref[DOMNode]]) -> Counter[str]:
    """What is left of them after a collection. Cancelled timers are left in asyncio's schedule as
    they are: one stopped early stays there until its time comes, with the context it was started
    in (the key gate's 30-second hold kept the screen that held the keys that long)."""
    gc.collect()
    return Counter(type(node).__name__ for ref in refs if (node := ref()) is not None)


async def _left_behind(pilot: Pilot[None], refs: list[weakref.ref[DOMNode]]) -> Counter[str]:
    """What is still alive once the work in flight has ended (within 5 s): a database step a
    closed screen started holds it until its answer lands (a busy machine's test worker is slow to
    get there), which is not a leak; a leak stays."""
    for _ in range(50):
        if not (left := _still_alive(refs)):
            break
        await pilot.pause(0.1)
    return left


async def _open_and_close(pilot: Pilot[None], app: WalkinApp, opening: tuple[str, ...],
                          closing: tuple[str, ...]) -> list[weakref.ref[DOMNode]]:
    await keys(pilot, *opening)
    assert not isinstance(app.screen, DeskScreen), opening
    # A screen the app keeps (tui.reuse: the lock screen) stays by design, renewed for each use.
    refs = [] if app.is_screen_installed(app.screen) else _kept(app)
    await keys(pilot, *closing)
    assert isinstance(app.screen, DeskScreen), (opening, app.screen)
    return refs


async def test_screens_closed_at_the_desk_leave_nothing_behind(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        services.desk.admit(IntakeForm(call_name="Aino"), services.staff.find("kaisa").id)  # type: ignore[union-attr]
        refs: list[weakref.ref[DOMNode]] = []
        summaries = []
        for _round in range(2):
            await keys(pilot, "y")  # the summary is kept (tui.reuse): the next use is the same screen
            summaries.append(app.screen)
            await keys(pilot, "escape")
            for opening, closing in ((("v",), ("escape",)),          # today's visits
                                     (("o",), ("escape",)),          # follow-ups
                                     (("f1",), ("escape",)),         # help
                                     (("ctrl+l",), (*PIN, "enter"))):  # locked and unlocked
                refs += await _open_and_close(pilot, app, opening, closing)
        assert not await _left_behind(pilot, refs)
        assert summaries[0] is summaries[1]
        # The visit on the board opens the app's kept visit screen (tui.reuse): the same each time.
        visit = await _open_and_close(pilot, app, ("enter",), ("escape",))
        again = await _open_and_close(pilot, app, ("enter",), ("escape",))
        assert [ref() for ref in again] == [ref() for ref in visit], "the visit screen was built again"
        # Signed out and in again: the desk, the day's summary on the way and the sign-in screen
        # are kept (renewed for the next worker); what the desk dropped meanwhile goes.
        desk = app.screen
        refs = _kept(app)
        await keys(pilot, "x")
        assert app.screen is summaries[0]
        await keys(pilot, "escape")
        await keys(pilot, *"kaisa", "enter", *PIN, "enter")
        assert app.screen is desk and app.worker_on_duty is not None
        now = {id(node) for node in desk.walk_children(with_self=True)}
        dropped = [ref for ref in refs if ref() is not None and id(ref()) not in now]
        assert not await _left_behind(pilot, dropped)


class _Screen:
    """Stands for the screen on show when a hold is made (what Textual's context names)."""


async def test_a_released_key_hold_keeps_nothing_of_the_screen_it_was_made_on(
        settings: Settings, clock: FakeClock) -> None:
    """The key gate's hold has a 30-second timeout; released at once, the timeout stays in
    asyncio's schedule, cancelled, until its time, with the context it was made in. That context
    must not be the screen's: each screen that held the keys lived on for 30 s after it closed."""
    async with signed_in(settings, clock) as (_pilot, app, _services):
        screen = _Screen()
        on_show = active_message_pump.set(screen)  # type: ignore[arg-type]
        release = app.key_gate.hold()
        active_message_pump.reset(on_show)
        release()
        gone = weakref.ref(screen)
        del screen
        gc.collect()
        assert gone() is None


def test_every_screen_uses_the_header_that_lets_go() -> None:
    """Textual's own Header stays in memory after its screen closed (tui.widgets.header)."""
    textual_header = []
    for module in pkgutil.iter_modules(tui.screens.__path__, "tui.screens."):
        header = getattr(importlib.import_module(module.name), "Header", None)
        if isinstance(header, type) and issubclass(header, TextualHeader) and not issubclass(header, Header):
            textual_header.append(module.name)
    assert not textual_header


async def _walk_a_visit(pilot: Pilot[None], app: WalkinApp, name: str) -> list[DOMNode]:
    """Admitted with `name` typed, triaged, called, started, its kit rendered and finished (the
    leak bench's round): the intake, triage and finish screens it was shown, in that order."""
    shown: list[DOMNode] = []
    await keys(pilot, "n", *name)
    shown.append(app.screen)
    await keys(pilot, "enter")                      # to triage
    assert isinstance(app.screen, TriageScreen), app.screen
    shown.append(app.screen)
    await keys(pilot, "n", "f2")                    # one answer, saved: the desk again
    assert isinstance(app.screen, DeskScreen), app.screen
    await keys(pilot, "c", "s", "p")                # called, started, the kit rendered
    await keys(pilot, "f")
    assert isinstance(app.screen, FinishDialog), app.screen
    shown.append(app.screen)
    await keys(pilot, "f2", "enter", "o", "n")      # finished: its question, feedback, no memo
    assert isinstance(app.screen, DeskScreen), app.screen
    return shown


async def test_a_visit_walked_through_leaves_nothing_of_it_behind(settings: Settings, clock: FakeClock) -> None:
    """The intake, triage and finish forms are kept and filled in anew for each client
    (tui.reuse): the next visit is shown the same screens, and whatever else the first visit's
    screens held, the validated intake form with the name too, is freed once the desk is back."""
    async with signed_in(settings, clock) as (pilot, app, _services):
        first = await _walk_a_visit(pilot, app, "Aino")
        refs = [weakref.ref(node) for screen in first for node in (screen, *screen.walk_children())]
        shown_first = [id(screen) for screen in first]
        del first
        second = await _walk_a_visit(pilot, app, "Eero")
        kept = {id(node) for screen in second for node in (screen, *screen.walk_children())}
        assert [id(screen) for screen in second] == shown_first, "the next client was shown new screens"
        assert not await _left_behind(pilot, [ref for ref in refs if id(ref()) not in kept])
        assert not [o for o in gc.get_objects() if isinstance(o, IntakeForm) and o.call_name in ("Aino", "Eero")]
        intake = second[0]
        assert "Aino" not in [field.value for field in intake.query(Input)]  # type: ignore[attr-defined]
