"""A summary out of the desk: as text, CSV or JSON, as a PDF printed or saved, or as an Excel
workbook; every export recorded."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from forms.choices import AuditAction, PrintOutcome
from forms.i18n import _
from forms.profile import ServiceProfile
from forms.settings import Settings
from forms.timefmt import service_day

if TYPE_CHECKING:
    from printouts.printer import PrintResult
    from storage.audit import Actor
    from storage.services import Services
    from storage.views import StaffMember


class SummaryFormat(StrEnum):
    TEXT = "text"
    CSV = "csv"
    """For a spreadsheet: opens by double-click in a Finnish Excel (`;`, UTF-8 with a BOM)."""
    CSV_PLAIN = "csv-plain"
    """For a program: comma-separated UTF-8 without a BOM."""
    JSON = "json"
    PDF = "pdf"
    XLSX = "xlsx"
    """An Excel workbook: a sheet per table of the summary."""


EXCEL_BOM = "\ufeff"
"""Without it Excel reads UTF-8 as the local code page: "Ã¤" for "ä"."""


class PdfWay(StrEnum):
    """A summary PDF goes to the printer, or is kept as a file."""

    PRINT = "print"
    SAVE = "save"


@dataclass(frozen=True)
class Delivered:
    """How a summary PDF went, in words for the worker; `ok`: it went where it was asked to."""

    message: str
    ok: bool


class SiteRefused(ValueError):
    """A summary asked of a site the profile does not list, or outside the asker's scope; the
    message says which sites there are."""


def summary_sites(services: Services, profile: ServiceProfile, asked: Sequence[str],
                  staff_id: int | None) -> list[str] | None:
    """The sites a summary covers: those `asked` for, else every site the worker `staff_id` may see
    (None: the whole service). An administrator limited to some sites (`walkin staff change
    --site`) is refused any other (SiteRefused, with the sites they may see)."""
    if problem := profile.not_sites(asked):
        raise SiteRefused(problem)
    scope = services.staff.sites_of(staff_id) if staff_id is not None else ()
    outside = [site for site in asked if scope and site not in scope]
    if outside:
        raise SiteRefused(_("Your figures are limited to {sites}: {site} is not among them.").format(
            sites=", ".join(profile.site_name(site) for site in scope), site=profile.site_name(outside[0])))
    if asked:
        return list(dict.fromkeys(asked))
    return list(scope) if scope else None


def summary_as_text(services: Services, profile: ServiceProfile, day_from: date, day_to: date,
                    form: SummaryFormat, actor: Actor, viewer: StaffMember | None = None,
                    sites: Collection[str] | None = None) -> str:
    """The summary as text (bar charts; counts alone), CSV (a row per visit) or JSON, the export
    recorded on the audit trail. `viewer`: whose names the text shows (None: nobody's). `sites`:
    those it covers (summary_sites; None: the whole service)."""
    from storage.reports import CSV_COLUMNS
    from workflows.summary_text import summary_lines

    _record(services, actor, day_from, day_to, form.value, sites)
    if form in (SummaryFormat.CSV, SummaryFormat.CSV_PLAIN):
        excel = form is SummaryFormat.CSV
        out = io.StringIO()
        # A Finnish Excel splits on `;`: the comma is its decimal separator.
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, delimiter=";" if excel else ",")
        writer.writeheader()
        writer.writerows(services.reports.visit_rows(day_from, day_to, sites))
        return (EXCEL_BOM if excel else "") + out.getvalue()
    summary = services.reports.summary(day_from, day_to, sites, fairness=day_to > day_from)
    if form is SummaryFormat.JSON:
        return summary.model_dump_json(indent=2) + "\n"
    if form is SummaryFormat.TEXT:
        return "\n".join(summary_lines(summary, profile, viewer)) + "\n"
    raise ValueError(f"not a text format: {form}")


def deliver_pdf(services: Services, settings: Settings, profile: ServiceProfile, day_from: date, day_to: date,
                actor: Actor, sees_name: Callable[[int], bool], way: PdfWay, out: Path | None = None,
                sites: Collection[str] | None = None) -> Delivered:
    """The summary as a PDF, printed (kept in the data folder when no printer takes it) or saved
    (to `out`, else in the data folder); `sees_name(staff_id)`: whose names it shows."""
    from printouts.printer import send
    from printouts.summary import summary_pdf

    today = service_day(services.clock())
    summary = services.reports.summary(day_from, day_to, sites, fairness=day_to > day_from)
    _record(services, actor, day_from, day_to, f"pdf {way.value}", sites)
    pdf = summary_pdf(summary, profile, sees_name, today)
    stem = f"summary-{day_from}-{day_to}"
    save_root = settings.home / "printouts"
    if way is PdfWay.SAVE:
        return _kept(pdf, out, save_root, today, stem, ".pdf", _("Summary saved: {path}"))
    result = send(pdf, stem, stem, save_root, settings.printer, timeout=settings.print_timeout_seconds, day=today)
    return Delivered(printed_text(result), result.outcome is PrintOutcome.PRINTED)


def save_workbook(services: Services, settings: Settings, profile: ServiceProfile, day_from: date, day_to: date,
                  actor: Actor, sees_name: Callable[[int], bool], out: Path | None = None,
                  sites: Collection[str] | None = None) -> Delivered:
    """The summary as an Excel workbook, written to `out`, else beside the other exports in the
    data folder (owner-only, as they are); `sees_name(staff_id)`: whose names it shows."""
    from printouts.workbook import summary_workbook

    summary = services.reports.summary(day_from, day_to, sites, fairness=day_to > day_from)
    _record(services, actor, day_from, day_to, "xlsx", sites)
    workbook = summary_workbook(summary, profile, sees_name)
    return _kept(workbook, out, settings.home / "exports", service_day(services.clock()),
                 f"summary-{day_from}-{day_to}", ".xlsx", _("Workbook saved: {path}"))


def _kept(data: bytes, out: Path | None, save_root: Path, today: date, stem: str, suffix: str,
          saved: str) -> Delivered:
    """Write the file to `out`, or in the folder of `today` under `save_root`; `saved` says where."""
    from printouts.printer import NotSaved, save, write_pdf

    try:
        path = write_pdf(data, out) if out else save(data, save_root, today, stem, suffix)
    except NotSaved as error:
        return Delivered(error.message, False)
    return Delivered(saved.format(path=path), True)


def printed_text(result: PrintResult) -> str:
    """What the worker is told after a summary went to the printer."""
    if result.outcome is PrintOutcome.PRINTED:
        return _("Summary printed ({printer}).").format(printer=result.printer)
    if result.path is None:
        return _("Summary was neither printed nor saved: {error}").format(error=result.error)
    return _("Summary was not printed: {error} The PDF is in {path}").format(error=result.error, path=result.path)


def _record(services: Services, actor: Actor, day_from: date, day_to: date, how: str,
            sites: Collection[str] | None = None) -> None:
    at = f" sites={','.join(sites)}" if sites is not None else ""
    services.audit.add(actor, AuditAction.EXPORT, detail=f"summary {day_from}..{day_to} {how}{at}")
