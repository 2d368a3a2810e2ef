"""Another walk-in site's queue, read only: its tickets, urgency, waits and counters as its own desks
see them, without names, triage or any action (those are for the site's own desks)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from forms.i18n import N_, _
from storage.views import QueueSnapshot
from tui.localised import LocalisedBindings
from tui.messages import QueueChanged
from tui.widgets import DayCountersBar, QueueBoard
from tui.widgets.header import Header
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from tui.app import WalkinApp

REFRESH_SECONDS = 15.0
"""Changes show at once (the app follows the database); this keeps the waiting minutes current."""


class SiteBoardScreen(LocalisedBindings, Screen[None]):
    HELP = N_("Another walk-in site's queue, read only: its tickets in the order its desks call them, "
              "urgency and waiting times. Names and triage stay at that site, and nothing can be done "
              "here; a client can be handed to a colleague there from their visit. Esc goes back.")
    BINDINGS = [Binding("escape", "back", N_("Back"), id="site_board.back")]

    app: WalkinApp

    def __init__(self, site: str) -> None:
        super().__init__()
        self.site = site

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("{site}: queue, read only").format(site=self.app.profile.site_name(self.site)),
                     id="site-board-title", classes="card-title", markup=False)
        yield DayCountersBar(id="site-counters")
        yield QueueBoard(self.app.profile, left_out=("name", "triage"), id="site-queue")
        yield Static(_("No one is waiting at this site."), id="site-queue-empty")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Another site's queue")
        self.set_interval(REFRESH_SECONDS, self.refresh_board, name="site-refresh")

    def on_screen_resume(self) -> None:
        self.refresh_board()

    @on(QueueChanged)
    def refresh_board(self) -> None:
        desk, site = self.app.services.desk, self.site
        self.app.run_db(lambda: desk.snapshot(site=site), self._show, quiet=True, owner=self, group="site-board")

    def _show(self, snapshot: QueueSnapshot) -> None:
        self.query_one(QueueBoard).show(snapshot, self.app.clock())
        self.query_one(DayCountersBar).show(snapshot)
        self.query_one(QueueBoard).display = bool(snapshot.entries)
        self.query_one("#site-queue-empty").display = not snapshot.entries

    def action_back(self) -> None:
        self.dismiss()
