"""Change the triage urgency by hand; the reason is required and kept."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static

from forms.choices import Urgency
from forms.fields import field_messages, text
from forms.i18n import N_, _
from tui.display import urgency_text
from tui.localised import LocalisedBindings
from tui.widgets.form_field import FormField, show_errors


class Override(BaseModel):
    urgency: Urgency
    reason: text(200, required=True)


class OverrideDialog(LocalisedBindings, ModalScreen[tuple[Urgency, str] | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="override.cancel")]

    def __init__(self, current: Urgency) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("Change urgency"), classes="card-title")
            with RadioSet(id="urgency"):
                for urgency in Urgency:
                    yield RadioButton(urgency_text(urgency), value=urgency is self.current, name=urgency.value)
            yield FormField(_("Reason (kept with the visit); Enter saves"), Input(max_length=400), name="reason")

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        radio = self.query_one(RadioSet).pressed_button
        try:
            chosen = Override(
                urgency=radio.name if radio else self.current,
                reason=self.query_one(Input).value,
            )
        except ValidationError as error:
            show_errors(self, field_messages(error))
            return
        self.dismiss((chosen.urgency, chosen.reason))

    def action_cancel(self) -> None:
        self.dismiss(None)
