"""From the desk: a stack of brochures or blank feedback sheets, in a chosen language."""

from __future__ import annotations

from typing import get_args

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from forms.choices import HandoutKind, HandoutLanguage
from forms.fields import field_messages
from forms.handout import HandoutLanguage as StackLanguage
from forms.handout import StackOrder, copies_meaning
from forms.i18n import N_, _
from tui.covered import DimsCovered
from tui.localised import LocalisedBindings
from tui.widgets.form_field import FormField, read_fields, show_errors
from tui.widgets.keys_footer import KeysFooter


class StackPrintDialog(LocalisedBindings, DimsCovered, ModalScreen[StackOrder | None]):
    BINDINGS = [
        Binding("f2", "save", N_("Print"), id="stack.print"),
        Binding("escape", "cancel", N_("Cancel"), id="stack.cancel"),
    ]
    AUTO_FOCUS = "#field-kind Select"

    def compose(self) -> ComposeResult:
        kinds = [(k.label, k.value) for k in (HandoutKind.BROCHURE, HandoutKind.FEEDBACK)]
        kinds.append((_("My contact cards, ten to a sheet"), HandoutKind.CARD.value))
        languages = [(HandoutLanguage(code).label, code) for code in get_args(StackLanguage)]
        with Vertical(classes="dialog"):
            yield Static(_("Print a stack of handouts"), classes="card-title")
            yield FormField(_("Handout"), Select(kinds, value="brochure", allow_blank=False), name="kind")
            yield FormField(_("Language"), Select(languages, value="fi", allow_blank=False), name="language")
            yield FormField(_("Copies, in sheets (1–100); Enter or F2 prints"), Input("10", max_length=4),
                            name="copies")
            yield Static(copies_meaning(HandoutKind.BROCHURE, 10), id="copies-meaning", markup=False)
        yield KeysFooter()

    def on_select_changed(self, _event: Select.Changed) -> None:
        self._tell_copies()

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._tell_copies()

    def _tell_copies(self) -> None:
        """Say what the number prints before it prints: 20 sheets of cards are 200 cards."""
        values = read_fields(self)
        text = str(values.get("copies", "")).strip()
        meaning = copies_meaning(str(values.get("kind")), int(text)) if text.isdigit() else ""
        self.query_one("#copies-meaning", Static).update(meaning)

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        try:
            order = StackOrder.model_validate(read_fields(self))
        except ValidationError as error:
            show_errors(self, field_messages(error))
            return
        self.dismiss(order)

    def action_cancel(self) -> None:
        self.dismiss(None)
