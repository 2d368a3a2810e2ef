"""Telling a desk that the queue changed somewhere: PostgreSQL's LISTEN/NOTIFY (migration 0006
notifies on every change to a visit; 0028 names the writing transaction), or, on SQLite, the
file's data_version, which moves whenever another connection commits. `wait` blocks a watcher
thread, never the screen."""

from __future__ import annotations

import threading
import time
from typing import Any, Protocol, cast

from storage.db import Database

CHANNEL = "walkin_queue"
SQLITE_POLL_SECONDS = 0.25


class ChangeFeed(Protocol):
    def wait(self, timeout: float) -> bool:
        """True as soon as the queue changed (False after `timeout` seconds without a change).
        Raises when the database cannot be reached."""
        ...

    def caught_up(self) -> None:
        """Every change committed so far counts as seen: called from another thread by a desk that
        reads what it shows next (its read starts after this), so its own change (a sign-in) does
        not come back as a change to read again."""
        ...

    def close(self) -> None: ...


def open_feed(db: Database) -> ChangeFeed:
    return SqliteFeed(db) if db.is_sqlite else PostgresFeed(db)


class SqliteFeed:
    def __init__(self, db: Database) -> None:
        self._connection: Any = db.engine.raw_connection()
        self._lock = threading.Lock()
        """The watcher's thread and a desk's `caught_up` take turns on the connection."""
        self._version = self._data_version()

    def _data_version(self) -> int:
        cursor = self._connection.cursor()
        try:
            return int(cursor.execute("PRAGMA data_version").fetchone()[0])
        finally:
            cursor.close()

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                version = self._data_version()
                if version != self._version:
                    self._version = version
                    return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            time.sleep(min(SQLITE_POLL_SECONDS, remaining))  # a short wait ends on time

    def caught_up(self) -> None:
        try:
            with self._lock:
                self._version = self._data_version()
        except Exception:
            pass  # closed, or the file unreachable: the watcher finds out and tells the worker

    def close(self) -> None:
        with self._lock:
            self._connection.close()


class PostgresFeed:
    def __init__(self, db: Database) -> None:
        # A connection of its own, outside the pool's transactions: LISTEN needs autocommit.
        self._pooled: Any = db.engine.raw_connection()
        self._connection: Any = cast(Any, self._pooled.driver_connection)  # psycopg, not typed here
        self._connection.autocommit = True
        self._connection.execute(f"LISTEN {CHANNEL}")
        self._read_backs = db.read_back

    def caught_up(self) -> None:
        """Nothing to do here: a write its desk reads back names its transaction before it commits
        (Database.read_after), and `wait` drops that transaction's notice whenever it comes (after
        the caught_up, or before it: the watcher would win that race)."""

    def wait(self, timeout: float) -> bool:
        notices = list(self._connection.notifies(timeout=timeout, stop_after=1))
        if notices:  # one refresh serves a burst of notices
            notices += self._connection.notifies(timeout=0)
        return any(not self._read_back(notice.payload) for notice in notices)

    def _read_back(self, payload: str) -> bool:
        """The notice names (migration 0028) a transaction of this process's that its writer reads
        back; one without a name (from a desk not yet upgraded) is always a change."""
        if not payload.isdigit() or int(payload) not in self._read_backs:
            return False
        self._read_backs.discard(int(payload))
        return True

    def close(self) -> None:
        try:
            self._connection.execute(f"UNLISTEN {CHANNEL}")
        except Exception:
            pass
        self._pooled.invalidate()
