"""What every part of the desk shares: the database, the clock, this workstation, the audit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import ColumnElement, update
from sqlalchemy.orm import Session

from forms.choices import AuditAction, FeedbackInstruction
from forms.timefmt import utc_now
from forms.waits import QueueRules
from storage.audit import COMMAND_LINE, Actor, record
from storage.db import Database
from storage.models import Visit
from storage.standing import refuse_revoked


class DeskBase:
    """The state the desk's parts share; each part adds the operations of one concern."""

    def __init__(
        self,
        db: Database,
        site: str,
        ticket_prefix: str = "A",
        meeting_minutes: int = 20,
        clock: Callable[[], datetime] = utc_now,
        workstation: str | None = None,
        queue_rules: QueueRules | None = None,
    ) -> None:
        self.db = db
        self.site = site
        """The workstation's walk-in site: the queue it calls from, the tickets it gives."""
        self.queue_rules = queue_rules or QueueRules()
        self.ticket_prefix = ticket_prefix
        self.meeting_minutes = meeting_minutes
        self.clock = clock
        self.workstation = workstation

    def here(self, site: str | None = None) -> ColumnElement[bool]:
        """The visits of this workstation's site (or of `site`, another one's, for reading)."""
        return Visit.site == (site or self.site)

    def _audit(self, session: Session, staff_id: int | None, action: AuditAction,
               visit_id: int | None, detail: str | None = None) -> None:
        audit_step(session, self.clock(), staff_id, self.workstation, action, visit_id, detail)

    def _feedback_instruction(self, session: Session, visit_id: int, how: FeedbackInstruction,
                              staff_id: int) -> None:
        """How the client got the feedback instruction: on its own, or with the finish."""
        session.execute(
            update(Visit).where(Visit.id == visit_id).values(feedback_instruction=how.value, updated_at=self.clock())
        )
        self._audit(session, staff_id, AuditAction.FEEDBACK, visit_id, how.value)


def audit_step(session: Session, now: datetime, staff_id: int | None, workstation: str | None,
               action: AuditAction, visit_id: int | None, detail: str | None = None) -> None:
    """A worker's step at this workstation (None: the command line), refused if their account was
    revoked since the sign-in; every step of the desk records its event here."""
    refuse_revoked(session, staff_id)
    actor = Actor(staff_id, workstation) if staff_id is not None else COMMAND_LINE
    record(session, now, actor, action, visit_id, detail)
