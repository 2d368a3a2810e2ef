"""A small yes-or-no question before a step that one wrong key should not take (`l` beside `k`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from forms.i18n import N_, _
from tui.covered import DimsCovered
from tui.localised import LocalisedBindings
from tui.reuse import Kept, kept
from tui.widgets.keys_footer import KeysFooter

YES_KEYS = ("y", "k", "j")
"""Yes in each language of the desk: y(es), k(yllä), j(a); Enter says yes too."""
NO_KEYS = ("n", "e")
"""No: n(o) and n(ej), e(i); Esc says no too. No key is in both sets, whatever the language."""


def yes_no_bindings(name: str, yes: str, no: str) -> list[Binding]:
    """Enter and the yes keys answer `action_answer(True)`, Esc and the no keys False: a Finnish,
    Swedish or English worker answers with the word's first letter, as in the triage."""
    return [
        Binding("enter", "answer(True)", yes, id=f"{name}.yes", key_display="⏎", priority=True),
        Binding(",".join(YES_KEYS), "answer(True)", yes, id=f"{name}.y", show=False),
        Binding("escape", "answer(False)", no, id=f"{name}.no"),
        Binding(",".join(NO_KEYS), "answer(False)", no, id=f"{name}.n", show=False),
    ]


def confirm(app: App[Any], question: str, answered: Callable[[bool | None], object]) -> None:
    """Ask `question` on the app's kept yes-or-no dialog (kept: building one anew took most of the
    key that asks it); `answered(yes)`."""
    dialog = kept(app, ConfirmDialog)
    dialog.renew(question)
    app.push_screen(dialog, answered)


class ConfirmDialog(Kept, LocalisedBindings, DimsCovered, ModalScreen[bool]):
    """Enter, y, k or j confirms; Esc, n or e cancels (and so does any key meant for the screen
    behind)."""

    BINDINGS = yes_no_bindings("confirm", N_("Yes"), N_("Cancel"))

    def __init__(self, question: str = "") -> None:
        super().__init__()
        self.question = question

    def renew(self, question: str) -> None:
        """The kept dialog asking `question`: the question before it is gone."""
        self.question = question
        if self.is_mounted:
            self.query_one("#confirm-question", Static).update(question)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, id="confirm-question", classes="card-title", markup=False)
            yield Static(_("Enter or y: yes    Esc or n: cancel"), classes="choices-help", markup=False)
        yield KeysFooter()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
