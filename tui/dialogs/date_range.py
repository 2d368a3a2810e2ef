"""A custom period for the summary: two dates, the desk's way (24.11.2026)."""

from __future__ import annotations

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from forms.fields import field_messages
from forms.i18n import N_, _
from forms.summary import DateRange
from forms.timefmt import format_date
from tui.localised import LocalisedBindings
from tui.widgets.form_field import FormField, read_fields, show_errors


class DateRangeDialog(LocalisedBindings, ModalScreen[DateRange | None]):
    BINDINGS = [
        Binding("f2", "save", N_("Show"), id="range.show"),
        Binding("escape", "cancel", N_("Cancel"), id="range.cancel"),
    ]
    AUTO_FOCUS = "#field-day_from Input"

    def __init__(self, shown: DateRange) -> None:
        super().__init__()
        self.shown = shown

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("Summary of a period"), classes="card-title")
            yield FormField(_("From (e.g. 1.11.2026)"), Input(format_date(self.shown.day_from)), name="day_from")
            yield FormField(_("To; Enter or F2 shows"), Input(format_date(self.shown.day_to)), name="day_to")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.parent is not None and event.input.parent.name == "day_from":
            self.focus_next()
        else:
            self.action_save()

    def action_save(self) -> None:
        try:
            chosen = DateRange.model_validate(read_fields(self))
        except ValidationError as error:
            show_errors(self, field_messages(error))
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
