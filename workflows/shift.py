"""A worker's shift begins: the sign-in, and everything the desk shows in its first frame read in
the same step (the board, the acute alert, handovers, the follow-up counts, the drafts to restore).
Read one by one after the desk showed, each answer drew the desk again, a frame after the other:
four more frames in every sign-in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.drafts import FINISH_DRAFT, INTAKE_DRAFT
from storage.errors import StorageError

if TYPE_CHECKING:
    from storage.services import Services
    from storage.views import FollowUpCounts, HandedOver, QueueEntry, QueueSnapshot, StaffMember


@dataclass(frozen=True, slots=True)
class DeskReads:
    """What a desk shows besides its own screen, read in one step: its site's board, the acute
    visits waiting, the visits handed to its worker, and their follow-up counts. One step, so that
    the desk draws them in one frame (read one by one, each answer drew the desk, and a question
    over it, again)."""

    board: QueueSnapshot
    acute: tuple[QueueEntry, ...]
    handed: tuple[HandedOver, ...]
    follow_ups: FollowUpCounts


def desk_reads(services: Services, staff_id: int) -> DeskReads:
    desk = services.desk
    return DeskReads(desk.snapshot(), desk.acute_waiting(), desk.handed_to(staff_id),
                     services.follow_ups.counts(staff_id))


@dataclass(frozen=True, slots=True)
class ShiftStart:
    """The worker signed in, their desk session, and what their desk opens with; None for what was
    not read (the database failed after the sign-in: the desk reads it as it shows)."""

    member: StaffMember
    desk_session_id: int
    reads: DeskReads | None = None
    drafts: tuple[dict[str, Any] | None, dict[str, Any] | None] | None = None
    """The worker's unfinished intake and outcome."""


def start_shift(services: Services, username: str, pin: str, workstation: str,
                signed_in: Callable[[], object] = lambda: None) -> ShiftStart:
    """Sign in (StorageError for a wrong PIN, a locked account), then `signed_in()` (the caller's
    note of its own write), then the desk's first reads."""
    with services.db.read_after():  # the board and the rest are read below
        member, session_id = services.staff.sign_in(username, pin, workstation)
    signed_in()
    try:
        return ShiftStart(member, session_id, desk_reads(services, member.id), unfinished(services, member.id))
    except StorageError:
        return ShiftStart(member, session_id)  # signed in all the same


def unfinished(services: Services, staff_id: int) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The worker's unfinished intake and outcome, to restore as their desk opens."""
    return services.drafts.load(staff_id, INTAKE_DRAFT), services.drafts.load(staff_id, FINISH_DRAFT)
