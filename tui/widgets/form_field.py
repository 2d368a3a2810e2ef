"""A labelled form control with its validation message right beneath it; label, options and
message wrap on a narrow terminal instead of being cut, a message is scrolled into view, and
notifications keep off the field being typed in."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, SelectionList, Static


class FormField(Vertical):
    """`FormField(_("Name"), Input(...), name="call_name")`: `name` is the model field."""

    DEFAULT_CSS = """
    FormField { height: auto; margin-bottom: 0; }
    FormField > .field-label { color: $text-muted; width: 100%; }
    FormField > SelectionList { text-wrap: wrap; }
    FormField > .field-error { color: $text-error; width: 100%; height: auto; display: none; }
    FormField.-invalid > .field-error { display: block; }
    FormField.-invalid > Input { border: tall $error; }
    """

    def __init__(self, label: str, control: Widget, name: str) -> None:
        super().__init__(name=name, id=f"field-{name}")
        self.label = label
        self.control = control
        if isinstance(control, Input):
            # Focus comes back here after a validation error: the first key must not wipe
            # what the worker typed, so the text is never selected on focus.
            control.select_on_focus = False

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label", markup=False)
        yield self.control
        yield Static("", classes="field-error", markup=False)

    @property
    def value(self) -> object:
        control = self.control
        if isinstance(control, Select):
            return None if control.value is Select.NULL else control.value
        if isinstance(control, Input):
            return control.value
        if isinstance(control, SelectionList):
            return list(control.selected)
        raise TypeError(type(control))

    def on_resize(self) -> None:
        # A new message makes the field taller only in a layout after show_errors: the field being
        # typed in is brought into view whole here, or its message could sit just out of sight.
        if self.has_class("-invalid") and self.control.has_focus:
            self.scroll_visible(animate=False)
            self.call_after_refresh(keep_toasts_clear, self.screen)

    def show_error(self, message: str | None) -> None:
        error, text = self.query_one(".field-error", Static), f"⚠ {message}" if message else ""
        # Only a change: each update lays the whole form out again, and a form under a dialog
        # (F2's question) draws the dialog again with it.
        if error.content != text:
            error.update(text)
        self.set_class(bool(message), "-invalid")


def read_fields(root: Widget) -> dict[str, object]:
    return {field.name: field.value for field in root.query(FormField) if field.name}


def show_errors(root: Widget, messages: dict[str, str]) -> None:
    """Put each message beside its field; the first invalid field takes the focus and is scrolled
    into view with its message (the message line is new: focusing the control alone could leave
    it just below the visible part of a scrolling form)."""
    first = None
    for field in root.query(FormField):
        message = messages.get(field.name or "")
        field.show_error(message)
        if message and first is None:
            first = field
    if first is not None:
        first.control.focus()
        root.call_after_refresh(first.scroll_visible, animate=False)
        root.call_after_refresh(keep_toasts_clear, root.screen)


def keep_toasts_clear(screen: Screen[object]) -> None:
    """Notifications show at the bottom, as Textual puts them, or at the top of the screen while
    the field being typed in (with its message) sits in the lower half: at 80 × 24 they covered
    the input and its message. The stylesheet keeps them one line each and a quarter of the
    screen at most, so either half leaves the field clear."""
    focused = screen.focused
    field = next((n for n in focused.ancestors_with_self if isinstance(n, FormField)), None) if focused else None
    lower = field is not None and 2 * field.region.y + field.region.height > screen.size.height
    screen.set_class(lower, "-toasts-top")
