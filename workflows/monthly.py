"""The monthly report: the month's, the previous month's and the year-before's summaries, a summary a
week for the coverage, the staffing figures, as a PDF; the export recorded on the audit trail."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from forms.choices import AuditAction
from forms.i18n import _
from forms.monthly import MonthlyReport, month_days, previous_month, weeks_of, year_before
from forms.profile import ServiceProfile
from forms.settings import Settings
from forms.timefmt import service_day

if TYPE_CHECKING:
    from storage.audit import Actor
    from storage.services import Services


def monthly_report(services: Services, month: date, sites: Collection[str] | None = None) -> MonthlyReport:
    """The figures of the month that `month` is in, at `sites` (workflows.summaries.summary_sites;
    None: the whole service)."""
    reports = services.reports
    first, last = month_days(month)
    return MonthlyReport(
        month=first,
        # the fair-triage figures of the month only: the others compare visits and coverage
        current=reports.summary(first, last, sites, fairness=True),
        previous=reports.summary(*month_days(previous_month(first)), sites),
        year_before=reports.summary(*month_days(year_before(first)), sites),
        weeks=[reports.summary(day_from, day_to, sites) for day_from, day_to in weeks_of(first)],
        staffing=reports.staffing(first, last, sites),
    )


def save_monthly_pdf(services: Services, settings: Settings, profile: ServiceProfile, month: date, actor: Actor,
                     out: Path | None = None, sites: Collection[str] | None = None) -> str:
    """Write the report to `out` (else the data folder's printouts); what the worker is told.
    Raises printouts.printer.NotSaved when the file cannot be written."""
    from printouts.monthly import monthly_pdf
    from printouts.printer import save, write_pdf

    report = monthly_report(services, month, sites)
    at = f" sites={','.join(sites)}" if sites is not None else ""
    services.audit.add(actor, AuditAction.EXPORT, detail=f"monthly report {report.month:%Y-%m}{at}")
    pdf = monthly_pdf(report, profile, service_day(services.clock()))
    path = write_pdf(pdf, out) if out else save(pdf, settings.home / "printouts", service_day(services.clock()),
                                                f"report-{report.month:%Y-%m}")
    return _("Monthly report saved: {path}").format(path=path)
