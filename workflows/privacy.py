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

from forms.choices import ErasureReason, PrivacyRequestKind
from forms.i18n import _
from forms.profile import ServiceProfile
from forms.settings import Settings
from forms.timefmt import format_datetime, service_day

if TYPE_CHECKING:
    from forms.privacy import DocumentOrder, DocumentWay, FindQuery
    from storage.audit import Actor
    from storage.privacy import FoundVisit, RequestRecord
    from storage.services import Services

LANGUAGES = ("fi", "sv", "en")


class CopyFormat(StrEnum):
    JSON = "json"
    PDF = "pdf"


class ExtractFormat(StrEnum):
    PDF = "pdf"
    CSV = "csv"


def find(services: Services, query: FindQuery, actor: Actor) -> tuple[FoundVisit, ...]:
    """The visits not yet erased that the query finds; the look-up is audited (storage)."""
    return services.privacy.find(actor, name=query.name, phone=query.phone, ticket=query.ticket, day=query.day)


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


def deliver(data: bytes, way: DocumentWay, settings: Settings, services: Services, stem: str, suffix: str) -> str:
    """A document made for a request, printed through the desk's printer (kept in the data
    folder's exports when no printer takes it) or saved there; what the administrator is told.
    The title CUPS sees is the file's stem: visit numbers, never a name."""
    from forms.choices import PrintOutcome
    from forms.privacy import DocumentWay
    from printouts.printer import NotSaved, send

    if DocumentWay(way) is not DocumentWay.PRINT:
        try:
            return write_out(data, None, settings, services, stem, suffix)
        except NotSaved as error:
            return error.message
    result = send(data, stem, stem, settings.home / "exports", settings.printer,
                  timeout=settings.print_timeout_seconds, day=service_day(services.clock()))
    if result.outcome is PrintOutcome.PRINTED:
        return _("Printed ({printer}).").format(printer=result.printer)
    if result.path is None:
        return _("Neither printed nor saved: {error}").format(error=result.error)
    return _("Not printed: {error} The PDF is in {path}").format(error=result.error, path=result.path)


@dataclass(frozen=True)
class Erased:
    visits: int
    files: int
    """Saved handouts of the visits (they may name the client) removed from the data folder."""

    def text(self) -> str:
        return _("Erased the personal fields of {visits} visits ({files} saved handouts removed); their "
                 "counts stay in the summaries.").format(visits=self.visits, files=self.files)


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
    """A time for the lists, in Helsinki and in the UI language's own form (30.11.2026 klo 11.46)."""
    return format_datetime(moment)


def restricted_text(changed: int, lift: bool) -> str:
    """What the administrator is told after restricting the visits, or lifting it."""
    return (_("Restriction lifted on {n} visits.") if lift else
            _("Processing restricted on {n} visits: no handouts, and the screens show the ticket only.")).format(
        n=changed)


def add_request(services: Services, kind: PrivacyRequestKind, received: date, visit_ids: Sequence[int],
                actor: Actor) -> str:
    """A request received, in the register (due a month later); what the administrator is told."""
    from forms.timefmt import format_date

    number = services.privacy.add_request(kind, received, visit_ids, actor)
    due = next(r.due_on for r in services.privacy.requests(actor) if r.id == number)
    return _("Request {number} recorded; due {date}.").format(number=number, date=format_date(due))


def request_state(request: RequestRecord) -> str:
    """Done (when, by whom), overdue (said in words, with a sign that does not rest on colour), or open."""
    if request.done_at is not None:
        return _("done {time}, {name}").format(time=local_time(request.done_at), name=request.done_by or "–")
    return "⚠ " + _("OVERDUE") if request.overdue else _("open")


def copy_out(services: Services, settings: Settings, profile: ServiceProfile, visit_ids: Sequence[int],
             order: DocumentOrder, actor: Actor) -> str:
    """An access copy as the screen orders it: the PDF printed or saved, or the JSON saved."""
    from forms.privacy import DocumentWay

    form = CopyFormat.JSON if order.way is DocumentWay.SAVE_DATA else CopyFormat.PDF
    data = access_copy(services, profile, visit_ids, form, order.language, actor)
    return deliver(data, order.way, settings, services, file_stem("access-copy", visit_ids), f".{form.value}")


def extract_out(services: Services, settings: Settings, profile: ServiceProfile, visit_ids: Sequence[int],
                order: DocumentOrder, actor: Actor) -> str:
    """A log extract as the screen orders it: the PDF printed or saved, or the CSV saved."""
    from forms.privacy import DocumentWay

    form = ExtractFormat.CSV if order.way is DocumentWay.SAVE_DATA else ExtractFormat.PDF
    data = log_extract(services, profile, visit_ids, form, order.language, actor)
    return deliver(data, order.way, settings, services, file_stem("log-extract", visit_ids), f".{form.value}")


def mark_done(services: Services, number: int, actor: Actor) -> str:
    services.privacy.mark_done(number, actor)
    return _("Request {number} marked done.").format(number=number)


def mark_documented(services: Services, visits: Sequence[FoundVisit], staff_id: int) -> tuple[int, ...]:
    """Old client matters marked documented in the client information system (the desk marks only
    today's), so retention may erase them; those not awaiting documentation are left alone. The ids
    marked."""
    from workflows.documentation import mark_documented as mark

    marked = []
    for visit in visits:
        if visit.awaits_documentation:
            mark(services, visit.id, staff_id)
            marked.append(visit.id)
    return tuple(marked)
