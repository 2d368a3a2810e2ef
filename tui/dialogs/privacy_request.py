"""A request received, for the register: its kind and the day it came; the visits are the chosen ones."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Select, Static

from forms.choices import PrivacyRequestKind
from forms.i18n import _
from forms.privacy import NewRequest
from forms.timefmt import format_date
from tui.dialogs.form_dialog import FormDialog
from tui.widgets.form_field import FormField
from tui.widgets.keys_footer import KeysFooter


class RequestDialog(FormDialog[NewRequest]):
    MODEL = NewRequest
    AUTO_FOCUS = "#field-kind Select"

    def __init__(self, visits: int, today: date) -> None:
        super().__init__()
        self.visits = visits
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("A request received"), classes="card-title")
            yield Static(_("It concerns the {n} visits chosen; it is due a month after it was received.").format(
                n=self.visits), markup=False)
            yield FormField(_("Kind"), Select(PrivacyRequestKind.options(), value=PrivacyRequestKind.ACCESS.value,
                                              allow_blank=False), name="kind")
            # Empty with today as the placeholder: another day is typed without deleting today first.
            yield FormField(_("Received (e.g. 1.11.2026; empty: today); Enter or F2 saves"),
                            Input(placeholder=format_date(self.today)), name="received_on")
        yield KeysFooter()

    def validation_context(self) -> dict[str, Any] | None:
        return {"today": self.today}

    def action_save(self) -> None:
        day = self.query_one("#field-received_on Input", Input)
        if not day.value.strip():
            day.value = self.today.isoformat()
        super().action_save()
