"""Erase now: the dialog names how many visits, and takes the reason; Enter erases, Esc cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from forms.choices import ErasureReason
from forms.i18n import N_, _
from tui.covered import DimsCovered
from tui.localised import LocalisedBindings
from tui.widgets.keys_footer import KeysFooter


class EraseDialog(LocalisedBindings, DimsCovered, ModalScreen[ErasureReason | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="erase.cancel")]
    AUTO_FOCUS = "#erase-reason"

    def __init__(self, visits: int) -> None:
        super().__init__()
        self.visits = visits

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("Erase the personal fields of {n} visits now?").format(n=self.visits),
                         classes="card-title", markup=False)
            yield Static(_("It cannot be undone. The counts stay in the summaries. The reason:"), markup=False)
            reasons = OptionList(*[reason.label for reason in ErasureReason], id="erase-reason")
            reasons.highlighted = 0
            yield reasons
            yield Static(_("Enter: erase with this reason    Esc: cancel"), classes="choices-help", markup=False)
        yield KeysFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(list(ErasureReason)[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
