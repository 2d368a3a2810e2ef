"""Asked once when a visit ends without the feedback instruction (the sheet staff used to forget)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from forms.choices import FeedbackInstruction
from forms.i18n import N_, _
from tui.covered import DimsCovered
from tui.localised import LocalisedBindings
from tui.reuse import Kept
from tui.widgets.keys_footer import KeysFooter


class FeedbackReminder(Kept, LocalisedBindings, DimsCovered, ModalScreen[FeedbackInstruction | None]):
    """p prints the sheet now, o it was given another way, d the client declined; Esc goes back.
    Kept by the app (it names no client: nothing to fill in)."""

    BINDINGS = [
        Binding("p", "choose('printed')", N_("Print it now"), id="reminder.print"),
        Binding("o", "choose('other_way')", N_("Given another way"), id="reminder.other"),
        Binding("d", "choose('declined')", N_("Client declined"), id="reminder.declined"),
        Binding("escape", "choose('')", N_("Back"), id="reminder.back"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("The feedback instruction was not given"), classes="card-title")
            yield Static(_("Feedback shows whether the service helps. Did the client get the instruction?"))
            yield Static(_("p  print the sheet now\no  it was given another way\nd  the client declined\n"
                           "Esc  back to the outcome"), classes="choices-help", markup=False)
        yield KeysFooter()

    def action_choose(self, how: str) -> None:
        self.dismiss(FeedbackInstruction(how) if how else None)
