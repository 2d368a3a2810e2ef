"""Retention as a whole: the personal fields of old visits in the database, and the printouts and
documentation notes saved in the data folder on those days. Run on every start and by `walkin purge`.
Old visits awaiting documentation keep theirs unless `including_undocumented` (storage.retention)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from printouts.printer import forget_saved

if TYPE_CHECKING:
    from forms.settings import Settings
    from storage.audit import Actor
    from storage.retention import Purged
    from storage.services import Services


def purge_old(services: Services, settings: Settings, actor: Actor, keep_days: int | None = None,
              including_undocumented: bool = False) -> tuple[Purged, int]:
    """What was purged, and how many saved printouts and notes were removed."""
    from workflows.documentation import forget_notes

    keep_days = keep_days or settings.retention_days
    purged = services.retention.purge(keep_days, actor, settings.follow_up_retention_days, including_undocumented,
                                      settings.audit_retention_days)
    services.drafts.forget_waiting(services.drafts.clock() - timedelta(days=keep_days))
    kept = {(visit.service_day, visit.ticket) for visit in purged.kept}
    notes = forget_notes(settings.home, purged.before, kept)
    return purged, forget_saved(settings.home / "printouts", purged.before) + notes
