"""The day's (or a period's) summary for the service owner, with bar charts in the terminal."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from forms.i18n import N_, _
from forms.summary import DateRange, Summary
from forms.timefmt import service_day
from storage.audit import Actor
from tui.dialogs.date_range import DateRangeDialog
from tui.localised import LocalisedBindings
from tui.widgets.keys_footer import KeysFooter
from workflows.summary_text import may_see_names, summary_lines

if TYPE_CHECKING:
    from storage.views import StaffMember
    from tui.app import WalkinApp


class SummaryScreen(LocalisedBindings, Screen[None]):
    HELP = N_(
        "Today's summary, also for closing the day. ← and → move a day (a week in the week's view); w this "
        "week, m this month, "
        "d today, c any period; p prints it, s saves it as a PDF. Visits still open are listed at the top: close "
        "them from the queue."
    )
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="summary.back"),
        Binding("left", "move(-1)", N_("Previous"), id="summary.previous"),
        Binding("right", "move(1)", N_("Next"), id="summary.next"),
        Binding("d", "today", N_("Today"), id="summary.today"),
        Binding("w", "week", N_("This week"), id="summary.week"),
        Binding("m", "month", N_("This month"), id="summary.month"),
        Binding("c", "custom", N_("Period…"), id="summary.custom"),
        Binding("p", "output('print')", N_("Print"), id="summary.print"),
        Binding("s", "output('save')", N_("Save PDF"), id="summary.save"),
    ]

    app: WalkinApp

    def __init__(self, viewer: StaffMember | None, closing: bool = False) -> None:
        """`closing`: shown when the last worker signed out, as the end of the day."""
        super().__init__()
        self.viewer = viewer
        self.closing = closing
        self.day_from = self.day_to = date.min

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="summary"):
            yield Static(_("Loading…"), id="summary-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.action_today()

    def show_range(self, day_from: date, day_to: date) -> None:
        self.day_from, self.day_to = day_from, day_to
        self.app.run_db(lambda: self.app.services.reports.summary(day_from, day_to), self._show)

    def _show(self, summary: Summary) -> None:
        lines = summary_lines(summary, self.app.profile, self.viewer)
        if self.closing:
            lines[:0] = [_("You were the last to sign out: the day is closed. Visits still open are listed "
                           "below; p prints this summary, s saves it. Esc: done."), ""]
        self.query_one("#summary-body", Static).update(Text("\n".join(lines)))

    def _today(self) -> date:
        return service_day(self.app.clock())

    def action_today(self) -> None:
        today = self._today()
        self.show_range(today, today)

    def action_move(self, steps: int) -> None:
        """A day in the day's view; a week in a week's (Monday to Sunday); else the day after or before."""
        if self._showing_week():
            self.show_range(self.day_from + timedelta(weeks=steps), self.day_to + timedelta(weeks=steps))
            return
        day = self.day_from + timedelta(days=steps)
        self.show_range(day, day)

    def _showing_week(self) -> bool:
        return self.day_from.weekday() == 0 and self.day_to - self.day_from == timedelta(days=6)

    def action_week(self) -> None:
        """The whole week, Monday to Sunday: on a Monday it would otherwise be just today."""
        today = self._today()
        monday = today - timedelta(days=today.weekday())
        self.show_range(monday, monday + timedelta(days=6))

    def action_month(self) -> None:
        today = self._today()
        self.show_range(today.replace(day=1), today)

    def action_custom(self) -> None:
        def chosen(period: DateRange | None) -> None:
            if period is not None:
                self.show_range(period.day_from, period.day_to)

        shown = DateRange(day_from=self.day_from, day_to=self.day_to)
        self.app.push_screen(DateRangeDialog(shown), chosen)

    def action_output(self, how: str) -> None:
        """Print the summary shown, or keep it as a PDF in the data folder."""
        app, day_from, day_to = self.app, self.day_from, self.day_to
        viewer = self.viewer
        # At the end of the day the worker has signed out already: the export is still theirs.
        actor = Actor(viewer.id if viewer else None, app.settings.workstation)

        def job() -> str:
            from workflows.summaries import PdfWay, deliver_pdf

            return deliver_pdf(app.services, app.settings, app.profile, day_from, day_to, actor,
                               may_see_names(viewer), PdfWay(how)).message

        self.app.run_db(job, lambda message: self.notify(message, timeout=12))

    def action_back(self) -> None:
        self.dismiss()
