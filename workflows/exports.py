"""The audit trail out of the desk as CSV, to a file or the data folder; the export is itself recorded."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from forms.audit_query import AuditQuery
from forms.choices import AuditAction
from forms.i18n import _
from forms.settings import Settings
from forms.timefmt import service_day

if TYPE_CHECKING:
    from storage.audit import Actor
    from storage.services import Services


def audit_csv(services: Services, where: AuditQuery, actor: Actor) -> str:
    """Every event that `where` picks, as CSV; the export goes on the trail before it is handed out."""
    from storage.audit import CSV_COLUMNS

    rows = services.audit.events(where, limit=None, by=actor.staff_id)
    services.audit.add(actor, AuditAction.EXPORT, detail=f"audit trail, {len(rows)} events")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(row.csv() for row in rows)
    return out.getvalue()


def save_audit_csv(services: Services, settings: Settings, where: AuditQuery, actor: Actor) -> str:
    """The CSV of `audit_csv` kept in the data folder's exports; what the worker is told (where
    it is, or why it could not be written)."""
    from printouts.printer import NotSaved, save

    data = audit_csv(services, where, actor).encode("utf-8")
    try:
        path = save(data, settings.home / "exports", service_day(services.clock()), "audit", ".csv")
    except NotSaved as error:
        return error.message
    return _("Saved: {path}").format(path=path)
