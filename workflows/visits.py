"""The visit's steps that must be one transaction: admit (with the intake draft dropped) and
finish (with the feedback-instruction answer and the finish draft), then the sheet if asked for;
and a finished visit's outcome corrected; and closing the day's open visits at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from forms.choices import FeedbackInstruction, HandoutKind, StaffRole
from forms.i18n import _
from forms.intake import IntakeForm
from forms.outcome import Finishing, Outcome
from forms.profile import ServiceProfile
from forms.settings import Settings
from storage.drafts import FINISH_DRAFT, INTAKE_DRAFT
from storage.errors import StorageError
from workflows.handouts import Request, Told, produce_all

if TYPE_CHECKING:
    from storage.services import Services
    from storage.views import QueueEntry, StaffMember, VisitDetail


def admit(services: Services, form: IntakeForm, staff_id: int) -> QueueEntry:
    """Queue the walk-in and drop the worker's intake draft, in one commit: a crash or a busy
    database leaves either both done or neither (never the visit queued and the draft back)."""
    entry = services.desk.admit(form, staff_id, drop_draft=INTAKE_DRAFT)
    services.drafts.forget_here(staff_id, INTAKE_DRAFT)
    return entry


def call_next(services: Services, staff_id: int, seen: Callable[[], object] = lambda: None,
              ) -> tuple[QueueEntry, VisitDetail | None] | None:
    """Call the next client, and read their visit in the same step: the screen opens with it in one
    frame, instead of "Loading…" and a second round trip (issue 19); opening it is recorded as on
    the board. Then `seen()` (the caller's catch-up): neither write is told back to this process
    as a change to read again (on PostgreSQL, Database.read_after). None: nobody is waiting."""
    with services.db.read_after():
        entry = services.desk.call_next(staff_id)
    try:
        detail = services.desk.visit(entry.id, staff_id) if entry is not None else None
    except StorageError:
        detail = None  # called all the same: the visit screen reads it as it shows
    seen()
    return None if entry is None else (entry, detail)


def finish(services: Services, settings: Settings, profile: ServiceProfile, visit_id: int, finishing: Finishing,
           worker: StaffMember, finished: Callable[[], object] = lambda: None,
           tell: Callable[[Told], object] = lambda _told: None) -> None:
    """Finish the visit with the outcome and the worker's feedback answer, dropping their finish
    draft, in one commit; a refused finish (another desk was first) raises TransitionRefused and
    stores nothing. Then `finished()` (the caller's read of what the finish changed, in this thread:
    on PostgreSQL its notice is not told back to this process, Database.read_after), and when the
    answer was "print it now", the sheet is printed and recorded like any handout (`tell` says how
    it went): a printer that fails loses neither the answer nor the finish, and the failed print
    is on record."""
    with services.db.read_after():  # by `finished`
        services.desk.finish(visit_id, finishing.outcome, worker.id, feedback=finishing.feedback,
                             drop_draft=FINISH_DRAFT)
    services.drafts.forget_here(worker.id, FINISH_DRAFT)
    finished()
    if finishing.feedback is FeedbackInstruction.PRINTED:
        produce_all([Request(HandoutKind.FEEDBACK)], services, settings, profile, visit_id, worker, tell)


def may_close_day(services: Services, worker: StaffMember) -> bool:
    """Closing the day is for an administrator, or for the last worker at the desk (nobody else
    signed in anywhere): one worker must not end the day under colleagues still at work."""
    return worker.role == StaffRole.ADMIN or services.staff.others_present(worker.id) == 0


def close_day(services: Services, worker: StaffMember, site: str | None = None) -> tuple[str, ...]:
    """Mark today's open visits at `site` (None: this workstation's) that no desk is busy with left
    without being seen (see storage's `close_day` for which), each audited; the tickets closed
    (none: someone was first)."""
    if not may_close_day(services, worker):
        raise StorageError(_("Only an administrator or the last worker at the desk can close the day."))
    return services.desk.close_day(worker.id, site)


def correct_outcome(services: Services, visit_id: int, outcome: Outcome, worker: StaffMember) -> list[str]:
    """Replace a finished visit's outcome with the corrected one, the same day only (else
    TransitionRefused); the feedback answer and the handouts printed stay as they were. Returns
    the names of the fields changed (none: nothing was written)."""
    return services.desk.correct_outcome(visit_id, outcome, worker.id)
