"""Shown instead of the desk when the database or the profile cannot be opened: what and why."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from forms.i18n import N_, _
from tui.localised import LocalisedBindings
from tui.widgets.keys_footer import KeysFooter


class StartFailedScreen(LocalisedBindings, Screen[None]):
    HELP = N_("The app could not start. The message says why; nothing was changed.")
    BINDINGS = [Binding("q,escape", "app.quit", N_("Quit"), id="failed.quit")]

    def __init__(self, message: str, details: list[str]) -> None:
        super().__init__()
        self.message = message
        self.details = details

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="card", id="start-failed"):
            yield Static(_("The desk cannot start"), classes="card-title")
            yield Static(self.message, id="failure-message", markup=False)
            for line in self.details:
                yield Static(f"• {line}", classes="failure-detail", markup=False)
            yield Static(_("Nothing was changed. Fix the cause and start again (q quits)."))
        yield KeysFooter()
