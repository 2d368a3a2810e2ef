"""Answering a data-subject request: the access copy (JSON or PDF), the log extract (PDF or CSV),
erasure and restriction, each written owner-only under a name without personal data, and audited."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forms.choices import ErasureReason
from forms.i18n import _
from forms.profile import ServiceProfile
from forms.settings import Settings
from forms.timefmt import HELSINKI, service_day

if TYPE_CHECKING:
    from storage.audit import Actor
    from storage.services import Services

LANGUAGES = ("fi", "sv", "en")


class CopyFormat(StrEnum):
    JSON = "json"
    PDF = "pdf"


class ExtractFormat(StrEnum):
    PDF = "pdf"
    CSV = "csv"


def access_copy(services: Services, profile: ServiceProfile, visit_ids: Sequence[int], form: CopyFormat,
                language: str, actor: Actor) -> bytes:
    """Everything held about the visits, as JSON (every field by its name, times in ISO 8601) or
    as a PDF for the client in `language`; the export of each visit is audited."""
    form = CopyFormat(form)
    held = services.privacy.held(visit_ids, actor, f"access copy {form.value}")
    if form is CopyFormat.JSON:
        document = {
            "service": profile.service.name.get(language),
            "made_at": held.made_at,
            "staff": {str(k): v for k, v in sorted(held.staff.items())},
            "visits": [{"visit": item.visit, **item.sections} for item in held.visits],
        }
        return (json.dumps(document, ensure_ascii=False, indent=2, default=_json_value) + "\n").encode("utf-8")
    from printouts.access_copy import access_copy as render

    return render(profile, [(item.visit, item.sections) for item in held.visits], held.staff, language,
                  service_day(services.clock()))


def _json_value(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def log_extract(services: Services, profile: ServiceProfile, visit_ids: Sequence[int], form: ExtractFormat,
                language: str, actor: Actor) -> bytes:
    """Every audit event about the visits, oldest first: a PDF for the client in `language`, or
    CSV (the audit trail's columns); making it is audited."""
    from storage.audit import CSV_COLUMNS

    form = ExtractFormat(form)
    rows = services.privacy.log_extract(visit_ids, actor, f"log extract {form.value}")
    if form is ExtractFormat.CSV:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(row.csv() for row in rows)
        return out.getvalue().encode("utf-8")
    from printouts.access_copy import log_extract as render
    from printouts.data import LogLine

    lines = [LogLine(r.at, r.username or r.actor or "", r.action.value, r.workstation or "", r.ticket or "",
                     r.service_day, r.detail or "") for r in rows]
    return render(profile, lines, language, service_day(services.clock()))


def write_out(data: bytes, out: Path | None, settings: Settings, services: Services, stem: str,
              suffix: str) -> str:
    """Write to `out` (owner-only, whole or not at all), or else into the data folder's exports
    under `stem` (visit numbers, never a name); what the administrator is told. NotSaved says why not."""
    from printouts.printer import save, write_pdf

    path = write_pdf(data, out) if out is not None else save(
        data, settings.home / "exports", service_day(services.clock()), stem, suffix)
    return _("Saved: {path}").format(path=path)


def file_stem(kind: str, visit_ids: Sequence[int]) -> str:
    """access-copy-visits-12-15: the visits' numbers, which say nothing to anyone without the desk."""
    return f"{kind}-visits-{'-'.join(str(i) for i in visit_ids)}"[:80]


@dataclass(frozen=True)
class Erased:
    visits: int
    files: int
    """Saved handouts of the visits (they may name the client) removed from the data folder."""


def erase(services: Services, settings: Settings, visit_ids: Sequence[int], reason: ErasureReason,
          actor: Actor) -> Erased:
    """Erase the visits' personal fields now (counts kept), and the handouts kept for them as files
    in the data folder (a memo names the client)."""
    files = services.privacy.saved_files(visit_ids)
    erased = services.privacy.erase(visit_ids, reason, actor)
    home = settings.home.resolve()
    removed = 0
    for name in files:
        path = Path(name).resolve()
        if path.is_relative_to(home) and path.is_file():  # never a file the worker saved elsewhere
            path.unlink()
            removed += 1
    return Erased(erased, removed)


def local_time(moment: datetime) -> str:
    """A time for the command line's lists, in Helsinki."""
    return moment.astimezone(HELSINKI).strftime("%Y-%m-%d %H:%M")
