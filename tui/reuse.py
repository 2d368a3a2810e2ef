"""Heavy screens built once and filled anew for each client: Textual takes 200–400 ms of CPU to
build a form (compose, CSS for each node, layout, drawing) on a desk machine, filling one in a few."""

from __future__ import annotations

import contextvars
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events
from textual._context import active_app, active_message_pump
from textual.containers import ScrollableContainer
from textual.widgets import Input, Select, SelectionList
from textual.widgets.select import InvalidSelectValueError

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.widget import Widget

S = TypeVar("S", bound="Screen[Any]")

FILLING_SENDS_NOTHING = (Input.Changed, Select.Changed, SelectionList.SelectedChanged,
                         SelectionList.SelectionToggled)
"""Filling a form in for a use is no change the worker made: no draft is saved for it, and no
triage answer is taken from it."""


class Kept:
    """Mixed into a screen the app keeps (before Textual's Screen). Textual styles every node of a
    screen again each time it is shown, for a stylesheet that may have changed meanwhile: 40 % of
    showing a kept intake form. A node's own changes (classes, focus) restyle it when they happen,
    so a kept screen is styled again only when the app's stylesheet or the app's own classes are no
    longer what it was styled with (another screen's CSS loaded, a theme changed, the larger-text
    layout turned on: a class of the app that the rules select on).

    A kept dialog also draws the screens it covers in its own first frame: Textual marks the
    screen it covers to be drawn again (for nothing: covering it changes nothing on it), and that
    came a frame later and drew the dialog, with every screen under it, a second time."""

    app: App[Any]
    _styled_with: tuple[object, frozenset[str]] | None = None

    def _on_mount(self, _event: events.Mount) -> None:
        # Textual makes a widget's scrollbars when a layout first shows them, each with a task that
        # keeps the context it was made in for good: made while the screen is drawn, that context
        # holds the screens behind it (Textual's visible_screen_stack), and the kept summary kept
        # the first desk of the day, with its board, after its worker had signed out. Made now
        # instead, in a context of their own.
        context = contextvars.Context()
        context.run(active_app.set, self.app)
        context.run(active_message_pump.set, self)  # type: ignore[arg-type]
        for widget in self.query(ScrollableContainer):  # type: ignore[attr-defined]
            context.run(lambda w=widget: (w.vertical_scrollbar, w.horizontal_scrollbar))

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual calls each class's own handler in turn, this one first: it only decides.
        rules, classes = self.app.stylesheet.rules, self.app.classes
        if self._styled_with and self._styled_with[0] is rules and self._styled_with[1] == classes:
            event.refresh_styles = False
        self._styled_with = (rules, classes)
        # The covered screen's refresh emptied its cache already: this screen's first frame, which
        # draws what shows through its background, draws it anew; only the second frame goes.
        # Changes on a covered screen (its widgets' own refreshes) still draw it.
        for covered in self.app._background_screens:
            covered._repaint_required = False


def kept(app: App[Any], kind: type[S]) -> S:
    """The app's one screen of `kind` (built empty on first use, kept when it closes), or a new one
    while the kept one is in use: the caller fills it in for this use before showing it."""
    name = f"kept:{kind.__module__}.{kind.__qualname__}"
    if not app.is_screen_installed(name):
        screen = kind()
        app.install_screen(screen, name)
        return screen
    screen = app.get_screen(name)
    in_use = any(screen in stack for stack in app._screen_stacks.values())
    return kind() if in_use else screen  # type: ignore[return-value]


def put_back(input_: Input, value: str) -> None:
    """An input as new with `value`: the cursor after it, nothing selected, scrolled to its start."""
    input_.value = value
    input_.cursor_position = len(value)
    input_.scroll_to(x=0, animate=False, immediate=True)


def choose(select: Select[Any], value: Any) -> None:
    """A list closed, showing `value`; the prompt for Select.NULL or a value it does not offer
    (a choice the profile no longer lists, in an old draft)."""
    select.expanded = False
    try:
        select.value = value
    except InvalidSelectValueError:
        select.clear()


def mark(selection: SelectionList[Any], chosen: Iterable[Any]) -> None:
    """A selection list with just `chosen` marked (in the list's order, as when built with them),
    its first row highlighted."""
    wanted = set(chosen)
    if set(selection.selected) != wanted:
        selection.deselect_all()
        for index in range(selection.option_count):
            if (value := selection.get_option_at_index(index).value) in wanted:
                selection.select(value)
    selection.highlighted = 0 if selection.option_count else None
    selection.scroll_to(y=0, animate=False, immediate=True)


def focus_first(screen: Screen[Any], widget: Widget) -> None:
    """The screen shown again at its top with `widget` focused, whatever had the focus last time."""
    target = widget if widget.focusable else next((w for w in widget.query("*") if w.focusable), widget)
    screen.set_focus(target, scroll_visible=False)
