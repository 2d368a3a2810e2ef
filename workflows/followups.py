"""The follow-up steps a worker takes: the list due (their own, or everyone's for an
administrator), the context a contact form is validated in, recording a contact (closing it erases
an old visit's personal fields at once, by the settings' retention days) and moving a follow-up."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from forms.choices import StaffRole
from forms.followup import FollowUpContact, FollowUpMove
from forms.i18n import _
from forms.settings import Settings
from storage.errors import StorageError

if TYPE_CHECKING:
    from storage.services import Services
    from storage.views import FollowUpDetail, FollowUpLine, StaffMember


def may_see_everyones(worker: StaffMember) -> bool:
    """Everyone's follow-ups are for an administrator; a worker sees their own."""
    return worker.role == StaffRole.ADMIN


def due(services: Services, worker: StaffMember, everyone: bool = False,
        through: date | None = None) -> list[FollowUpLine]:
    """The worker's open follow-ups (`everyone`: all workers', an administrator only), due on or
    before `through` (None: every open one), by due date."""
    if everyone and not may_see_everyones(worker):
        raise StorageError(_("Only an administrator can see everyone's follow-ups."))
    return services.follow_ups.due(None if everyone else worker.id, through)


def contact_context(services: Services, detail: FollowUpDetail) -> dict[str, Any]:
    """What a FollowUpContact is validated with (forms.followup): now, the profile's follow-up
    section, and the failed attempts so far."""
    return {"now": services.clock(), "profile": services.follow_ups.profile,
            "failed_attempts": detail.line.failed_attempts}


def record_contact(services: Services, settings: Settings, follow_up_id: int, contact: FollowUpContact,
                   worker: StaffMember) -> bool:
    """Record the contact (storage.followups); True when it closed the follow-up. A visit older
    than the retention days has its personal fields erased as it closes. TransitionRefused when
    another desk closed it first."""
    return services.follow_ups.record(follow_up_id, contact, worker.id, keep_days=settings.retention_days)


def move(services: Services, follow_up_id: int, move: FollowUpMove, worker: StaffMember) -> list[str]:
    """Move the follow-up to another date or worker; the names of the fields changed (audited)."""
    return services.follow_ups.move(follow_up_id, move, worker.id)
