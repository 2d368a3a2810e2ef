"""A custom period for the summary: two dates, the desk's way (24.11.2026)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from forms.i18n import N_, _
from forms.summary import DateRange
from forms.timefmt import format_date
from tui.dialogs.form_dialog import FormDialog
from tui.widgets.form_field import FormField
from tui.widgets.keys_footer import KeysFooter


class DateRangeDialog(FormDialog[DateRange]):
    MODEL = DateRange
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
        yield KeysFooter()
