"""WalkinApp: opens the database after the first paint, signs a worker in and wires the screens."""

from __future__ import annotations

import logging
import os
from functools import partial
from collections.abc import Callable
from datetime import datetime
from time import monotonic
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from forms.i18n import N_, _
from forms.settings import Settings
from forms.timefmt import utc_now
from storage.errors import AccountRevoked, StorageError
from tui.inert import InertApp
from tui.localised import LocalisedBindings
from tui.screens.first_run import FirstRunScreen
from tui.screens.sign_in import SignInScreen
from tui.screens.start_failed import StartFailedScreen

if TYPE_CHECKING:
    from forms.profile import ServiceProfile
    from storage.audit import Actor
    from storage.services import Services
    from storage.views import StaffMember

T = TypeVar("T")
log = logging.getLogger("walkin")
HEARTBEAT_SECONDS = 60
TERMINAL_CHECK_SECONDS = 3


def has_terminal() -> bool:
    """True while the process still has its controlling terminal."""
    try:
        os.close(os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY))
    except OSError:
        return False
    return True


class WalkinApp(InertApp, LocalisedBindings, App[None]):
    CSS_PATH = "walkin.tcss"
    BINDINGS = [
        Binding("f1", "help", N_("Help"), id="app.help"),
        Binding("ctrl+l", "lock", N_("Lock"), id="app.lock", priority=True),
        Binding("f12", "lock", N_("Lock"), id="app.lock_f12", priority=True, show=False),
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit", priority=True, show=False),
    ]

    def __init__(self, settings: Settings, clock: Callable[[], datetime] = utc_now) -> None:
        super().__init__()
        self.settings = settings
        self.clock = clock
        self._services: Services | None = None
        self._profile: ServiceProfile | None = None
        self.worker_on_duty: StaffMember | None = None
        self.desk_session_id: int | None = None
        self._heartbeats: Timer | None = None
        self._last_input = monotonic()
        self.title = "walkin-desk"

    # --------------------------------------------------------------- start ---
    def on_mount(self) -> None:
        self.push_screen(SignInScreen())
        idle_seconds = self.settings.idle_lock_minutes * 60
        self.set_interval(min(5.0, idle_seconds / 4), self._lock_if_idle, name="idle-lock")
        if has_terminal():
            self.set_interval(TERMINAL_CHECK_SECONDS, self._exit_if_terminal_gone, name="terminal")
        # The database, the profile and the desk's screens load in a thread after the first
        # paint, so the sign-in form is there at once (and typing can start).
        self.call_after_refresh(
            self.run_worker, self._open, thread=True, group="startup", exit_on_error=False
        )

    def _open(self) -> None:
        from forms.profile import ProfileError, load_profile
        from storage.services import open_services

        import tui.screens.desk  # noqa: F401  (warm: the desk opens without a pause after sign-in)

        try:
            profile = load_profile(self.settings.profile)
            services = open_services(
                self.settings.database_url,
                profile,
                self.settings.database.busy_timeout_seconds,
                self.clock,
                self.settings.workstation,
            )
            staff_count = services.staff.count()
        except ProfileError as error:
            self.call_from_thread(self._start_failed, _("The service profile has errors:"), error.problems)
        except StorageError as error:
            self.call_from_thread(self._start_failed, error.message, [])
        else:
            self.call_from_thread(self._opened, profile, services, staff_count)

    def _opened(self, profile: ServiceProfile, services: Services, staff_count: int) -> None:
        self._profile = profile
        self._services = services
        self.title = str(profile.service.name)
        self.sub_title = str(profile.service.organisation)
        self.run_db(services.reports.prepare, quiet=True)
        self._purge_old(services)
        self._warn_if_password_in_settings()
        from tui.live import watch_queue

        self.run_worker(partial(watch_queue, self, services.db, self._queue_changed, self._offline, self._online),
                        thread=True, group="watch", exit_on_error=False)
        if staff_count == 0:
            self.switch_screen(FirstRunScreen())
        elif isinstance(self.screen, SignInScreen):
            self.screen.database_ready()

    # --------------------------------------------------------- the queue ---
    def _queue_changed(self) -> None:
        """Another desk (or this one) changed the queue: the screen on show reads it again."""
        changed = getattr(self.screen, "queue_changed", None)
        if changed is not None:
            changed()
        if (member := self.worker_on_duty) is not None:
            # Deactivated or demoted at another desk: signed out here at once (see run_db).
            admin = member.role == "admin"
            self.run_db(lambda: self.services.staff.standing(member.id, admin), quiet=True)

    def _offline(self) -> None:
        self.notify(_("The database does not answer. What is on the screen and what you type stay here; "
                      "nothing is saved until it is back. Trying again…"),
                    title=_("Connection lost"), severity="error", timeout=24 * 3600)

    def _online(self) -> None:
        self.clear_notifications()
        self.notify(_("The database answers again."), title=_("Connection back"), timeout=6)

    def _purge_old(self, services: Services) -> None:
        """Retention runs on every start (and by `walkin purge`)."""
        from storage.audit import Actor
        from tui.retention import purge_old

        actor = Actor(None, self.settings.workstation, via="start")
        self.run_db(lambda: purge_old(services, self.settings, actor), quiet=True)

    def _warn_if_password_in_settings(self) -> None:
        from storage.credentials import password_in_url

        if self.settings.database.url and password_in_url(self.settings.database.url):
            log.warning("the database URL in the settings contains a password (not logged)")
            self.notify(_("The database URL in the settings contains a password. Remove it and run "
                          "walkin db set-password: passwords belong in the OS keyring."),
                        severity="warning", timeout=30)

    def _exit_if_terminal_gone(self) -> None:
        """A closed terminal window ends the app (everything is already saved). Without this a
        process started by `make run` misses the hang-up and Textual's input thread spins on the
        dead terminal at full CPU (Textualize/textual PR 6690)."""
        if not has_terminal():
            log.warning("the terminal is gone; exiting")
            self.exit()

    def _start_failed(self, message: str, details: list[str]) -> None:
        self.switch_screen(StartFailedScreen(message, details))

    @property
    def services(self) -> Services:
        assert self._services is not None, "services are used only after the database opened"
        return self._services

    @property
    def profile(self) -> ServiceProfile:
        assert self._profile is not None
        return self._profile

    @property
    def ready(self) -> bool:
        return self._services is not None

    # ------------------------------------------------------------- sign-in ---
    def signed_in(self, member: StaffMember, desk_session_id: int) -> None:
        """To the desk; on the lock screen this is switching user: the first worker is signed out
        (their intake was kept as a draft when the screen locked)."""
        from tui.screens.desk import DeskScreen
        from tui.screens.intake import IntakeScreen

        previous = self.desk_session_id
        if previous is not None:
            self.run_db(lambda: self.services.staff.sign_out(previous), quiet=True)
        log.info("%s signed in at %s", member.username, self.settings.workstation)
        self.worker_on_duty = member
        self.desk_session_id = desk_session_id
        self._last_input = monotonic()
        self._back_to(DeskScreen())
        if self._heartbeats is not None:
            self._heartbeats.stop()
        self._heartbeats = self.set_interval(HEARTBEAT_SECONDS, self._heartbeat, name="heartbeat")
        self.run_db(
            lambda: self.services.drafts.load(member.id, IntakeScreen.DRAFT_KIND),
            self._restore_draft,
        )

    def _restore_draft(self, draft: dict[str, Any] | None) -> None:
        if draft:
            from tui.screens.intake import IntakeScreen

            self.notify(_("Your unfinished intake was restored."), timeout=6)
            self.push_screen(IntakeScreen(draft))

    def sign_out(self, then_quit: bool = False, revoked: bool = False) -> None:
        """Back to the sign-in screen at once; the last worker to leave the desk sees the day's
        summary first, with the visits still open, to print or save (not one whose account was
        just deactivated or demoted: `revoked`)."""
        from tui.screens.summary import SummaryScreen

        member, session_id = self.worker_on_duty, self.desk_session_id
        log.info("%s signed out", member.username if member else "?")
        self.worker_on_duty = self.desk_session_id = None
        if self._heartbeats is not None:
            self._heartbeats.stop()
        self._back_to(SignInScreen())

        def signed_out(still_here: int) -> None:
            if still_here == 0 and not revoked:
                self.push_screen(SummaryScreen(member, closing=True), lambda _r: self._after_sign_out(then_quit))
            else:
                self._after_sign_out(then_quit)

        # The sign-in lapses by itself without heartbeats if this fails.
        self.run_db(lambda: self.services.staff.sign_out(session_id), signed_out,
                    lambda _message: self._after_sign_out(then_quit), quiet=True)

    def _after_sign_out(self, then_quit: bool) -> None:
        if then_quit:
            self.exit()

    def _back_to(self, screen: Screen[Any]) -> None:
        """Close every screen and dialog of the desk and show `screen` instead."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(screen)

    async def action_quit(self) -> None:
        """Quitting signs the worker out first, so the end of the day is not skipped (on the
        lock screen it just quits: the day's summary is not for whoever stands there)."""
        from tui.screens.lock import LockScreen

        if self.desk_session_id is None or isinstance(self.screen, LockScreen):
            self.exit()
        else:
            self.sign_out(then_quit=True)

    # ---------------------------------------------------------------- lock ---
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)):
            self._last_input = monotonic()
        await super().on_event(event)

    def _lock_if_idle(self) -> None:
        if monotonic() - self._last_input >= self.settings.idle_lock_minutes * 60:
            self.action_lock()

    def action_lock(self) -> None:
        """Cover the screen at once; what is half-typed is kept as the worker's draft first."""
        from tui.screens.lock import LockScreen

        if self.worker_on_duty is None or isinstance(self.screen, LockScreen):
            return
        for screen in self.screen_stack:
            keep_draft = getattr(screen, "keep_draft", None)
            if keep_draft is not None:
                keep_draft()
        log.info("screen locked (%s)", self.worker_on_duty.username)
        self.push_screen(LockScreen(self.worker_on_duty))

    def unlock(self) -> None:
        from tui.screens.lock import LockScreen

        self._last_input = monotonic()
        if isinstance(self.screen, LockScreen):
            self.pop_screen()

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

    # ----------------------------------------------------------- database ---
    def run_db(
        self,
        job: Callable[[], T],
        done: Callable[[T], object] | None = None,
        failed: Callable[[str], object] | None = None,
        quiet: bool = False,
    ) -> None:
        """Run `job` in a thread; `done(result)` or `failed(message)` run back on the screen.

        The one place where database errors become a message for the worker."""

        def work() -> None:
            try:
                result = job()
            except AccountRevoked as error:
                self.call_from_thread(self._account_revoked, error, failed, quiet)
            except StorageError as error:
                self.call_from_thread(self._db_failed, error.message, failed, quiet)
            except Exception:
                log.exception("database job failed")
                message = _("Something went wrong and nothing was saved. Try again; if it repeats, tell the administrator.")
                self.call_from_thread(self._db_failed, message, failed, quiet)
            else:
                if done is not None:
                    self.call_from_thread(done, result)

        self.run_worker(work, thread=True, group="db", exit_on_error=False)

    def _account_revoked(self, error: AccountRevoked, failed: Callable[[str], object] | None, quiet: bool) -> None:
        """The worker on duty was deactivated or demoted since signing in: nothing was done, and
        they are signed out (the screens that asked are closed, so `failed` is not called)."""
        if self.worker_on_duty is None or self.worker_on_duty.id != error.staff_id:
            self._db_failed(error.message, failed, quiet)
            return
        self.notify(error.message, title=_("Signed out"), severity="error", timeout=15)
        self.sign_out(revoked=True)

    def _db_failed(self, message: str, failed: Callable[[str], object] | None, quiet: bool) -> None:
        if not quiet:
            self.notify(message, title=_("Not saved"), severity="error", timeout=10)
        if failed is not None:
            failed(message)

    # ------------------------------------------------------------- others ---
    def action_help(self) -> None:
        from tui.dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Any:
        yield from super().get_system_commands(screen)
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            for title, help_text, callback in commands():
                yield SystemCommand(title, help_text, callback)

    def on_unmount(self) -> None:
        if self._services is None:
            return
        if self.desk_session_id is not None:
            try:
                self._services.staff.sign_out(self.desk_session_id)
            except StorageError:
                pass  # the sign-in lapses by itself without heartbeats
        self._services.close()
