"""Asked when a visit is finished: print the visit memo now, in the client's language?"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from forms.choices import HandoutLanguage
from forms.i18n import N_, _
from tui.covered import DimsCovered
from tui.dialogs.confirm import yes_no_bindings
from tui.localised import LocalisedBindings
from tui.reuse import Kept
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from tui.app import WalkinApp


class MemoNow(Kept, LocalisedBindings, DimsCovered, ModalScreen[bool]):
    """Enter, y, k or j prints the memo; Esc, n or e skips it. Any other key skips it too and goes on to
    the screen behind: a worker typing ahead out of habit (`c` for the next client) gets what
    the key meant before this question was there, and no key is lost."""

    BINDINGS = yes_no_bindings("memo_now", N_("Print memo"), N_("Not now"))

    app: WalkinApp

    def __init__(self, ticket: str = "", language: str = HandoutLanguage.FI.value) -> None:
        super().__init__()
        self.ticket = ticket
        self.language = language
        """The handout language (the client's), as a code."""

    def renew(self, ticket: str, language: str) -> None:
        """The kept question for this visit: nothing of the visit before shows."""
        self.ticket, self.language = ticket, language
        if self.is_mounted:
            self.query_one("#memo-ticket", Static).update(self._ticket_text())
            self.query_one("#memo-language", Static).update(self._language_text())

    def _ticket_text(self) -> str:
        return _("Print the visit memo for {ticket} now?").format(ticket=self.ticket)

    def _language_text(self) -> str:
        return _("In the client's language: {language}.").format(language=HandoutLanguage(self.language).label)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._ticket_text(), id="memo-ticket", classes="card-title", markup=False)
            yield Static(self._language_text(), id="memo-language", markup=False)
            yield Static(_("Enter or y: print    Esc or n: not now"), classes="choices-help", markup=False)
        yield KeysFooter()

    def on_key(self, event: events.Key) -> None:
        if event.key in self.active_bindings:
            return  # this question's keys, and the app's (help, lock)
        event.stop()
        event.prevent_default()
        self.dismiss(False)
        self.app.key_gate.replay(event.key, event.character)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
