"""Whether a signed-in account may still act: one deactivated or demoted since it signed in may not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms.choices import StaffRole
from forms.i18n import _
from storage.errors import AccountRevoked
from storage.models import Staff

if TYPE_CHECKING:
    from storage.audit import Actor  # storage.audit imports this module


def refuse_revoked(session: Session, by: Actor | int | None, admin: bool = False) -> None:
    """Refuse the step of `by` (a staff id, or the command line's administrator; None: the first
    run) if the account was deactivated, or (`admin`: an administrator's step) is not an
    administrator now.

    Called inside the transaction that acts, so a refusal leaves nothing behind. The row is read
    with a shared lock (PostgreSQL), so a deactivation waits for a step under way, never the reverse."""
    staff_id = by if by is None or isinstance(by, int) else by.staff_id
    if staff_id is None:
        return
    row = session.execute(select(Staff.active, Staff.role).where(Staff.id == staff_id)
                          .with_for_update(read=True)).first()
    if row is None or not row.active:
        raise AccountRevoked(_("Your account was deactivated, so you were signed out. Anything you did after "
                               "that was not saved."), staff_id)
    if admin and row.role != StaffRole.ADMIN.value:
        raise AccountRevoked(_("You are no longer an administrator, so you were signed out. Account changes "
                               "after that were not saved; sign in again to go on."), staff_id)
