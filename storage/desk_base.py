"""What every part of the desk shares: the database, the clock, this workstation, the audit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from forms.choices import AuditAction
from forms.timefmt import utc_now
from storage.audit import COMMAND_LINE, Actor, record
from storage.db import Database
from storage.standing import refuse_revoked


class DeskBase:
    """The state the desk's parts share; each part adds the operations of one concern."""

    def __init__(
        self,
        db: Database,
        ticket_prefix: str = "A",
        session_minutes: int = 20,
        clock: Callable[[], datetime] = utc_now,
        workstation: str | None = None,
    ) -> None:
        self.db = db
        self.ticket_prefix = ticket_prefix
        self.session_minutes = session_minutes
        self.clock = clock
        self.workstation = workstation

    def _audit(self, session: Session, staff_id: int | None, action: AuditAction,
               visit_id: int | None, detail: str | None = None) -> None:
        refuse_revoked(session, staff_id)  # every step of the desk records its event here
        actor = Actor(staff_id, self.workstation) if staff_id is not None else COMMAND_LINE
        record(session, self.clock(), actor, action, visit_id, detail)
