"""Mark yourself away from the desk: a reason from a short list and, if you like, a few words."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static

from forms.away import NOTE_LENGTH, AwayChoice
from forms.choices import AwayReason
from forms.i18n import _
from tui.dialogs.form_dialog import FormDialog
from tui.widgets.form_field import FormField
from tui.widgets.keys_footer import KeysFooter


class AwayDialog(FormDialog[AwayChoice]):
    """↑/↓ picks the reason and Enter marks away at once; Tab moves to the note, whose Enter (or F2
    anywhere) saves too."""

    MODEL = AwayChoice

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("Away from the desk"), classes="card-title")
            reasons = OptionList(*[reason.label for reason in AwayReason], id="away-reason")
            reasons.highlighted = 0
            yield reasons
            yield FormField(_("Note (optional, no client details); Enter or F2 saves"),
                            Input(max_length=NOTE_LENGTH), name="note")
        yield KeysFooter()

    def fixed_values(self) -> dict[str, Any]:
        return {"reason": list(AwayReason)[self.query_one(OptionList).highlighted or 0]}

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_save()
