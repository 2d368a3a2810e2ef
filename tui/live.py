"""Following the shared queue from a thread: every change refreshes the screen at once, and a
lost database connection is reported, retried with backoff, and reported again when it is back."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App
from textual.worker import get_current_worker

from storage.changes import ChangeFeed, open_feed
from storage.db import Database
from storage.errors import StorageError

if TYPE_CHECKING:
    from tui.app import WalkinApp
    from workflows.shift import DeskReads

log = logging.getLogger("walkin")
WAIT_SECONDS = 0.1
"""How long one wait for a change lasts: a quitting desk waits for this thread to see it is cancelled
(the interpreter joins it), and a change ends the wait at once whatever this is."""
LONGEST_RETRY_SECONDS = 15.0


def watch_queue(app: App[object], db: Database, changed: Callable[[], object],
                offline: Callable[[], object], online: Callable[[], object],
                following: Callable[[ChangeFeed | None], object] = lambda _feed: None) -> None:
    """Run as a thread worker; the callbacks run on the app's own thread, but `following`, told
    in this thread of the feed followed (None: none, the connection lost)."""
    worker = get_current_worker()
    feed: ChangeFeed | None = None
    retry, lost = 1.0, False

    def tell(callback: Callable[[], object]) -> None:
        if not worker.is_cancelled:
            app.call_from_thread(callback)

    # An app that ended after an error may never cancel this worker: its end stops it too.
    while not worker.is_cancelled and app.is_running:
        try:
            if feed is None:
                feed = open_feed(db)
                following(feed)
                if lost:
                    log.info("database connection back")
                    tell(online)
                    lost = False
                tell(changed)  # whatever happened while nobody listened
            if feed.wait(WAIT_SECONDS):
                tell(changed)
            retry = 1.0
        except Exception as error:
            following(None)
            if feed is not None:
                try:
                    feed.close()
                except Exception:
                    pass
                feed = None
            if not lost:
                log.warning("database connection lost: %s", type(error).__name__)
                tell(offline)
                lost = True
            deadline = time.monotonic() + retry
            while time.monotonic() < deadline and not worker.is_cancelled:
                time.sleep(0.1)
            retry = min(retry * 2, LONGEST_RETRY_SECONDS)
    following(None)
    if feed is not None:
        feed.close()


def own_write_seen(app: WalkinApp) -> None:
    """In the worker of this desk's own write, after it: the write counts as seen by the watcher
    (`ChangeFeed.caught_up`), so it does not come back as a change to read the board again for."""
    if (feed := app.queue_feed) is not None:
        feed.caught_up()


def reads_after_own_write(app: WalkinApp) -> DeskReads | None:
    """In the worker of this desk's own write (a finish), after it: the write seen (`own_write_seen`),
    the worker's standing checked, and what the desk shows read here, after it: a change of another
    desk that the catch-up took for seen is in this read. None: not read (the desk reads it as it
    shows), or the account was revoked meanwhile (the desk's own check of it signs the worker out)."""
    from workflows.shift import desk_reads

    own_write_seen(app)
    member = app.worker_on_duty
    if member is None:
        return None
    try:
        app.services.staff.standing(member.id, member.role == "admin")
        return desk_reads(app.services, member.id)
    except StorageError:
        return None
