"""WalkinApp: opens the database after the first paint, signs a worker in and wires the screens."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from time import monotonic
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from forms.first_view import FirstView
from forms.i18n import N_, _
from forms.timefmt import utc_now
from storage.errors import StorageError
from tui import heap
from tui.accessibility import apply_view
from tui.db_work import DatabaseWork, log_failure
from tui.handover_alert import handovers_read, read_handovers
from tui.inert import InertApp
from tui.key_gate import KeyGate
from tui.localised import LocalisedBindings
from tui.messages import AcuteAlertsChanged, QueueChanged
from tui.screens.sign_in import SignInScreen
from tui.screens.start_failed import StartFailedScreen
from tui.shift import Shift
from tui.widgets.form_field import keep_toasts_clear

if TYPE_CHECKING:
    from pathlib import Path

    from textual.driver import Driver

    from forms.profile import ServiceProfile
    from forms.settings import Settings
    from storage.changes import ChangeFeed
    from storage.services import Services
    from storage.views import HandedOver, QueueEntry, StaffMember
    from workflows.shift import DeskReads

log = logging.getLogger("walkin")
TERMINAL_CHECK_SECONDS = 3


@dataclass(frozen=True)
class SettingsToLoad:
    """The settings as the desk's first screen gets them: what that screen needs (read without
    pydantic), and how to read the rest, in a thread after the first paint. `load` raises
    StartRefused for settings or a data folder the desk cannot start with."""

    view: FirstView
    load: Callable[[], Settings]


class StartRefused(Exception):
    """The desk cannot start with these settings or this data folder: `lines` say why, printed
    once the app has ended, and `code` is the command's exit status."""

    def __init__(self, lines: list[str], code: int) -> None:
        super().__init__("; ".join(lines))
        self.lines = lines
        self.code = code


def has_terminal() -> bool:
    """True while the process still has its controlling terminal."""
    try:
        os.close(os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY))
    except OSError:
        return False
    return True


