"""Change the triage urgency by hand; the reason is required and kept."""

from __future__ import annotations

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static

from forms.choices import Urgency
from forms.fields import field_messages
from forms.i18n import N_, _
from forms.triage import UrgencyOverride
from tui.covered import DimsCovered
from tui.localised import LocalisedBindings
from tui.visit_text import urgency_text
from tui.widgets.form_field import FormField, show_errors
from tui.widgets.keys_footer import KeysFooter


class OverrideDialog(LocalisedBindings, DimsCovered, ModalScreen[UrgencyOverride | None]):
    """↑/↓ picks the urgency (the current one is highlighted), Enter moves on to the reason."""

    BINDINGS = [
        Binding("f2", "save", N_("Save"), id="override.save"),
        Binding("escape", "cancel", N_("Cancel"), id="override.cancel"),
    ]

    def __init__(self, current: Urgency) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("Change urgency"), classes="card-title")
            urgencies = OptionList(*[urgency_text(u) for u in Urgency], id="urgency")
            urgencies.highlighted = list(Urgency).index(self.current)
            yield urgencies
            yield FormField(_("Reason (kept with the visit); Enter or F2 saves"), Input(max_length=400), name="reason")
        yield KeysFooter()

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.query_one("#field-reason Input", Input).focus()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        try:
            chosen = UrgencyOverride(
                urgency=list(Urgency)[highlighted] if highlighted is not None else self.current,
                reason=self.query_one("#field-reason Input", Input).value,
            )
        except ValidationError as error:
            show_errors(self, field_messages(error))
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
