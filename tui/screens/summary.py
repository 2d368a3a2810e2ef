"""The day's (or a period's) summary for the service owner, with bar charts in the terminal."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from forms.fairness import Fairness
from forms.i18n import N_, _
from forms.summary import DateRange, Summary
from forms.timefmt import service_day
from storage.audit import Actor
from storage.views import DayClosing
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.date_range import DateRangeDialog
from tui.localised import LocalisedBindings
from tui.reuse import Kept
from tui.widgets.header import Header
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.long_text import LongText
from workflows.summary_text import fit, may_see_names, summary_lines

if TYPE_CHECKING:
    from forms.profile import ServiceProfile
    from storage.services import Services
    from storage.views import StaffMember
    from tui.app import WalkinApp


Figures = tuple[Summary, DayClosing | None, tuple[str, ...]]
"""A summary, today's open visits the viewer may close at once, and the sites the viewer may see."""

FIGURES_KEYS = ("close_day", "next_site")
"""Actions offered or not by what the figures read say."""


def read_summary(services: Services, profile: ServiceProfile, viewer: StaffMember | None, site: str | None,
                 day_from: date, day_to: date, today: bool) -> Figures:
    """What the summary screen shows of `day_from` … `day_to` for `viewer` (`site`: one site
    only), read in a worker."""
    from workflows.summaries import summary_sites
    from workflows.visits import may_close_day

    staff_id = viewer.id if viewer else None
    scope = services.staff.sites_of(staff_id) if staff_id is not None else ()
    sites = summary_sites(services, profile, [site] if site else [], staff_id)
    closable = today and viewer is not None and may_close_day(services, viewer)
    return (services.reports.summary(day_from, day_to, sites),
            services.desk.day_closing(viewer.id, site) if closable and viewer else None,
            scope or tuple(loc.id for loc in profile.locations))


def today_figures(services: Services, profile: ServiceProfile, viewer: StaffMember | None,
                  today: date) -> Figures | None:
    """Today's summary for `viewer`, read before the screen opens (in the worker of the key that
    opens it): the screen is laid out and drawn once, with its figures, not first with "Loading…"
    and again as they land. None: not read; the screen reads them as it shows, and says why."""
    from storage.errors import StorageError

    try:
        return read_summary(services, profile, viewer, None, today, today, True)
    except StorageError:
        return None


class SummaryScreen(Kept, LocalisedBindings, Screen[None]):
    HELP = N_(
        "Today's summary, also for closing the day. ← and → move a day (a week in the week's view); w this "
        "week, m this month, "
        "d today, c any period; a shows one site, then the next, then all again (a service of several sites). p "
        "prints it, s saves it as a PDF, x as an Excel workbook. Visits still open "
        "are listed at the top: close them from the queue, or at the end of the day all at once with l (an "
        "administrator, or the last worker at the desk): l closes the site shown, or this workstation's "
        "site when every site is shown, and names it."
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

    def __init__(self) -> None:
        """Empty: `renew` says whose summary it is for each use (the app keeps the screen)."""
        super().__init__()
        self.viewer: StaffMember | None = None
        self._first: tuple[tuple[date, date], Figures] | None = None
        """The figures read before the screen shows, and of which days (`renew`)."""
        self.keys_before: frozenset[str] = frozenset()
        """The keys the figures offer (`l`, `a`) as this viewer had them last: shown while this
        use's figures are read, so the footer does not drop them and build them again (50 ms)."""
        self._take(None, closing=False)

    def _take(self, viewer: StaffMember | None, closing: bool) -> None:
        if viewer is None or viewer != self.viewer:
            self.keys_before = frozenset()
        self.viewer = viewer
        self.closing = closing
        """Shown when the last worker signed out, as the end of the day."""
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

    def renew(self, viewer: StaffMember | None, closing: bool = False, today: Figures | None = None) -> None:
        """The kept screen for this use, today's summary for `viewer`: nothing of the summary
        before (another worker's, another day's) shows, not even while this one is being read,
        and an answer still on its way for the use before is dropped. `today`: its figures read
        already (the sign-out's own worker, read_summary), shown at once."""
        self._take(viewer, closing)
        day = self._today()
        self._first = ((day, day), today) if today is not None else None
        if self.is_mounted:
            self.workers.cancel_node(self)
            self._fill()

    def compose(self) -> ComposeResult:
        yield Header()
        yield LongText(id="summary-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        body = self.query_one("#summary-body", LongText)
        if self._first is None:
            body.show(_("Loading…"))
        body.scroll_home(animate=False, immediate=True)
        self.refresh_bindings()
        self.action_today()

    def show_range(self, day_from: date, day_to: date) -> None:
        self.day_from, self.day_to = day_from, day_to
        if self._first is not None and (day_from, day_to) == self._first[0]:
            first, self._first = self._first[1], None
            self._show(first)
            return
        self._first = None
        today = day_from == day_to == self._today()
        job = partial(read_summary, self.app.services, self.app.profile, self.viewer, self.site, day_from, day_to,
                      today)
        # A newer range, or the next use of the kept screen, drops the answer of this one.
        self.app.run_db(job, self._show, owner=self, group="summary")

    def _show(self, shown: Figures) -> None:
        self.summary, self.closing_day, self.may_see = shown
        self.sites = None if self.summary.whole_service else self.summary.sites
        self.keys_before = frozenset(key for key in FIGURES_KEYS if self.check_action(key, ()))
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
        body = self.query_one("#summary-body", LongText)
        return max(20, body.content_region.width - body.styles.scrollbar_size_vertical)

    def _draw(self) -> None:
        if self.summary is None:
            return
        width = self._width()
        lines = summary_lines(self.summary, self.app.profile, self.viewer, width)
        if self.summary.fairness is None and self.summary.day_to > self.summary.day_from:
            lines += ["", _("Fair triage"), "  " + _("Being counted…")]
        if self.closing_day and self.closing_day.to_close:
            lines[:0] = [_("l closes the {count} visits still open at {site} that no desk is busy with, as "
                           "left without being seen.").format(
                count=len(self.closing_day.to_close), site=self.app.profile.site_name(self.closing_day.site)), ""]
        if self.closing:
            lines[:0] = [_("You were the last to sign out: the day is closed. Visits still open are listed "
                           "below; p prints this summary, s saves it. Esc: done."), ""]
        self.query_one("#summary-body", LongText).show("\n".join(fit(lines, width)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.summary is None and action in FIGURES_KEYS:
            return action in self.keys_before  # they do nothing until the figures land
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
        question = _("Close {count} open visits at {site} as left without being seen? Waiting visits, and "
                     "visits called by you or by a worker no longer at a desk, are closed. Visits in a "
                     "meeting, or called at a desk still signed in, stay open ({staying}).").format(
            count=len(closing_day.to_close), site=app.profile.site_name(closing_day.site),
            staying=closing_day.staying_open)

        def closed(tickets: tuple[str, ...]) -> None:
            self.notify(_("Closed as left without being seen: {count} ({tickets})").format(
                count=len(tickets), tickets=", ".join(tickets) or "–"), timeout=8)
            self.action_today()

        def answered(yes: bool | None) -> None:
            if yes:
                from workflows.visits import close_day

                app.run_db(lambda: close_day(app.services, viewer, closing_day.site), closed)

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