class WalkinApp(Shift, DatabaseWork, InertApp, LocalisedBindings, App[None]):
    """The app shell: start-up, the queue watcher and the acute alert; the shift (tui.shift) and
    the database work (tui.db_work) are mixed in."""

    CSS_PATH = "walkin.tcss"
    BINDINGS = [
        Binding("f1", "help", N_("Help"), id="app.help"),
        Binding("ctrl+l", "lock", N_("Lock"), id="app.lock", priority=True),
        Binding("f12", "lock", N_("Lock"), id="app.lock_f12", priority=True, show=False),
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit", priority=True, show=False),
        # F-keys, not letters: these work on every screen, a form's fields too.
        Binding("f7", "high_contrast", N_("High contrast on/off"), id="app.high_contrast", show=False),
        Binding("f8", "large_text", N_("Larger text layout on/off"), id="app.large_text", show=False),
    ]

    settings: Settings
    """Set from the start when given, else once loaded after the first paint (SettingsToLoad)."""

    def __init__(self, settings: Settings | SettingsToLoad, clock: Callable[[], datetime] = utc_now) -> None:
        super().__init__()
        if isinstance(settings, SettingsToLoad):
            self._to_load: SettingsToLoad | None = settings
            view = settings.view
        else:
            self._to_load = None
            self.settings = settings
            view = FirstView(high_contrast=settings.theme == "high_contrast", large_text=settings.large_text,
                             home=settings.home,
                             first_start=settings.database.url is None and not (settings.home / "walkin.db").exists())
        self._view = view
        self.start_refused: StartRefused | None = None
        """Why the desk could not start with its settings (SettingsToLoad), for the command to print."""
        self.clock = clock
        self._services: Services | None = None
        self._profile: ServiceProfile | None = None
        self.worker_on_duty: StaffMember | None = None
        self.desk_session_id: int | None = None
        self._heartbeats: Timer | None = None
        self._held: list[tuple[str, str, SeverityLevel, float | None]] | None = None
        """While the screen is locked: the notifications that came meanwhile, for the worker who
        unlocks it (None: not locked)."""
        self.queue_feed: ChangeFeed | None = None
        """The watcher's feed of queue changes (tui.live), None while it has none."""
        self.queue_changes_told = 0
        """How many queue changes the watcher has told of: a board read in a worker is current
        when none was told after the read started (`own_change_read`)."""
        self._last_input = monotonic()
        self.acute_alerts: tuple[QueueEntry, ...] = ()
        """The acute visits nobody has called yet, as last read: the alert of every desk."""
        self.handovers_to_me: tuple[HandedOver, ...] = ()
        """The visits handed to the worker on duty, as last read (tui.handover_alert)."""
        self.key_gate = KeyGate(self)
        self._start_keys: Callable[[], None] | None = None
        """On a first start: releases the keys typed before the first-account form (on_mount)."""
        self.title = "walkin-desk"
        self.high_contrast = view.high_contrast
        self.large_text = view.large_text
        """The view of this session: from the settings, switched by F7 and F8 (tui.accessibility)."""

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, on Linux and macOS one that ends without waiting for its keyboard
        thread's look at the terminal (tui.driver); TEXTUAL_DRIVER still chooses another."""
        from textual import constants

        if constants.DRIVER is not None or sys.platform == "win32":
            return super().get_driver_class()
        from tui.driver import DeskDriver

        return DeskDriver

    @property
    def _background_screens(self) -> list[Screen[Any]]:
        """The screens that show through the one on top: none under an opaque one. Textual counts
        the one below as seen in any case, and a screen just covered had been refreshed whole as it
        was covered (push_screen): its next frame drew the screen on top over again, a frame later
        (every form opened from the desk took a frame more than drawing it)."""
        if self._screen_stack and self.screen.styles.background.a == 1:
            return []
        return super()._background_screens

    # --------------------------------------------------------------- start ---
    def on_mount(self) -> None:
        apply_view(self, self.high_contrast, self.large_text)
        # No database file yet: the first start, whose first-account form follows as soon as the
        # database is made; a sign-in form shown meanwhile would only flash by.
        self.push_screen(SignInScreen(form_shown=not self._view.first_start))
        # Keys typed meanwhile wait for the form that comes (they went into the hidden sign-in
        # form, and were lost with it); released by whichever screen the start ends on.
        if self._view.first_start:
            self._start_keys = self.key_gate.hold()
        if self._to_load is None:
            self._watch_idle()
        if has_terminal():
            self.set_interval(TERMINAL_CHECK_SECONDS, self._exit_if_terminal_gone, name="terminal")
        # The settings, the database, the profile and the desk's screens load in a thread after
        # the first paint, so the sign-in form is there at once (and typing can start: the keys
        # go into its fields, an Enter on the PIN waits with the keys after it for the database).
        self.call_after_refresh(
            self.run_worker, self._start, thread=True, group="startup", exit_on_error=False
        )

    def _watch_idle(self) -> None:
        idle_seconds = self.settings.idle_lock_minutes * 60
        self.set_interval(min(5.0, idle_seconds / 4), self._lock_if_idle, name="idle-lock")

    @property
    def home(self) -> Path:
        """The data folder (its log), before the settings are loaded too."""
        return self.settings.home if self._to_load is None else self._view.home

    def _start(self) -> None:
        """In a thread: the settings, when they were left to the app, then the database (`_open`)."""
        if (to_load := self._to_load) is not None:
            try:
                settings = to_load.load()
            except StartRefused as refused:
                self.call_from_thread(self._refuse_start, refused)
                return
            except Exception as error:
                from tui.screens.start_failed import explain_start_failure

                self.call_from_thread(self._start_failed, *explain_start_failure(error))
                return
            self.call_from_thread(self._settings_loaded, settings)
        self._open()

    def _settings_loaded(self, settings: Settings) -> None:
        self.settings = settings
        self.clock = settings.clock()
        self._to_load = None
        self._watch_idle()

    def _refuse_start(self, refused: StartRefused) -> None:
        self.start_refused = refused
        self.exit(return_code=refused.code)

    def _open(self) -> None:
        """In a thread. Every failure ends on the start-failed screen with a sentence to act on, and
        its traceback in the log: a worker that dies silently would leave "Opening the database…"."""
        from tui.screens.start_failed import explain_start_failure

        try:
            from forms.profile import load_profile
            from storage.services import open_services

            profile = load_profile(self.settings.profile)
            try:
                site = profile.workstation_site(self.settings.site)
            except ValueError as error:  # a site the profile does not list: its message says which are
                # The settings are read once, at the start: "try again" would only fail again.
                self.call_from_thread(self._start_failed, str(error), [], False)
                return
            if site is None:
                self.call_from_thread(self._ask_site, profile)
                return
            services = open_services(
                self.settings.database_url,
                profile,
                self.settings.database.busy_timeout_seconds,
                self.clock,
                self.settings.workstation,
                drafts_folder=self.settings.home,
                site=site,
                progress=self._told_tallying,
            )
            staff_count = services.staff.count()
        except Exception as error:
            self.call_from_thread(self._start_failed, *explain_start_failure(error))
        else:
            self.call_from_thread(self._opened, profile, services, staff_count)
            # Warm, so that the desk opens without a pause after the sign-in; imported only now, while
            # a PIN typed ahead is checked (its hash leaves the interpreter to this thread).
            import tui.screens.desk  # noqa: F401

            heap.freeze()  # with the rest of the start (heap.settle_in in `_opened`)

    def _ask_site(self, profile: ServiceProfile) -> None:
        """The first start with several sites: which is this workstation's (never the first one
        silently: its clients would queue at the wrong site's desks and display)."""
        from tui.screens.site_picker import SitePickerScreen

        heap.settle_in()  # the start waits here: the collector on again (tui.heap.hold_off)
        self._let_start_keys_go()
        self.push_screen(SitePickerScreen(
            profile.locations, _("Which walk-in site is this workstation at?"),
            _("The service has several walk-in sites, each with its own queue, tickets and waiting-room "
              "display. Choose this workstation's site: it is saved in the workstation's settings, and "
              "not asked again.")), self._site_chosen)

    def _site_chosen(self, site: str | None) -> None:
        """Saved as `site` in the settings file, then the start goes on at that site; a file that
        cannot be written still lets the desk work at the site, until it is closed."""
        from forms.settings import settings_file, write_top_level

        if site is None:
            return
        path = settings_file()
        try:
            write_top_level(path, "site", site)
        except OSError as error:
            log.warning("the site could not be saved in %s: %s", path, error)
            self.notify(_("The site could not be saved in {path} ({reason}). This run works at the site chosen; "
                          "the next start asks again.").format(path=path, reason=error.strerror or error),
                        severity="warning", timeout=30, public=True)
        else:
            self.notify(_("This workstation's site is saved in {path}.").format(path=path), timeout=8, public=True)
        self.settings = self.settings.model_copy(update={"site": site})
        self.run_worker(self._open, thread=True, group="startup", exit_on_error=False)

    def _told_tallying(self, done: int, total: int) -> None:
        """In the opening thread: the tallying's progress to the screen, while the app runs (one
        that ended meanwhile leaves the tallying to finish: what it counted is kept)."""
        if self.is_running:
            with suppress(RuntimeError):
                self.call_from_thread(self._tallying, done, total)

    def _tallying(self, done: int, total: int) -> None:
        """How far the start's tallying of past months is (storage.services.open_services), on the
        sign-in screen that waits for it."""
        if done == 0:
            heap.settle_in()  # seconds of counting to come: not without the collector (tui.heap.hold_off)
            log.info("counting the tallies of %d past months and runs of days before the desk opens", total)
        if isinstance(self.screen, SignInScreen):
            self.screen.tallying(done, total)

    async def _opened(self, profile: ServiceProfile, services: Services, staff_count: int) -> None:
        if not self.is_running:  # the app ended (an error) while the database opened
            services.close()
            return
        self._profile = profile
        self._services = services
        # What is alive now mostly lives as long as the app: the modules of Textual, SQLAlchemy and
        # the desk (imported by `_open`), kept out of the collections that come during keys; the
        # full ones wait for a quiet moment (tui.heap).
        heap.settle_in()
        self.set_interval(heap.BETWEEN_KEYS_SECONDS / 2, self._collect_when_idle, name="heap")
        if staff_count == 0:
            # Before the title changes: a header being removed with the sign-in screen would
            # otherwise look for its title widget after it is gone, and fail.
            from tui.screens.first_run import FirstRunScreen

            await self.switch_screen(FirstRunScreen())
        self._let_start_keys_go()
        # Which site's queue this desk works in, on every screen, when the service has several
        # (in place of the service's name: the header still leaves room for the screen's own line
        # at 80 columns).
        self.title = (profile.site_name(services.desk.site) if len(profile.locations) > 1
                      else str(profile.service.name))
        self.sub_title = str(profile.service.organisation)
        self.run_db(services.reports.prepare, quiet=True)
        self._purge_old(services)
        self._warn_if_password_in_settings()
        from tui.live import watch_queue

        self.run_worker(partial(watch_queue, self, services.db, self._queue_changed, self._offline, self._online,
                                partial(setattr, self, "queue_feed")), thread=True, group="watch", exit_on_error=False)
        if staff_count and isinstance(self.screen, SignInScreen):
            self.screen.database_ready()

    def _collect_when_idle(self) -> None:
        idle = monotonic() - self._last_input
        if idle >= heap.BETWEEN_KEYS_SECONDS and not self.key_gate.busy:
            heap.collect_idle(quiet=idle >= heap.QUIET_SECONDS)

    # --------------------------------------------------------- the queue ---
    def _queue_changed(self) -> None:
        """Another desk (or this one) changed the queue: the screen on show reads it again, if it
        handles QueueChanged; the desk under the lock notes it (DeskScreen.locked_over)."""
        from tui.screens.desk import DeskScreen

        if not self.screen_stack:
            # Closing: its screens are gone. Read on, the watcher took what it raised for a lost
            # database connection and logged one on the way out.
            return
        self.queue_changes_told += 1
        for screen in self.screen_stack:
            if screen is self.screen or isinstance(screen, DeskScreen):
                screen.post_message(QueueChanged())
        self.read_what_a_change_moves()

    def own_change_read(self, reads: DeskReads | None, told_before: int) -> None:
        """This desk's own change to the queue (a finish), what the desk shows read after it in the
        change's worker (tui.live.reads_after_own_write; None: not read), which took
        `queue_changes_told` as `told_before` first: the desk shows it, current unless a change was
        told of meanwhile (one the read may have missed: then what a change moves is read again,
        as the watcher would have). A change of another desk that the catch-up took for seen still
        reaches the acute alert, the handovers and the worker's standing: they are in `reads`."""
        from tui.screens.desk import DeskScreen

        current = self.queue_changes_told == told_before
        if (desk := next((s for s in self.screen_stack if isinstance(s, DeskScreen)), None)) is not None:
            desk.board_read(reads, current)
        member = self.worker_on_duty
        if reads is None or not current or member is None:
            self.read_what_a_change_moves()
            return
        self.alerts_read(member.id, reads)

    def alerts_read(self, staff_id: int, reads: DeskReads) -> None:
        """The acute alert and the handovers to this worker, as a step's own reads found them."""
        self._acute_read(reads.acute)
        handovers_read(self, staff_id, reads.handed)

    def read_what_a_change_moves(self) -> None:
        """Besides the boards: the acute alert, the handovers to this worker, their standing."""
        if (member := self.worker_on_duty) is not None:
            self._read_acute()
            read_handovers(self)
            # Deactivated or demoted at another desk: signed out here at once (see run_db).
            admin = member.role == "admin"
            self.run_db(lambda: self.services.staff.standing(member.id, admin), quiet=True)

    def _read_acute(self) -> None:
        # The app's own exclusive worker: a newer read cancels an older one, whose late answer
        # (an alert already called) is dropped.
        self.run_db(self.services.desk.acute_waiting, self._acute_read, quiet=True, owner=self, group="acute")

    def _acute_read(self, alerts: tuple[QueueEntry, ...]) -> None:
        """The bell rings for an acute visit not alerted before (one put back in the queue rings
        again); every screen that shows the alert follows, the lock screen without a name."""
        if self.worker_on_duty is None:
            return  # signed out meanwhile
        before = {e.id for e in self.acute_alerts}
        self.acute_alerts = alerts
        if any(e.id not in before for e in alerts):
            self.bell()
        for screen in self.screen_stack:
            screen.post_message(AcuteAlertsChanged())

    def _offline(self) -> None:
        self.notify(_("The database does not answer. What is on the screen and what you type stay here; "
                      "nothing is saved until it is back. Trying again…"),
                    title=_("Connection lost"), severity="error", timeout=24 * 3600, public=True)

    def _online(self) -> None:
        self.clear_notifications()
        self.notify(_("The database answers again."), title=_("Connection back"), timeout=6, public=True)

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
                        severity="warning", timeout=30, public=True)

    def _exit_if_terminal_gone(self) -> None:
        """A closed terminal window ends the app (everything is already saved). Without this a
        process started by `make run` misses the hang-up and Textual's input thread spins on the
        dead terminal at full CPU (Textualize/textual PR 6690)."""
        if not has_terminal():
            log.warning("the terminal is gone; exiting")
            self.exit()

    def _start_failed(self, message: str, details: list[str], retry: bool = True) -> None:
        from tui.log_file import log_path

        heap.settle_in()  # the start stops here: the collector on again (tui.heap.hold_off)
        self.switch_screen(StartFailedScreen(message, details, log_path(self.home),
                                             self._open_again if retry else None))
        self._let_start_keys_go()

    def _let_start_keys_go(self) -> None:
        if self._start_keys is not None:
            self._start_keys()
            self._start_keys = None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The last net: a start-up step that failed outside `_open`'s own handling (drawing the
        desk after it opened, say) still reaches the start-failed screen, never a silent wait; any
        other worker of the app's that fails is reported as one."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if event.worker.group == "startup":
            from tui.screens.start_failed import explain_start_failure

            self._start_failed(*explain_start_failure(error if isinstance(error, Exception) else RuntimeError()))
        elif isinstance(error, Exception):
            self.worker_failed(error)

    def _open_again(self) -> None:
        """The start-failed screen's "try again": the sign-in screen, and the database opened anew
        once that screen is built (a database quicker than its compose found no form to ready)."""
        async def open_again() -> None:
            await self.switch_screen(SignInScreen())
            self.run_worker(self._start, thread=True, group="startup", exit_on_error=False)

        self.run_worker(open_again(), group="reopen", exit_on_error=False)

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

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error ends the app without Textual's traceback on the terminal: that shows
        the values of local variables, client names among them. The log gets the type and where it
        happened, not the message (it may quote a name); `walkin` then starts the desk again at
        the sign-in screen."""
        log_failure(error, "the app", "the desk starts again")
        self._return_code = 1
        if self._exception is None:  # Pilot re-raises it in tests
            self._exception = error
            self._exception_event.set()
        self._exit_renderables.append(_("walkin-desk stopped after an unexpected error. The details "
                                        "are in the log."))
        self._close_messages_no_wait()

    # --------------------------------------------------------------- input ---
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)):
            self._last_input = monotonic()
        if isinstance(event, events.Key) and not event.is_forwarded:
            if event.key == "ctrl+j":
                # Enter typed while the desk was starting arrives as a line feed (the terminal
                # turned it into one before the app took the keyboard over): it is an Enter.
                event = events.Key("enter", "\r")
                event.set_sender(self)
            if not self.key_gate.admit(event):
                return  # typed ahead: it goes on once the keys before it have done their work
        await super().on_event(event)

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        if self._screen_stack:  # none left while the app closes: a late focus has nothing to place
            self.call_after_refresh(keep_toasts_clear, self.screen)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Only what makes sense at a desk: Textual's Screenshot wrote the screen (a client's
        triage answers) into ~/Downloads, unaudited and beyond retention; Maximize, Keys (in
        English, beside F1's help) and Theme are not a desk's business."""
        yield SystemCommand(_("quit"), _("Sign out and quit the app"), self.action_quit)

    def action_command_palette(self) -> None:
        """Textual's palette, with its search prompt in the desk's language."""
        from tui.palette import DeskCommandPalette

        if self.use_command_palette and not DeskCommandPalette.is_open(self):
            self.push_screen(DeskCommandPalette(id="--command-palette", placeholder=_("Search for a command…")))

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Textual's screenshot action does nothing here, whatever reaches it (a binding, a link):
        the file would hold client data outside the data folder, its audit and its retention."""

    # ------------------------------------------------------------- others ---
    def action_high_contrast(self) -> None:
        self.high_contrast = not self.high_contrast
        apply_view(self, self.high_contrast, self.large_text)
        self.notify(_("High contrast on.") if self.high_contrast else _("High contrast off."), timeout=3, public=True)

    def action_large_text(self) -> None:
        self.large_text = not self.large_text
        apply_view(self, self.high_contrast, self.large_text)
        self.notify(_("Larger text layout on. The letters grow with the terminal's own text size: Ctrl and +.")
                    if self.large_text else _("Larger text layout off."), timeout=4, public=True)

    def action_help(self) -> None:
        from tui.dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def on_unmount(self) -> None:
        heap.let_go()
        if self._services is None:
            return
        if self.desk_session_id is not None:
            try:
                self._services.staff.sign_out(self.desk_session_id)
            except StorageError:
                pass  # the sign-in lapses by itself without heartbeats
        self._services.close()
