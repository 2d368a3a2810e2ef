"""The day's (or a period's) summary for the service owner, with bar charts in the terminal."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from forms.fairness import Fairness
from forms.i18n import N_, _
from forms.summary import DateRange, Summary
from forms.timefmt import service_day
from storage.audit import Actor
from storage.views import DayClosing
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.date_range import DateRangeDialog
from tui.localised import LocalisedBindings
from tui.widgets.header import Header
from tui.widgets.keys_footer import KeysFooter
from workflows.summary_text import fit, may_see_names, summary_lines

if TYPE_CHECKING:
    from storage.views import StaffMember
    from tui.app import WalkinApp


class SummaryScreen(LocalisedBindings, Screen[None]):
    HELP = N_(
        "Today's summary, also for closing the day. ← and → move a day (a week in the week's view); w this "
        "week, m this month, "
        "d today, c any period; a shows one site, then the next, then all again (a service of several sites). p "
        "prints it, s saves it as a PDF, x as an Excel workbook. Visits still open "
        "are listed at the top: close them from the queue, or at the end of the day all at once with l (an "
        "administrator, or the last worker at the desk)."
    )
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="summary.back"),
        Binding("left", "move(-1)", N_("Previous"), id="summary.previous"),
        Binding("right", "move(1)", N_("Next"), id="summary.next"),
        Binding("d", "today", N_("Today"), id="summary.today"),
        Binding("w", "week", N_("This week"), id="summary.week"),
        Binding("m", "month", N_("This month"), id="summary.month"),
        Binding("c", "custom", N_("Period…"), id="summary.custom"),
        Binding("a", "next_site", N_("Site"), id="summary.site"),
        Binding("p", "output('print')", N_("Print"), id="summary.print"),
        Binding("s", "output('save')", N_("Save PDF"), id="summary.save"),
        Binding("x", "workbook", N_("Excel"), id="summary.workbook"),
        Binding("l", "close_day", N_("Close open"), id="summary.close_day"),
    ]

    app: WalkinApp

    def __init__(self, viewer: StaffMember | None, closing: bool = False) -> None:
        """`closing`: shown when the last worker signed out, as the end of the day."""
        super().__init__()
        self.viewer = viewer
        self.closing = closing
        self.day_from = self.day_to = date.min
        self.closing_day: DayClosing | None = None
        """Today's open visits this viewer may close at once; None: not offered here."""
        self.site: str | None = None
        """The one site shown; None: every site the viewer may see."""
        self.sites: list[str] | None = None
        """The sites of the summary shown (workflows.summaries.summary_sites): its exports cover them."""
        self.may_see: tuple[str, ...] = ()
        """The sites `a` steps through: the viewer's scope, else every site of the profile."""
        self.summary: Summary | None = None
        """The summary shown, drawn again to the new width when the terminal is resized."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="summary"):
            yield Static(_("Loading…"), id="summary-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.action_today()

    def show_range(self, day_from: date, day_to: date) -> None:
        self.day_from, self.day_to = day_from, day_to
        services, viewer, today = self.app.services, self.viewer, day_from == day_to == self._today()

        profile, site = self.app.profile, self.site

        def job() -> tuple[Summary, DayClosing | None, tuple[str, ...]]:
            from workflows.summaries import summary_sites
            from workflows.visits import may_close_day

            staff_id = viewer.id if viewer else None
            scope = services.staff.sites_of(staff_id) if staff_id is not None else ()
            sites = summary_sites(services, profile, [site] if site else [], staff_id)
            closable = today and viewer is not None and may_close_day(services, viewer)
            return (services.reports.summary(day_from, day_to, sites),
                    services.desk.day_closing(viewer.id) if closable and viewer else None,
                    scope or tuple(loc.id for loc in profile.locations))

        self.app.run_db(job, self._show)

    def _show(self, shown: tuple[Summary, DayClosing | None, tuple[str, ...]]) -> None:
        self.summary, self.closing_day, self.may_see = shown
        self.sites = None if self.summary.whole_service else self.summary.sites
        self._draw()
        self.refresh_bindings()
        summary, sites, reports = self.summary, self.sites, self.app.services.reports
        if summary.day_to > summary.day_from:
            # A period's fair-triage figures scan its visits (seconds for a year): the summary is
            # on the screen meanwhile, and the section follows when they land.
            self.app.run_db(lambda: reports.fairness(summary.day_from, summary.day_to, sites),
                            lambda fairness: self._fair(summary, fairness), owner=self, group="fairness")

    def _fair(self, counted: Summary, fairness: Fairness) -> None:
        if self.summary is counted:  # still the summary on the screen
            self.summary = counted.model_copy(update={"fairness": fairness})
            self._draw()

    def on_resize(self, _event: events.Resize) -> None:
        self.call_after_refresh(self._draw)

    def _width(self) -> int:
        """The columns a line has, the scrollbar's taken off whether it shows yet or not: a table
        row that fits is never wrapped into two lines (or clipped) when the scrollbar comes."""
        scroll = self.query_one("#summary", VerticalScroll)
        return max(20, scroll.content_region.width - scroll.styles.scrollbar_size_vertical)

    def _draw(self) -> None:
        if self.summary is None:
            return
        width = self._width()
        lines = summary_lines(self.summary, self.app.profile, self.viewer, width)
        if self.summary.fairness is None and self.summary.day_to > self.summary.day_from:
            lines += ["", _("Fair triage"), "  " + _("Being counted…")]
        if self.closing_day and self.closing_day.to_close:
            lines[:0] = [_("l closes the {count} visits still open that no desk is busy with, as left "
                           "without being seen.").format(count=len(self.closing_day.to_close)), ""]
        if self.closing:
            lines[:0] = [_("You were the last to sign out: the day is closed. Visits still open are listed "
                           "below; p prints this summary, s saves it. Esc: done."), ""]
        self.query_one("#summary-body", Static).update(Text("\n".join(fit(lines, width))))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_day":
            return bool(self.closing_day and self.closing_day.to_close)
        if action == "next_site":
            return len(self.may_see) > 1
        return True

    def action_next_site(self) -> None:
        """One site, then the next, then every site the viewer may see again."""
        steps: list[str | None] = [None, *self.may_see]
        self.site = steps[(steps.index(self.site) + 1) % len(steps)] if self.site in steps else None
        self.show_range(self.day_from, self.day_to)

    def action_close_day(self) -> None:
        """Ask first, with the count and the rule; then close them and show the day again."""
        closing_day, viewer, app = self.closing_day, self.viewer, self.app
        if not closing_day or not closing_day.to_close or viewer is None:
            return
        question = _("Close {count} open visits as left without being seen? Waiting visits, and visits "
                     "called by you or by a worker no longer at a desk, are closed. Visits in a meeting, "
                     "or called at a desk still signed in, stay open ({staying}).").format(
            count=len(closing_day.to_close), staying=closing_day.staying_open)

        def closed(tickets: tuple[str, ...]) -> None:
            self.notify(_("Closed as left without being seen: {count} ({tickets})").format(
                count=len(tickets), tickets=", ".join(tickets) or "–"), timeout=8)
            self.action_today()

        def answered(yes: bool | None) -> None:
            if yes:
                from workflows.visits import close_day

                app.run_db(lambda: close_day(app.services, viewer), closed)

        app.push_screen(ConfirmDialog(question), answered)

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
        app, day_from, day_to, sites = self.app, self.day_from, self.day_to, self.sites
        viewer = self.viewer
        # At the end of the day the worker has signed out already: the export is still theirs.
        actor = Actor(viewer.id if viewer else None, app.settings.workstation)

        def job() -> str:
            from workflows.summaries import PdfWay, deliver_pdf

            return deliver_pdf(app.services, app.settings, app.profile, day_from, day_to, actor,
                               may_see_names(viewer), PdfWay(how), sites=sites).message

        self.app.run_db(job, lambda message: self.notify(message, timeout=12))

    def action_workbook(self) -> None:
        """Keep the summary shown as an Excel workbook among the data folder's exports."""
        app, day_from, day_to, sites = self.app, self.day_from, self.day_to, self.sites
        actor = Actor(self.viewer.id if self.viewer else None, app.settings.workstation)
        sees_name = may_see_names(self.viewer)

        def job() -> str:
            from workflows.summaries import save_workbook

            return save_workbook(app.services, app.settings, app.profile, day_from, day_to, actor, sees_name,
                                 sites=sites).message

        self.app.run_db(job, lambda message: self.notify(message, timeout=12))

    def action_back(self) -> None:
        self.dismiss()
