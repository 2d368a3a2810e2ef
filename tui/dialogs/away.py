"""Mark yourself away from the desk: a reason from a short list and, if you like, a few words."""

from __future__ import annotations

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static

from forms.away import NOTE_LENGTH, AwayChoice
from forms.choices import AwayReason
from forms.fields import field_messages
from forms.i18n import N_, _
from tui.localised import LocalisedBindings
from tui.widgets.form_field import FormField, show_errors


class AwayDialog(LocalisedBindings, ModalScreen[AwayChoice | None]):
    """↑/↓ picks the reason, Enter marks away at once (or moves on to the note with Tab), F2 saves."""

    BINDINGS = [
        Binding("f2", "save", N_("Save"), id="away.save"),
        Binding("escape", "cancel", N_("Cancel"), id="away.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("Away from the desk"), classes="card-title")
            reasons = OptionList(*[reason.label for reason in AwayReason], id="away-reason")
            reasons.highlighted = 0
            yield reasons
            yield FormField(_("Note (optional, no client details); Enter or F2 saves"),
                            Input(max_length=NOTE_LENGTH), name="note")

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_save()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        try:
            chosen = AwayChoice(reason=list(AwayReason)[highlighted or 0],
                                note=self.query_one("#field-note Input", Input).value)
        except ValidationError as error:
            show_errors(self, field_messages(error))
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
