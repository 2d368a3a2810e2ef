"""Shown instead of the desk when the database or the profile cannot be opened: what, why, where
the details are, and a real "try again"."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from forms.i18n import N_, _
from tui.localised import LocalisedBindings
from tui.widgets.header import Header
from tui.widgets.keys_footer import KeysFooter

log = logging.getLogger("walkin")


def explain_start_failure(error: Exception) -> tuple[str, list[str]]:
    """What the start-failed screen says about `error` (message, detail lines); the traceback
    goes to the log, whatever the error."""
    from forms.profile import ProfileError
    from storage.errors import StorageError

    if isinstance(error, ProfileError):
        log.error("the service profile cannot be used: %s", error, exc_info=error)
        return _("The service profile has errors:"), error.problems
    if isinstance(error, StorageError):
        log.error("the database cannot be opened: %s", error.message, exc_info=error)
        return error.message, []
    log.error("could not start", exc_info=error)
    return _("walkin-desk could not start because of an unexpected error ({error}). Tell the administrator: the "
             "details are in the log.").format(error=type(error).__name__), []


class StartFailedScreen(LocalisedBindings, Screen[None]):
    HELP = N_("The app could not start. The message says why; nothing was changed. Once the cause is "
              "fixed, r tries again.")
    BINDINGS = [
        Binding("r", "retry", N_("Try again"), id="failed.retry"),
        Binding("q,escape", "app.quit", N_("Quit"), id="failed.quit"),
    ]

    def __init__(self, message: str, details: list[str], log: Path | None = None,
                 retry: Callable[[], None] | None = None, retry_seconds: int | None = None,
                 title: str | None = None) -> None:
        """`retry`: what r does; `retry_seconds`: also do it by itself after that long (the
        waiting-room display, where nobody is at the keyboard)."""
        super().__init__()
        self.message = message
        self.details = details
        self.log_file = log
        self.retry = retry
        self.retry_seconds = retry_seconds if retry is not None else None
        self.heading = title or _("The desk cannot start")

    def on_mount(self) -> None:
        if self.retry_seconds is not None:
            self.set_timer(self.retry_seconds, self.action_retry)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="card", id="start-failed"):
            yield Static(self.heading, classes="card-title")
            yield Static(self.message, id="failure-message", markup=False)
            for line in self.details:
                yield Static(f"• {line}", classes="failure-detail", markup=False)
            if self.retry_seconds is not None:
                yield Static(_("Nothing was changed. It tries again by itself in {seconds} s; r tries now, q quits.")
                             .format(seconds=self.retry_seconds), id="failure-next")
            elif self.retry is not None:
                yield Static(_("Nothing was changed. Once the cause is fixed, press r to try again; q quits."),
                             id="failure-next")
            else:
                yield Static(_("Nothing was changed. Fix the cause and start the app again; q quits."),
                             id="failure-next")
            if self.log_file is not None:
                yield Static(_("Details for the administrator: {log}").format(log=self.log_file), markup=False,
                         id="failure-log")
        yield KeysFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.retry is not None if action == "retry" else True

    def action_retry(self) -> None:
        if self.retry is not None:
            self.retry()
