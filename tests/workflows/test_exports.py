"""Summaries and the audit trail out of the desk without Textual: each format written once, each
export recorded, files filed by the caller's clock."""

from __future__ import annotations

import csv
import io
import json

from forms.audit_query import AuditQuery
from forms.choices import AuditAction
from forms.intake import IntakeForm
from forms.profile import ServiceProfile
from forms.settings import Settings
from storage.audit import COMMAND_LINE
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock
from workflows.exports import audit_csv, save_audit_csv
from workflows.summaries import PdfWay, SummaryFormat, deliver_pdf, summary_as_text


def test_a_summary_in_every_format_each_export_recorded(services: Services, settings: Settings,
                                                        profile: ServiceProfile, worker: StaffMember,
                                                        clock: FakeClock) -> None:
    services.desk.admit(IntakeForm(), worker.id)
    day = clock().date()
    rows = list(csv.DictReader(io.StringIO(summary_as_text(services, profile, day, day, SummaryFormat.CSV,
                                                           COMMAND_LINE).removeprefix("\ufeff")), delimiter=";"))
    assert len(rows) == 1
    assert json.loads(summary_as_text(services, profile, day, day, SummaryFormat.JSON, COMMAND_LINE))
    assert "Yhteenveto" in summary_as_text(services, profile, day, day, SummaryFormat.TEXT, COMMAND_LINE)
    delivered = deliver_pdf(services, settings, profile, day, day, COMMAND_LINE, lambda _id: True, PdfWay.SAVE)
    assert delivered.ok
    [saved] = (settings.home / "printouts" / day.isoformat()).iterdir()
    assert saved.read_bytes().startswith(b"%PDF") and str(saved) in delivered.message
    details = [e.detail for e in services.audit.events(AuditQuery(action=AuditAction.EXPORT))]
    assert sorted(details) == sorted(f"summary {day}..{day} {how}" for how in ("csv", "json", "text", "pdf save"))


def test_the_audit_trail_as_csv_and_saved_by_the_callers_clock(services: Services, settings: Settings,
                                                               worker: StaffMember, clock: FakeClock) -> None:
    services.desk.admit(IntakeForm(), worker.id)
    rows = list(csv.DictReader(io.StringIO(audit_csv(services, AuditQuery(action=AuditAction.ADMIT), COMMAND_LINE))))
    assert [r["action"] for r in rows] == ["admit"]
    clock.advance(24 * 60)
    message = save_audit_csv(services, settings, AuditQuery(), COMMAND_LINE)
    [saved] = (settings.home / "exports" / (clock().date().isoformat())).iterdir()
    assert str(saved) in message
    assert len(services.audit.events(AuditQuery(action=AuditAction.EXPORT))) == 2


def test_did_not_show_is_counted_apart_from_left_in_every_format(
        services: Services, settings: Settings, profile: ServiceProfile, worker: StaffMember,
        clock: FakeClock) -> None:
    from tests.printouts.helpers import page_texts

    desk = services.desk
    left, gone = (desk.admit(IntakeForm(), worker.id).id for _n in range(2))
    clock.advance(12)
    desk.call(left, worker.id)
    desk.mark_left(left, worker.id)
    desk.call(gone, worker.id)
    for _again in range(2):
        desk.call_again(gone, worker.id)
    desk.mark_no_show(gone, worker.id)
    day = clock().date()
    headline = "Käyntejä 2: päättyneitä 0, lähti ennen tapaamista 1, ei saapunut kutsuttaessa 1"

    def as_text(how: SummaryFormat) -> str:
        return summary_as_text(services, profile, day, day, how, COMMAND_LINE)

    text = as_text(SummaryFormat.TEXT)
    assert headline in text
    assert "Odotus (saapumisesta kutsuun), minuutteina: –" in text  # the 12 minutes met no one
    figures = json.loads(as_text(SummaryFormat.JSON))
    assert (figures["left"], figures["no_show"], figures["waiting"]["count"]) == (1, 1, 0)
    rows = list(csv.DictReader(io.StringIO(as_text(SummaryFormat.CSV).removeprefix("\ufeff")), delimiter=";"))
    assert [(r["status"], r["wait_minutes"]) for r in rows] == [("left", ""), ("no_show", "")]
    assert deliver_pdf(services, settings, profile, day, day, COMMAND_LINE, lambda _id: True, PdfWay.SAVE).ok
    [saved] = (settings.home / "printouts" / day.isoformat()).iterdir()
    assert "ei saapunut kutsuttaessa 1" in " ".join(" ".join(page_texts(saved.read_bytes())).split())
