"""Today's visits of every status, finished, left and not shown too: find one by ticket or name, open it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from forms.i18n import N_, _
from forms.timefmt import format_time
from storage.views import QueueEntry
from tui.localised import LocalisedBindings
from tui.messages import QueueChanged
from tui.visit_text import call_name, urgency_text
from tui.widgets.header import Header
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from tui.app import WalkinApp

COLUMNS = (N_("Ticket"), N_("Name"), N_("Status"), N_("Arrived"), N_("Urgency"))


def matches(entry: QueueEntry, search: str) -> bool:
    """Whether the visit's ticket or name to call contains what was typed (any case)."""
    wanted = search.strip().casefold()
    return not wanted or wanted in entry.ticket.casefold() or wanted in (entry.call_name or "").casefold()


class TodayScreen(LocalisedBindings, Screen[None]):
    HELP = N_(
        "Every visit of today, finished and left unseen too, in order of arrival. Type a ticket or "
        "a name to narrow the list, ↑/↓ to choose, Enter opens the visit; Esc goes back."
    )
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="today.back"),
        Binding("enter", "open_visit", N_("Open"), id="today.open", key_display="⏎", priority=True),
        Binding("down", "move(1)", N_("Next"), id="today.down", show=False, priority=True),
        Binding("up", "move(-1)", N_("Previous"), id="today.up", show=False, priority=True),
    ]
    AUTO_FOCUS = "#today-search"

    app: WalkinApp

    def __init__(self) -> None:
        super().__init__()
        self.visits: tuple[QueueEntry, ...] = ()
        self.shown: list[QueueEntry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=_("Ticket or name"), id="today-search")
        yield DataTable[Text](cursor_type="row", zebra_stripes=True, id="today")
        yield Static(_("No visits today match."), id="today-empty")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Today's visits")
        table = self.query_one("#today", DataTable)
        for title in COLUMNS:
            table.add_column(_(title))

    def on_screen_resume(self) -> None:
        # Also the first showing, and after a visit opened from here was changed.
        self.reload()

    @on(QueueChanged)
    def reload(self) -> None:
        self.app.run_db(self.app.services.desk.today_visits, self._loaded, quiet=True, owner=self,
                        group="today")

    def _loaded(self, visits: tuple[QueueEntry, ...]) -> None:
        self.visits = visits
        self._fill()

    @on(Input.Changed, "#today-search")
    def _fill(self) -> None:
        table = self.query_one("#today", DataTable)
        chosen = self.selected
        search = self.query_one("#today-search", Input).value
        self.shown = [e for e in self.visits if matches(e, search)]
        table.clear()
        for entry in self.shown:
            status = entry.status.label + (f" ({entry.calls}×)" if entry.calls > 1 else "") + (
                f": {entry.called_by}" if entry.called_by else "")
            table.add_row(Text(entry.ticket, style="bold"), Text(call_name(entry)), Text(status),
                          Text(format_time(entry.arrived_at)), Text(urgency_text(entry.urgency)),
                          key=str(entry.id))
        ids = [e.id for e in self.shown]
        if chosen is not None and chosen.id in ids:
            table.move_cursor(row=ids.index(chosen.id), animate=False)
        table.display = bool(self.shown)
        self.query_one("#today-empty").display = not self.shown

    @property
    def selected(self) -> QueueEntry | None:
        row = self.query_one("#today", DataTable).cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def action_move(self, step: int) -> None:
        table = self.query_one("#today", DataTable)
        if self.shown:
            table.move_cursor(row=max(0, min(len(self.shown) - 1, table.cursor_row + step)), animate=False)

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open_visit()

    def action_open_visit(self) -> None:
        from tui.screens.visit import open_visit

        if (entry := self.selected) is not None:
            open_visit(self.app, entry.id)

    def action_back(self) -> None:
        self.dismiss()
