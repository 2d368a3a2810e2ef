"""The day's (or a period's) summary for the service owner, with bar charts in the terminal."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from forms.i18n import N_, _
from forms.summary import Summary
from forms.timefmt import service_day
from tui.localised import LocalisedBindings
from tui.summary_text import summary_lines

if TYPE_CHECKING:
    from tui.app import WalkinApp


class SummaryScreen(LocalisedBindings, Screen[None]):
    HELP = N_(
        "Today's summary. ← and → move a day; w this week, m this month, d today. "
        "Visits still open are listed at the top: close them from the queue."
    )
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="summary.back"),
        Binding("left", "move(-1)", N_("Previous day"), id="summary.previous"),
        Binding("right", "move(1)", N_("Next day"), id="summary.next"),
        Binding("d", "today", N_("Today"), id="summary.today"),
        Binding("w", "week", N_("This week"), id="summary.week"),
        Binding("m", "month", N_("This month"), id="summary.month"),
    ]

    app: WalkinApp

    def __init__(self) -> None:
        super().__init__()
        self.day_from = self.day_to = date.min

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="summary"):
            yield Static(_("Loading…"), id="summary-body")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.action_today()

    def show_range(self, day_from: date, day_to: date) -> None:
        self.day_from, self.day_to = day_from, day_to
        self.app.run_db(lambda: self.app.services.reports.summary(day_from, day_to), self._show)

    def _show(self, summary: Summary) -> None:
        lines = summary_lines(summary, self.app.profile, self.app.worker_on_duty)
        self.query_one("#summary-body", Static).update(Text("\n".join(lines)))

    def _today(self) -> date:
        return service_day(self.app.clock())

    def action_today(self) -> None:
        today = self._today()
        self.show_range(today, today)

    def action_move(self, days: int) -> None:
        day = self.day_from + timedelta(days=days)
        self.show_range(day, day)

    def action_week(self) -> None:
        today = self._today()
        self.show_range(today - timedelta(days=today.weekday()), today)

    def action_month(self) -> None:
        today = self._today()
        self.show_range(today.replace(day=1), today)

    def action_back(self) -> None:
        self.dismiss()
