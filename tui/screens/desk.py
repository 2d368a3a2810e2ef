"""The home screen: today's counters and the queue board, with the queue's actions on single keys."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from forms.choices import HandoutKind, StaffRole
from forms.i18n import N_, _
from storage.views import FollowUpCounts, QueueEntry, QueueSnapshot, VisitDetail
from tui.away import start_away_or_back
from tui.localised import LocalisedBindings
from tui.messages import AcuteAlertsChanged, HandoversChanged, QueueChanged
from tui.palette import ScreenCommands
from tui.reuse import Kept
from tui.step_out import StepOutNotices
from tui.visit_actions import KeysHeldUntilShown, entry_applies, run_queue_action
from tui.widgets import AcuteBanner, AwayLine, DayCountersBar, HandoverBanner, QueueBoard
from tui.widgets.header import Header
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from forms.handout import StackOrder
    from tui.app import WalkinApp
    from workflows.shift import DeskReads

REFRESH_SECONDS = 15.0
"""Changes show at once (the app follows the database); this only keeps the waiting minutes current."""

OPENED_FROM_THE_DESK = ("tui.screens.intake", "tui.screens.triage", "tui.screens.visit", "tui.dialogs.finish",
                        "tui.screens.summary", "tui.dialogs.stack_print", "tui.handouts")
"""What the desk's keys open. Imported with the desk they cost its first showing a third of a second
(the summary brings the ORM models); imported in a thread once the desk has shown, the first key on
them is not slower for it."""


def import_what_the_desk_opens() -> None:
    for name in OPENED_FROM_THE_DESK:
        importlib.import_module(name)


class DeskCommands(ScreenCommands):
    def commands(self) -> Iterator[SystemCommand]:
        assert isinstance(self.screen, DeskScreen)
        return self.screen.palette_commands()


class DeskScreen(Kept, KeysHeldUntilShown, LocalisedBindings, Screen[None]):
    COMMANDS = {DeskCommands}
    HELP = N_(
        "The queue board lists the open visits in the order call next takes them: acute first, then soon, "
        "then normal, each in order of arrival; a normal visit that has waited past its limit is raised to "
        "soon (↑). ⏰ marks a wait past the limit of its urgency. An acute client waiting shows above the "
        "board at every desk, with the bell, until one desk calls them. "
        "Waiting time counts from arrival; the estimate from today's meetings and the workers signed in. "
        "v lists every visit of today, finished and left too. "
        "o lists your follow-ups due (the counters above the board show how many are due today and "
        "overdue). "
        "a calls a called ticket again (the display shows it again, marked); after as many calls as the "
        "profile sets, d records that the client did not show. "
        "w marks you away from the desk (lunch, a call) and back; call next also ends it. Away, you are "
        "left out of the wait estimates, and the other desks see it. "
        "Clients handed to you show above the board (→) until you call them: c takes them first. "
        "u: the client steps out a while, keeping their place (call next passes them by); i: back. "
        "b shows another walk-in site's queue, read only (a service with several sites)."
    )
    BINDINGS = [
        Binding("n", "intake", N_("New walk-in"), id="desk.intake"),
        Binding("c", "call_next", N_("Call next"), id="desk.call_next"),
        Binding("k", "queue('call_selected')", N_("Call this"), id="desk.call", show=False),
        Binding("a", "queue('call_again')", N_("Call again"), id="desk.call_again", show=False),
        Binding("d", "queue('no_show')", N_("Did not show"), id="desk.no_show", show=False),
        Binding("u", "queue('step_out')", N_("Stepped out"), id="desk.step_out", show=False),
        Binding("i", "queue('step_back')", N_("Back in"), id="desk.step_back", show=False),
        Binding("enter", "open_visit", N_("Open"), id="desk.open", key_display="⏎"),
        # t, s, f and l only in the help and the palette (the visit screen shows them): the
        # footer then fits 120 columns whole, in each language.
        Binding("t", "triage", N_("Triage"), id="desk.triage", show=False),
        Binding("s", "queue('start')", N_("Start"), id="desk.start", show=False),
        Binding("f", "finish", N_("Finish"), id="desk.finish", show=False),
        Binding("l", "queue('left')", N_("Left unseen"), id="desk.left", show=False),
        Binding("r", "queue('requeue')", N_("Back to queue"), id="desk.requeue", show=False),
        Binding("p", "print_stack", N_("Print stack"), id="desk.print_stack", show=False),
        Binding("v", "today", N_("Today's visits"), id="desk.today"),
        Binding("o", "follow_ups", N_("Follow-ups"), id="desk.follow_ups"),
        Binding("y", "summary", N_("Summary"), id="desk.summary"),
        Binding("w", "away", N_("Away / back"), id="desk.away", show=False),
        Binding("x", "sign_out", N_("Sign out"), id="desk.sign_out"),
        Binding("h", "admin", N_("Accounts"), id="desk.admin", show=False),
        Binding("b", "other_site", N_("Another site's queue"), id="desk.other_site", show=False),
    ]

    app: WalkinApp

    def __init__(self) -> None:
        super().__init__()
        self.snapshot: QueueSnapshot | None = None
        self._reading = False
        """A read of the board is on its way (refresh_queue) and not shown yet."""
        self._read_again = False
        """The queue changed while it was on its way: read again once it is shown."""
        self.step_outs = StepOutNotices(self)
        self._first_board: QueueSnapshot | None = None
        """The board read with the sign-in, shown as the desk shows (`renew`)."""
        self._first_follow_ups: FollowUpCounts | None = None
        self._current_when_shown = False
        """Locked over with its board current, and no change to the queue since (`locked_over`)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield DayCountersBar(id="counters")
        yield AwayLine(id="away")
        yield AcuteBanner(id="acute-alert")
        yield HandoverBanner(id="handed-to-me")
        yield QueueBoard(self.app.profile, id="queue")
        yield Static(_("No one is waiting. A new walk-in: n"), id="queue-empty")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show_worker()
        self.set_interval(REFRESH_SECONDS, self.refresh_queue, name="queue-refresh")

    def renew(self, snapshot: QueueSnapshot | None = None, follow_ups: FollowUpCounts | None = None) -> None:
        """The app's one desk (kept across sign-outs: building it and its board of hundreds took a
        quarter of a second of every sign-in) for the worker signing in. Nothing of the worker before
        shows: their name, their away line, their handovers and follow-ups, where they left the
        cursor; the keys only some may use are checked anew. The board and the counters stay hidden,
        as on a desk built anew, until this worker's first read of the queue lands: `snapshot`, read
        with the sign-in, shows as the desk does, in its first frame, with their `follow_ups`."""
        self._first_board = snapshot
        self._first_follow_ups = follow_ups
        self._current_when_shown = False
        if not self.is_mounted:
            return  # composed for this worker
        # A read for the worker before, still on its way (switching user on the lock screen), would
        # land after this one: their board, their follow-up counts.
        self._drop_reads_on_the_way()
        self.snapshot = None
        self.step_outs.forget()  # each worker is told of a step out that ended
        self._show_worker()
        self.query_one(DayCountersBar).renew(snapshot, follow_ups)
        self.query_one(AwayLine).show((), None)
        self.query_one(AcuteBanner).show((), self.app.clock())
        self.query_one(HandoverBanner).show((), self.app.profile)
        board = self.query_one(QueueBoard)
        board.from_the_top()
        if snapshot is None:
            board.display = False
            self.query_one("#queue-empty").display = False
        # else shown as the desk shows, before its first frame: hidden here and shown there, the
        # board and counters each asked for a layout of their own a frame after that first one.
        self.refresh_bindings()

    def _show_worker(self) -> None:
        member = self.app.worker_on_duty
        if member is not None:
            self.sub_title = _("Signed in: {name}").format(name=member.display_name)

    def on_screen_resume(self) -> None:
        # Also the first showing: one read, not one on mount and one on resume. The board read
        # with the sign-in shows even when a restored draft covers the desk at once: kept for
        # later, it would show as current however long that draft stays open.
        if self._first_board is not None:
            first, self._first_board = self._first_board, None
            self._show(first)
            if self._first_follow_ups is None:
                self.read_follow_ups()
            else:
                self.query_one(DayCountersBar).show_follow_ups(self._first_follow_ups)
        elif self.app.screen is not self:
            # Covered again in the step that uncovered it (the memo question as the visit closes):
            # not a showing; what it reads and shows waits for the one when that question closes.
            return
        elif self._current_when_shown:
            self._current_when_shown = False  # unlocked, and the queue did not change meanwhile
        else:
            self.refresh_queue()
        self.show_acute()
        self.show_handovers()

    def locked_over(self) -> None:
        """The lock covers this desk: while the queue stays as it is (no QueueChanged comes, see
        `queue_changed`), the board shown is still current when the screen is unlocked, and the
        unlock needs no read."""
        self._current_when_shown = self.snapshot is not None and not self._reading

    def _drop_reads_on_the_way(self) -> None:
        """The board and follow-up-count reads still on their way are not shown when they land."""
        self.workers.cancel_group(self, "queue")
        self.workers.cancel_group(self, "follow-up-counts")
        self._reading = self._read_again = False

    def board_read(self, reads: DeskReads | None, current: bool) -> None:
        """The board and the worker's follow-up counts as a step of this desk's own read after its
        change (`WalkinApp.own_change_read`): shown now, before the question that covers the desk
        next is drawn over it, and, `current` (no change told of since the read started), current
        when the desk shows again unless the queue changes meanwhile (`queue_changed`). None: not
        read; the desk reads it when it shows."""
        if reads is None:
            self._current_when_shown = False
            return
        # A read started before the change would land after this one, with the change not in it.
        self._drop_reads_on_the_way()
        self._show(reads.board)
        self.query_one(DayCountersBar).show_follow_ups(reads.follow_ups)  # a finish may have set one due
        self._current_when_shown = current

    @on(AcuteAlertsChanged)
    def show_acute(self) -> None:
        self.query_one(AcuteBanner).show(self.app.acute_alerts, self.app.clock())

    @on(HandoversChanged)
    def show_handovers(self) -> None:
        self.query_one(HandoverBanner).show(self.app.handovers_to_me, self.app.profile)

    # ------------------------------------------------------------ the board ---
    def refresh_queue(self) -> None:
        if self.app.worker_on_duty is None:
            return  # signed out: the kept desk reads nothing (nor rings) until the next sign-in
        # The screen's own worker: a newer read cancels an older one, whose late answer is dropped.
        self._reading = True
        self.app.run_db(self.app.services.desk.snapshot, self._show, self._not_read, quiet=True, owner=self,
                        group="queue")
        self.read_follow_ups()

    @on(QueueChanged)
    def queue_changed(self) -> None:
        """A change by any desk: read again; while a read is on its way, once that is shown.
        Cancelling it held the first board after a sign-in, and the keys waiting for it, back by a
        whole read (issue 19). Covered (the app tells the desk under the lock too), it reads when
        it shows again."""
        if self.app.screen is not self:
            self._current_when_shown = False
        elif self._reading:
            self._read_again = True
        else:
            self.refresh_queue()

    def _not_read(self, _message: str) -> None:
        self._reading = self._read_again = False

    def read_follow_ups(self) -> None:
        """The worker's follow-ups due today and overdue, for the counters: one count on the open
        follow-ups' index, read whenever the board is (a queue change, the minute refresh, back here)."""
        if self.app.worker_on_duty is None:
            return  # signing out
        follow_ups, staff_id = self.app.services.follow_ups, self.app.staff_id
        self.app.run_db(lambda: follow_ups.counts(staff_id), self.query_one(DayCountersBar).show_follow_ups,
                        quiet=True, owner=self, group="follow-up-counts")

    def _after_step(self) -> None:
        """The board again after a queue step, keys held until it shows (what is live may change)."""
        self.hold_keys_until_shown()
        self.refresh_queue()

    def _show(self, snapshot: QueueSnapshot) -> None:
        if self._pruning or self.app.worker_on_duty is None:
            return  # the app closing, or a read that landed after the sign-out
        self.snapshot = snapshot
        self._reading = False
        self.query_one(QueueBoard).show(snapshot, self.app.clock())
        self.query_one(DayCountersBar).show(snapshot)
        self.query_one(AwayLine).show(snapshot.away, self.app.worker_on_duty.id if self.app.worker_on_duty else None)
        self.show_acute()  # its minutes keep up with the board's
        self.step_outs.seen(snapshot, self.app.clock())
        # An empty board would push the hint off the screen: show one or the other.
        board = self.query_one(QueueBoard)
        board.display = bool(snapshot.entries)
        self.query_one("#queue-empty").display = not snapshot.entries
        if board.display and self.focused is None:
            # As on a desk built anew: the board was hidden (renew, or nobody waiting) and lost it.
            self.set_focus(board, scroll_visible=False)
        self.refresh_bindings()
        self.keys_shown()
        if self._read_again:
            self._read_again = False
            self.refresh_queue()
        if not all(name in sys.modules for name in OPENED_FROM_THE_DESK):
            self.app.call_after_refresh(self.app.run_worker, import_what_the_desk_opens, thread=True,
                                        group="import-later", exclusive=True, exit_on_error=False)

    @property
    def selected(self) -> QueueEntry | None:
        if self.snapshot is None:
            return None
        visit_id = self.query_one(QueueBoard).selected_id
        return next((e for e in self.snapshot.entries if e.id == visit_id), None)

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open_visit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "call_next":
            return True  # the board may be seconds old; the database knows who waits
        if action == "other_site":
            return len(self.app.profile.locations) > 1
        if action == "admin":
            member = self.app.worker_on_duty
            return member is not None and member.role == StaffRole.ADMIN
        return entry_applies(action, parameters, self.selected, self.app.profile.queue, self.app.clock())

    # -------------------------------------------------------------- actions ---
    def action_intake(self) -> None:
        from tui.reuse import kept
        from tui.screens.intake import IntakeScreen

        intake = kept(self.app, IntakeScreen)
        intake.renew()
        self.app.push_screen(intake)

    def action_call_next(self) -> None:
        from tui.live import own_write_seen
        from workflows.visits import call_next

        app, staff_id = self.app, self.app.staff_id
        self.app.run_db(lambda: call_next(app.services, staff_id, partial(own_write_seen, app)), self._called,
                        hold_keys=True)

    def _called(self, called: tuple[QueueEntry, VisitDetail | None] | None) -> None:
        from tui.screens.visit import open_visit

        if called is None:
            self.notify(_("No one is waiting."))
            self.refresh_queue()
            return
        entry, detail = called
        # The call moved the queue: this desk reads its board as it shows again, and the acute alert
        # and the handovers follow now, as for a change the watcher tells of.
        self._current_when_shown = False
        self.app.read_what_a_change_moves()
        name = f" ({entry.call_name})" if entry.call_name else ""
        self.notify(_("Called {ticket}").format(ticket=entry.ticket) + name, timeout=5)
        open_visit(self.app, entry.id, detail)

    def action_queue(self, action: str) -> None:
        if (entry := self.selected) is not None:
            run_queue_action(self.app, action, entry.id, entry.ticket, then=self._after_step)

    def action_open_visit(self) -> None:
        from tui.screens.visit import open_visit

        if (entry := self.selected) is not None:
            open_visit(self.app, entry.id)

    def action_triage(self) -> None:
        from tui.screens.triage import open_triage

        if (entry := self.selected) is not None:
            open_triage(self.app, entry.id)

    def action_finish(self) -> None:
        from tui.dialogs.finish import finish_visit

        if (entry := self.selected) is not None:
            finish_visit(self.app, entry.id, entry.ticket)  # the finish reads the board itself

    def action_away(self) -> None:
        """Away, or back when away already."""
        start_away_or_back(self.app, then=self.refresh_queue)

    def action_today(self) -> None:
        from tui.screens.today import TodayScreen

        self.app.push_screen(TodayScreen())

    def action_follow_ups(self) -> None:
        from tui.screens.follow_ups import FollowUpsScreen

        self.app.push_screen(FollowUpsScreen())

    def action_summary(self) -> None:
        """Today's summary, its figures read first (keys typed meanwhile go to the summary)."""
        from forms.timefmt import service_day
        from tui.reuse import kept
        from tui.screens.summary import Figures, SummaryScreen, today_figures

        app, viewer = self.app, self.app.worker_on_duty
        services, profile, today = app.services, app.profile, service_day(app.clock())

        def read() -> Figures | None:
            return today_figures(services, profile, viewer, today)

        def show(figures: Figures | None) -> None:
            if self.is_current and app.worker_on_duty == viewer:  # not over a lock or a sign-out meanwhile
                summary = kept(app, SummaryScreen)
                summary.renew(viewer, today=figures)
                app.push_screen(summary)

        app.run_db(read, show, hold_keys=True)

    def action_other_site(self) -> None:
        """A list of the other sites, then the chosen one's board, read only."""
        from tui.screens.site_board import SiteBoardScreen
        from tui.screens.site_picker import SitePickerScreen

        if not self.check_action("other_site", ()):
            return
        profile, here = self.app.profile, self.app.services.desk.site
        others = [site for site in profile.locations if site.id != here]

        def chosen(site: str | None) -> None:
            if site is not None:
                self.app.push_screen(SiteBoardScreen(site))

        self.app.push_screen(SitePickerScreen(others, _("Another site's queue"),
                                              _("Whose queue to look at? It is shown read only."), cancellable=True),
                             chosen)

    def action_sign_out(self) -> None:
        self.app.sign_out()

    def action_admin(self) -> None:
        from tui.screens.staff import StaffScreen

        self.app.push_screen(StaffScreen())

    def action_privacy(self) -> None:
        from tui.screens.privacy import PrivacyScreen

        if self.check_action("admin", ()):  # administrators only, whatever reaches this
            self.app.push_screen(PrivacyScreen())

    def action_print_stack(self) -> None:
        from tui.dialogs.stack_print import StackPrintDialog
        from tui.handouts import print_from_screen
        from workflows.handouts import Request

        def chosen(order: StackOrder | None) -> None:
            if order is not None:
                kind = HandoutKind(order.kind)
                layout = "sheet" if kind is HandoutKind.CARD else "single"
                request = Request(kind, order.language, order.copies, layout)
                print_from_screen(self.app, [request], None)

        self.app.push_screen(StackPrintDialog(), chosen)

    def palette_commands(self) -> Iterator[SystemCommand]:
        yield SystemCommand(_("visit: new walk-in"), _("Quick intake of a walk-in"), self.action_intake)
        yield SystemCommand(_("queue: call next"), _("Call the first one waiting"), self.action_call_next)
        yield SystemCommand(_("queue: refresh"), _("Read the queue again"), self.refresh_queue)
        yield SystemCommand(_("day: visits"), _("Every visit of today, finished and left too"),
                            self.action_today)
        yield SystemCommand(_("follow-ups: due"), _("Your follow-ups due today and overdue"),
                            self.action_follow_ups)
        yield SystemCommand(_("day: summary"), _("Today's summary; close the day"), self.action_summary)
        yield SystemCommand(_("desk: away / back"), _("Mark yourself away from the desk, or back"),
                            self.action_away)
        if self.check_action("other_site", ()):
            yield SystemCommand(_("queue: another site"), _("Another walk-in site's queue, read only"),
                                self.action_other_site)
        yield SystemCommand(_("sign out"), _("The last one out sees the day's summary"), self.action_sign_out)
        if self.check_action("admin", ()):
            yield SystemCommand(_("accounts"), _("Add, change and deactivate accounts; the audit trail"),
                                self.action_admin)
            yield SystemCommand(_("privacy: data-subject requests"),
                                _("Find a person's visits; access copy, log extract, erasure; the register"),
                                self.action_privacy)
        yield SystemCommand(_("print: stack of handouts"), _("Brochures or blank feedback sheets"),
                            self.action_print_stack)
        if self.selected is not None:
            yield SystemCommand(_("visit: open"), _("Details of the chosen visit"), self.action_open_visit)
            yield SystemCommand(_("visit: triage"), _("Service-need triage of the chosen visit"), self.action_triage)
            yield SystemCommand(_("visit: finish"), _("Finish with an outcome"), self.action_finish)
            yield SystemCommand(_("visit: left unseen"), _("Mark as left without being seen"),
                                lambda: self.action_queue("left"))
            yield SystemCommand(_("queue: call again"), _("Call the chosen ticket once more"),
                                lambda: self.action_queue("call_again"))
