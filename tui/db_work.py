"""The app's database work: each step in a thread, its answer back on the screen, its failure
a message for the worker (and a log line that never quotes one)."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import TypeVar

from textual.dom import DOMNode
from textual.worker import Worker, active_worker, get_current_worker

from forms.i18n import _
from storage.errors import AccountRevoked, StorageError

T = TypeVar("T")
log = logging.getLogger("walkin")


def log_failure(error: BaseException, where: str, then: str = "") -> None:
    """The error's type and where it happened, not its message: that may quote a client's name."""
    frames = "".join(traceback.format_tb(error.__traceback__))
    log.error("unexpected %s in %s%s\n%s", type(error).__name__, where, f"; {then}" if then else "", frames)


def let_go(work: Callable[[], T]) -> Callable[[], T]:
    """`work` for a thread worker, leaving nothing behind in its thread. Textual marks the worker
    as current in the pool thread's own context (not a copy of it), so each thread kept its last
    worker, and the screen that worker belongs to, until its next job: a closed screen stayed in
    memory meanwhile (issue 19)."""

    def run() -> T:
        try:
            return work()
        finally:
            active_worker.set(None)  # type: ignore[arg-type]

    return run


class DatabaseWork:
    """Mixed into WalkinApp: `run_db` and where its answers and failures go."""

    def run_db(
        self,
        job: Callable[[], T],
        done: Callable[[T], object] | None = None,
        failed: Callable[[str], object] | None = None,
        quiet: bool = False,
        *,
        owner: DOMNode | None = None,
        group: str = "db",
        hold_keys: bool = False,
    ) -> None:
        """Run `job` in a thread; `done(result)` or `failed(message)` run back on the screen.

        With `owner` (a screen), the worker is that screen's and the only one of its `group`:
        closing the screen cancels it, and a newer one cancels an older one, whose late answer is
        then dropped. The one place where database errors become a message for the worker, and
        where a failing `done` or `failed` is reported (`worker_failed`).

        `hold_keys`: the step leads to another screen (or back to this one when it fails), so keys
        typed meanwhile wait and go there, not to the screen the worker is leaving."""
        release = self.key_gate.hold() if hold_keys else None

        def work() -> None:
            worker = get_current_worker()
            # The answers below run in copies of this thread's context; a screen first built by one
            # (a kept form lives all day) kept the worker, its job and the client's form in it.
            active_worker.set(None)  # type: ignore[arg-type]
            try:
                result = job()
            except AccountRevoked as error:  # signed out even where the screen is gone
                self.call_from_thread(self._answer, None, self._account_revoked, error, failed, quiet)
            except StorageError as error:
                self.call_from_thread(self._answer, worker, self._db_failed, error.message, failed, quiet)
            except Exception as error:
                log_failure(error, "a database step")
                message = _("Something went wrong and nothing was saved. Try again; if it repeats, tell the "
                            "administrator.")
                self.call_from_thread(self._answer, worker, self._db_failed, message, failed, quiet)
            else:
                if done is not None:
                    self.call_from_thread(self._answer, worker, done, result)
            finally:
                if release is not None:
                    self.call_from_thread(release)

        (owner or self).run_worker(let_go(work), thread=True, group=group, exclusive=owner is not None,
                                   exit_on_error=False)

    def _answer(self, worker: Worker[None] | None, callback: Callable[..., object], *args: object) -> None:
        """On the app's thread, where screens close and workers are cancelled: a cancelled worker's
        answer is dropped, and so is one whose screen closed after the worker had finished (too
        late to cancel it); a callback that fails is reported, and the desk goes on."""
        # A screen being closed is still attached while its widgets go (Textual prunes children
        # first): its answer would find them gone (NoMatches), as Textual's own signals know.
        if worker is not None and (worker.is_cancelled or not worker.node.is_attached or worker.node._pruning):
            return
        try:
            callback(*args)
        except Exception as error:
            self.worker_failed(error)

    def _account_revoked(self, error: AccountRevoked, failed: Callable[[str], object] | None, quiet: bool) -> None:
        """The worker on duty was deactivated or demoted since signing in: nothing was done, and
        they are signed out (the screens that asked are closed, so `failed` is not called)."""
        if self.worker_on_duty is None or self.worker_on_duty.id != error.staff_id:
            self._db_failed(error.message, failed, quiet)
            return
        self.notify(error.message, title=_("Signed out"), severity="error", timeout=15, public=True)
        self.sign_out(revoked=True)

    def _db_failed(self, message: str, failed: Callable[[str], object] | None, quiet: bool) -> None:
        if not quiet:
            self.notify(message, title=_("Not saved"), severity="error", timeout=10)
        if failed is not None:
            failed(message)

    def worker_failed(self, error: Exception) -> None:
        """Every failure in the background or in showing its answer ends here: a message for the
        worker and a line in the log. The desk goes on: what the database holds is as it was."""
        log_failure(error, "a background step or its answer on the screen")
        self.notify(_("Something went wrong on the screen. What was saved stays saved; check the "
                      "screen, and if it repeats, tell the administrator."),
                    title=_("Error"), severity="error", timeout=10)
