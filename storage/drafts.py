"""Half-typed forms, saved as the worker types so a crash or a closed terminal loses nothing.

A draft lives in the database, so it follows its worker to any desk. While the database does
not answer, it waits in one small owner-only file in the data folder (beside the SQLite database
or the saved printouts, which hold the same kind of data), and goes to the database the next time
it is saved or read there; the file is removed once nothing waits in it."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from forms.files import private_folder, write_atomically
from forms.timefmt import utc_now
from storage.db import Database
from storage.errors import StorageError
from storage.models import Draft
from storage.standing import refuse_revoked

INTAKE_DRAFT = "intake"
FINISH_DRAFT = "finish"
"""The kinds of the desk's own drafts (the screens keep theirs under these), named here so that the
sign-in can look for them without importing the screens and their use cases."""

WAITING_FILE = "drafts-waiting.json"
"""Named for what it is, never for whom: the worker and the form are keys inside."""
log = logging.getLogger("walkin")


class DraftStore:
    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now, folder: Path | None = None) -> None:
        self.db = db
        self.clock = clock
        self.waiting = folder / WAITING_FILE if folder is not None else None
        """None: no local copy; a save while the database is away fails as any other write."""
        self._file_lock = threading.Lock()

    def save(self, staff_id: int, kind: str, data: dict[str, Any]) -> bool:
        """Keep the draft: True in the database; False when the database did not answer and it
        waits in the data folder instead."""
        try:
            self._save(staff_id, kind, data)
        except StorageError:
            if self.waiting is None:
                raise
            self._keep_here(staff_id, kind, {"at": self.clock().isoformat(), "data": data})
            return False
        self._keep_here(staff_id, kind, None)
        return True

    def _save(self, staff_id: int, kind: str, data: dict[str, Any]) -> None:
        with self.db.writing() as session:
            refuse_revoked(session, staff_id)
            draft = session.scalar(select(Draft).where(Draft.staff_id == staff_id, Draft.kind == kind))
            if draft is None:
                session.add(Draft(staff_id=staff_id, kind=kind, data=data, updated_at=self.clock()))
            else:
                draft.data = data
                draft.updated_at = self.clock()

    def load(self, staff_id: int, kind: str) -> dict[str, Any] | None:
        """The newest draft: one waiting here is newer than the database's (a later save there
        would have removed it), and goes there now if it can."""
        waiting = self._waiting().get(_key(staff_id, kind))
        if waiting is not None:
            try:
                self.save(staff_id, kind, waiting["data"])
            except StorageError:
                pass
            return waiting["data"]
        with self.db.reading() as session:
            return session.scalar(
                select(Draft.data).where(Draft.staff_id == staff_id, Draft.kind == kind)
            )

    def clear(self, staff_id: int, kind: str) -> None:
        self._keep_here(staff_id, kind, None)
        with self.db.writing() as session:
            drop(session, staff_id, kind)

    def forget_here(self, staff_id: int, kind: str) -> None:
        """Drop the copy waiting in the data folder of a draft whose database row went with the
        step that used it (see `drop`); a file that cannot be written is only logged: the step
        is done."""
        try:
            self._keep_here(staff_id, kind, None)
        except OSError:
            log.warning("the file of waiting drafts cannot be written; a used draft may come back")

    def forget_waiting(self, before: datetime) -> int:
        """Retention for the drafts that wait here: drop those last typed before `before`."""
        with self._file_lock:
            entries = self._waiting()
            kept = {key: entry for key, entry in entries.items()
                    if datetime.fromisoformat(entry["at"]) >= before}
            if len(kept) < len(entries):
                self._write(kept)
        return len(entries) - len(kept)

    # ------------------------------------------------------------ the file ---
    def _keep_here(self, staff_id: int, kind: str, entry: dict[str, Any] | None) -> None:
        if self.waiting is None or (entry is None and not self.waiting.exists()):
            return
        with self._file_lock:
            entries = self._waiting()
            if entry is not None:
                entries[_key(staff_id, kind)] = entry
            elif entries.pop(_key(staff_id, kind), None) is None:
                return
            self._write(entries)

    def _waiting(self) -> dict[str, Any]:
        if self.waiting is None:
            return {}
        try:
            entries = json.loads(self.waiting.read_bytes())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("the file of waiting drafts cannot be read; ignored")  # never its content
            return {}
        return entries if isinstance(entries, dict) else {}

    def _write(self, entries: dict[str, Any]) -> None:
        assert self.waiting is not None
        if not entries:
            self.waiting.unlink(missing_ok=True)
            return
        private_folder(self.waiting.parent, tighten=False)
        write_atomically(self.waiting, json.dumps(entries, ensure_ascii=False).encode())


def drop(session: Session, staff_id: int, kind: str) -> None:
    """Delete a worker's draft in the caller's transaction: a step that uses the draft (admit,
    finish) drops it in the same commit, so a crash never leaves the step done and the draft back."""
    session.execute(delete(Draft).where(Draft.staff_id == staff_id, Draft.kind == kind))


def _key(staff_id: int, kind: str) -> str:
    return f"{staff_id}:{kind}"
