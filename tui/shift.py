"""A worker's shift at the desk: sign-in, sign-out, the lock and the quit, and the notices held
while the screen is locked (a passer-by reads nothing of any client)."""

from __future__ import annotations

import logging
from time import monotonic
from typing import TYPE_CHECKING, Any

from textual.notifications import SeverityLevel
from textual.screen import Screen

from forms.i18n import _
from forms.timefmt import format_date, service_day
from tui.drafts import KeepsDraft
from tui.handover_alert import read_handovers
from tui.screens.sign_in import SignInScreen
from tui.widgets.form_field import keep_toasts_clear

if TYPE_CHECKING:
    from storage.audit import Actor
    from storage.documentation import Undocumented
    from storage.views import StaffMember
    from workflows.shift import ShiftStart

log = logging.getLogger("walkin")


class Shift:
    """Mixed into WalkinApp (before InertApp, whose plain-text `notify` it wraps)."""

    def signed_in(self, start: ShiftStart) -> None:
        """To the desk, with what `start` read after the PIN was accepted (what it could not read,
        the desk reads as it shows); on the lock screen this is switching user: the first worker
        is signed out (their intake was kept as a draft when the screen locked)."""
        from storage.presence import HEARTBEAT
        from tui.reuse import kept
        from tui.screens.desk import DeskScreen
        from workflows.shift import unfinished

        member = start.member
        previous = self.desk_session_id
        if previous is not None:
            self.run_db(lambda: self.services.staff.sign_out(previous), quiet=True)
        self._held = None  # the first worker's, about their visits
        log.info("%s signed in at %s", member.username, self.settings.workstation)
        self.worker_on_duty = member
        self.desk_session_id = start.desk_session_id
        self._last_input = monotonic()
        self.acute_alerts = ()
        self.handovers_to_me = ()
        # The app's one desk: under the lock screen when switching user, else kept since the last sign-out.
        desk = next((s for s in self.screen_stack if isinstance(s, DeskScreen)), None) or kept(self, DeskScreen)
        reads = start.reads
        desk.renew(reads.board if reads else None, reads.follow_ups if reads else None)
        self._back_to(desk)
        # Acute visits waiting already: the alert (and the bell) at once.
        if reads is None:
            self._read_acute()
            read_handovers(self)
        else:
            self.alerts_read(member.id, reads)
        if self._heartbeats is not None:
            self._heartbeats.stop()
        self._heartbeats = self.set_interval(HEARTBEAT.total_seconds(), self._heartbeat, name="heartbeat")
        if start.drafts is None:
            services = self.services
            self.run_db(lambda: unfinished(services, member.id), self._restore_drafts)
        else:
            self._restore_drafts(start.drafts)
        if member.role == "admin":
            retention, keep_days = self.services.retention, self.settings.retention_days
            self.run_db(lambda: retention.undocumented(keep_days), self._tell_undocumented, quiet=True)

    def _tell_undocumented(self, old: tuple[Undocumented, ...]) -> None:
        """An administrator is told of old visits that retention keeps because they await
        documentation in the client information system (tickets and days only)."""
        if old:
            # The oldest three only: a toast of ten tickets and days covered half the desk at 80×24.
            self.notify(_("{n} visits older than the retention period await documentation in the client "
                          "information system; their personal details are kept. The oldest: {visits}. Once "
                          "documented: walkin purge --including-undocumented.").format(
                n=len(old), visits=", ".join(f"{v.ticket} {format_date(v.service_day)}" for v in old[:3])),
                title=_("Awaiting documentation"), severity="warning", timeout=30)

    def _restore_drafts(self, found: tuple[dict[str, Any] | None, dict[str, Any] | None]) -> None:
        """The worker's half-typed intake, then the visit whose outcome they were typing (on top:
        finishing it brings them back to the intake)."""
        intake, finish = found
        if intake:
            from tui.reuse import kept
            from tui.screens.intake import IntakeScreen

            self.notify(_("Your unfinished intake was restored."), timeout=6, public=True)
            screen = kept(self, IntakeScreen)
            screen.renew(intake)
            self.push_screen(screen)
        if finish:
            from tui.dialogs.finish import restore_finish

            restore_finish(self, finish)

    def sign_out(self, then_quit: bool = False, revoked: bool = False) -> None:
        """Back to the sign-in screen at once; the last worker to leave the desk sees the day's
        summary first, with the visits still open, to print or save (not one whose account was
        just deactivated or demoted: `revoked`)."""
        from tui.reuse import kept
        from tui.screens.summary import Figures, SummaryScreen, today_figures

        member, session_id = self.worker_on_duty, self.desk_session_id
        log.info("%s signed out", member.username if member else "?")
        self.worker_on_duty = self.desk_session_id = None
        self.acute_alerts = ()
        self.handovers_to_me = ()
        if self._heartbeats is not None:
            self._heartbeats.stop()
        self._held = None
        self.clear_notifications()  # a "called" notice names a client: not for the sign-in screen
        sign_in = kept(self, SignInScreen)
        sign_in.renew()
        self._back_to(sign_in)

        services, profile, today = self.services, self.profile, service_day(self.clock())

        def sign_out() -> tuple[int, Figures | None]:
            still_here = services.staff.sign_out(session_id)
            if still_here or revoked:
                return still_here, None
            # The last one out: the day's summary read in the same worker, shown with the screen.
            return 0, today_figures(services, profile, member, today)

        def signed_out(result: tuple[int, Figures | None]) -> None:
            still_here, figures = result
            if still_here == 0 and not revoked:
                summary = kept(self, SummaryScreen)
                summary.renew(member, closing=True, today=figures)
                self.push_screen(summary, lambda _r: self._after_sign_out(then_quit))
            else:
                self._after_sign_out(then_quit)

        # The sign-in lapses by itself without heartbeats if this fails.
        self.run_db(sign_out, signed_out, lambda _message: self._after_sign_out(then_quit), quiet=True)

    def _after_sign_out(self, then_quit: bool) -> None:
        if then_quit:
            self.exit()

    def _back_to(self, screen: Screen[Any]) -> None:
        """Close every screen and dialog of the desk and show `screen` instead."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(screen)

    async def action_quit(self) -> None:
        """Quitting signs the worker out first, so the end of the day is not skipped. Where nobody
        is signed in, or the screen is locked, it asks for a username and PIN: the app is what
        stands between a passer-by and the computer behind it (a shell, the database file)."""
        sign_in = next((s for s in reversed(self.screen_stack) if isinstance(s, SignInScreen)), None)
        if sign_in is None:
            if self.desk_session_id is None:
                self.exit()  # the first account is not made yet, or the start failed
            else:
                self.sign_out(then_quit=True)
            return
        if not self.ready:
            self.exit()  # no account can be checked yet, and nothing is shown
            return
        while self.screen is not sign_in:
            self.pop_screen()
        sign_in.begin_quit()

    def quit_confirmed(self, member: StaffMember) -> None:
        """A worker's PIN was accepted on the sign-in or lock screen for quitting."""
        log.info("%s quit the app at %s", member.username, self.settings.workstation)
        session_id, self.desk_session_id, self.worker_on_duty = self.desk_session_id, None, None
        if session_id is None:
            self.exit()
        else:
            self.run_db(lambda: self.services.staff.sign_out(session_id), lambda _n: self.exit(),
                        lambda _message: self.exit(), quiet=True)

    def action_help_quit(self) -> None:
        """Ctrl+C, the reflex for "stop": it never quits (Textual reads it as a key), so say how."""
        self.notify(_("Ctrl+C does not quit. Ctrl+Q quits; on the lock and sign-in screens it asks for "
                      "a username and PIN."), title=_("Quit?"), public=True)

    # ---------------------------------------------------------------- lock ---
    def _lock_if_idle(self) -> None:
        if monotonic() - self._last_input >= self.settings.idle_lock_minutes * 60:
            self.action_lock()

    def action_lock(self) -> None:
        """Cover the screen at once; what is half-typed is kept as the worker's draft first."""
        from tui.reuse import kept
        from tui.screens.desk import DeskScreen
        from tui.screens.lock import LockScreen

        if self.worker_on_duty is None or isinstance(self.screen, LockScreen):
            return
        for screen in self.screen_stack:
            if isinstance(screen, KeepsDraft):
                screen.keep_draft()
        log.info("screen locked (%s)", self.worker_on_duty.username)
        # A notification such as "Called A012 (a client's name)" would stay over the lock screen for
        # its timeout; those that come while it is locked wait for the worker who unlocks it.
        self.clear_notifications()
        self._held = []
        if isinstance(self.screen, DeskScreen):
            self.screen.locked_over()
        lock = kept(self, LockScreen)
        lock.renew(self.worker_on_duty)
        self.push_screen(lock)

    def unlock(self) -> None:
        from tui.screens.lock import LockScreen

        self._last_input = monotonic()
        if isinstance(self.screen, LockScreen):
            self.pop_screen()
        held, self._held = self._held or [], None
        for message, title, severity, timeout in held:
            self.notify(message, title=title, severity=severity, timeout=timeout)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False, public: bool = False) -> None:
        """`public`: the message says nothing of any client (the connection, a quit hint), so the
        sign-in and lock screens may show it. Any other one (a late print outcome, "called", a
        storage error quoting a name) waits while the screen is locked and shows after the same
        worker unlocks it; where nobody is signed in it is dropped: nobody there may read it."""
        if not public and isinstance(self.screen, SignInScreen):
            if self._held is not None:
                self._held.append((message, title, severity, timeout))
            return
        super().notify(message, title=title, severity=severity, timeout=timeout)
        self.call_after_refresh(keep_toasts_clear, self.screen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The lock key shows only where there is a worker's desk to lock; on the day's summary
        after the last sign-out it is greyed, not left out: the footer keeps the keys it had
        under `y` and is not built again for each (tens of ms)."""
        if action == "lock":
            if isinstance(self.screen, SignInScreen):
                return False
            if self.worker_on_duty is None:
                return None if getattr(self.screen, "closing", False) else False
            return True
        return True

    def _heartbeat(self) -> None:
        if self.desk_session_id is not None:
            session_id = self.desk_session_id
            self.run_db(lambda: self.services.staff.heartbeat(session_id), quiet=True)

    @property
    def staff_id(self) -> int:
        assert self.worker_on_duty is not None
        return self.worker_on_duty.id

    @property
    def actor(self) -> Actor:
        """The worker on duty at this workstation, for the audit trail."""
        from storage.audit import Actor

        return Actor(self.staff_id, self.settings.workstation)
