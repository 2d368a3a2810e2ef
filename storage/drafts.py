"""Half-typed forms, saved as the worker types so a crash or a closed terminal loses nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from forms.timefmt import utc_now
from storage.db import Database
from storage.models import Draft
from storage.standing import refuse_revoked


class DraftStore:
    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now) -> None:
        self.db = db
        self.clock = clock

    def save(self, staff_id: int, kind: str, data: dict[str, Any]) -> None:
        with self.db.writing() as session:
            refuse_revoked(session, staff_id)
            draft = session.scalar(select(Draft).where(Draft.staff_id == staff_id, Draft.kind == kind))
            if draft is None:
                session.add(Draft(staff_id=staff_id, kind=kind, data=data, updated_at=self.clock()))
            else:
                draft.data = data
                draft.updated_at = self.clock()

    def load(self, staff_id: int, kind: str) -> dict[str, Any] | None:
        with self.db.reading() as session:
            return session.scalar(
                select(Draft.data).where(Draft.staff_id == staff_id, Draft.kind == kind)
            )

    def clear(self, staff_id: int, kind: str) -> None:
        with self.db.writing() as session:
            session.execute(delete(Draft).where(Draft.staff_id == staff_id, Draft.kind == kind))
