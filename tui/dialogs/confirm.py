"""A small yes-or-no question before a step that one wrong key should not take (`l` beside `k`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from forms.i18n import N_, _
from tui.localised import LocalisedBindings


class ConfirmDialog(LocalisedBindings, ModalScreen[bool]):
    """Enter or y confirms; Esc or n cancels (and so does any key meant for the screen behind)."""

    BINDINGS = [
        Binding("enter", "answer(True)", N_("Yes"), id="confirm.yes", key_display="⏎", priority=True),
        Binding("y", "answer(True)", N_("Yes"), id="confirm.y", show=False),
        Binding("escape", "answer(False)", N_("Cancel"), id="confirm.no"),
        Binding("n", "answer(False)", N_("Cancel"), id="confirm.n", show=False),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="card-title", markup=False)
            yield Static(_("Enter or y: yes    Esc: cancel"), classes="choices-help", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
