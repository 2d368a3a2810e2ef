"""Retention as a whole: the personal fields of old visits in the database, and the printouts
saved in the data folder on those days. Run on every start and by `walkin purge`."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from printouts.printer import forget_saved

if TYPE_CHECKING:
    from forms.settings import Settings
    from storage.audit import Actor
    from storage.retention import Purged
    from storage.services import Services


def purge_old(services: Services, settings: Settings, actor: Actor, keep_days: int | None = None) -> tuple[Purged, int]:
    """What was purged, and how many saved printouts were removed."""
    keep_days = keep_days or settings.retention_days
    purged = services.retention.purge(keep_days, actor, settings.audit_retention_days)
    services.drafts.forget_waiting(services.drafts.clock() - timedelta(days=keep_days))
    return purged, forget_saved(settings.home / "printouts", purged.before)
