"""What every part of the desk shares: the database, the clock, this workstation, the audit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from forms.choices import AuditAction, FeedbackInstruction
from forms.timefmt import utc_now
from storage.audit import COMMAND_LINE, Actor, record
from storage.db import Database
from storage.models import Visit
from storage.standing import refuse_revoked


class DeskBase:
    """The state the desk's parts share; each part adds the operations of one concern."""

    def __init__(
        self,
        db: Database,
        ticket_prefix: str = "A",
        meeting_minutes: int = 20,
        clock: Callable[[], datetime] = utc_now,
        workstation: str | None = None,
        calls_before_no_show: int = 3,
    ) -> None:
        self.db = db
        self.ticket_prefix = ticket_prefix
        self.meeting_minutes = meeting_minutes
        self.clock = clock
        self.workstation = workstation
        self.calls_before_no_show = calls_before_no_show

    def _audit(self, session: Session, staff_id: int | None, action: AuditAction,
               visit_id: int | None, detail: str | None = None) -> None:
        refuse_revoked(session, staff_id)  # every step of the desk records its event here
        actor = Actor(staff_id, self.workstation) if staff_id is not None else COMMAND_LINE
        record(session, self.clock(), actor, action, visit_id, detail)

    def _feedback_instruction(self, session: Session, visit_id: int, how: FeedbackInstruction,
                              staff_id: int) -> None:
        """How the client got the feedback instruction: on its own, or with the finish."""
        session.execute(
            update(Visit).where(Visit.id == visit_id).values(feedback_instruction=how.value, updated_at=self.clock())
        )
        self._audit(session, staff_id, AuditAction.FEEDBACK, visit_id, how.value)
