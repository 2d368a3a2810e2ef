"""The summary as an Excel workbook, read back cell by cell with openpyxl: every table of the view
on a sheet of its own, its figures those of the Summary (numbers as numbers, dates as dates,
whole minutes), the service and the period on every sheet; saved owner-only and audited."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from forms import summary_view as view
from forms.audit_query import AuditQuery
from forms.choices import AuditAction, Urgency
from forms.i18n import set_language
from forms.profile import ServiceProfile
from forms.settings import Settings
from forms.summary import Summary
from printouts.workbook import HEAD_ROWS, sheet_name, summary_workbook
from storage.audit import COMMAND_LINE
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tests.followup_rows import NOW, follow_up_rows
from tests.scenarios import DAY, busy_day
from workflows.summaries import save_workbook

PERIOD = (date(2026, 11, 10), DAY)
"""The follow-ups' period and the busy day after it."""


@pytest.fixture
def summary(services: Services, worker: StaffMember, clock: FakeClock) -> Summary:
    busy_day(services, worker, clock)
    follow_up_rows(services, worker, clock)
    clock.now = NOW
    return services.reports.summary(*PERIOD)


def rows(sheet: Worksheet) -> list[list[object]]:
    """The table's rows under its headings, as read back."""
    return [list(row) for row in sheet.iter_rows(min_row=HEAD_ROWS + 1, values_only=True)]


def by_label(sheet: Worksheet) -> dict[str, list[object]]:
    return {str(row[0]): row[1:] for row in rows(sheet)}


def test_every_table_of_the_view_is_a_sheet_cell_by_cell(summary: Summary, profile: ServiceProfile) -> None:
    tables = view.tables(summary, profile, lambda _id: True)
    book = load_workbook(io.BytesIO(summary_workbook(summary, profile, lambda _id: True)))
    assert len(book.worksheets) == len(tables)
    names = [sheet.title for sheet in book.worksheets]
    assert len({name.casefold() for name in names}) == len(names)
    for sheet, table in zip(book.worksheets, tables, strict=True):
        assert len(sheet.title) <= 31 and not re.search(r"[\[\]:*?/\\]", sheet.title), sheet.title
        assert sheet["A1"].value == str(profile.service.name)
        assert sheet["A2"].value == "Yhteenveto 10.11.2026 – 24.11.2026"
        assert (sheet["A3"].value, sheet["B3"].value, sheet["C3"].value) == (
            "Jakso", datetime(2026, 11, 10), datetime(2026, 11, 24))
        assert sheet["B3"].number_format == sheet["C3"].number_format == "d.m.yyyy"
        assert sheet["A5"].value == table.title
        headers = [cell.value or "" for cell in sheet[HEAD_ROWS]]
        assert headers[:len(table.headers)] == table.headers and not any(headers[len(table.headers):])
        assert sheet.freeze_panes == "A7"
        assert all(sheet.column_dimensions[letter].width >= 4 for letter in "AB")
        read = rows(sheet)
        assert len(read) == len(table.rows), table.title
        for got, expected in zip(read, table.rows, strict=True):
            assert not any(got[len(expected):])
            for cell, want in zip(got, expected, strict=False):
                if isinstance(want, date) and not isinstance(want, datetime):
                    want = datetime.combine(want, datetime.min.time())  # a date cell reads back at midnight
                assert cell == want, (table.title, got, expected)
                # a figure is never text that merely looks like a number
                assert not (isinstance(cell, str) and re.fullmatch(r"[\d\s.,:%-]+", cell)), (table.title, cell)


def test_the_figures_are_the_summary_s(summary: Summary, profile: ServiceProfile) -> None:
    s = summary
    book = load_workbook(io.BytesIO(summary_workbook(s, profile, lambda _id: True)))
    visits = by_label(book["Käynnit"])
    assert (visits["Käynnit"][0], visits["Päättyi"][0], visits["Lähti ennen tapaamista"][0],
            visits["Vielä avoinna"][0], visits["Työntekijä muutti kiireellisyyttä"][0]) == (
        s.visits, s.finished, s.left, s.still_open, s.overrides)
    feedback = book["Palauteohje"]
    share = next(row for row in feedback.iter_rows(min_row=HEAD_ROWS + 1) if row[0].value.startswith("Osuus"))[1]
    assert share.value == pytest.approx(s.feedback.share) and share.number_format == "0 %"
    assert by_label(feedback)["Saivat ohjeen"][0] == s.feedback.given
    times = by_label(book["Ajat minuutteina"])
    waiting = times["Odotus (saapumisesta kutsuun)"]
    assert waiting == [s.waiting.count, round(s.waiting.median or 0), round(s.waiting.p90 or 0),
                       round(s.waiting.longest or 0)]
    assert all(isinstance(n, int) for n in waiting)  # whole minutes
    assert times["Tapaamiset (alusta loppuun)"][1] == round(s.meeting.median or 0)
    assert times["Siirrosta kutsuun"] == [0, None, None, None]  # nothing handed over: empty, not zero
    urgency = by_label(book["Kiireellisyys"])
    assert {label: row[0] for label, row in urgency.items()} == {
        Urgency(key).label: n for key, n in s.by_urgency.items()}
    per_day = rows(book["Käynnit päivittäin"])
    assert [(row[0].date(), row[2]) for row in per_day] == list(s.per_day.items())
    assert book["Käynnit päivittäin"]["A7"].number_format == "d.m.yyyy" and per_day[-1][1] == "ti"
    follow_ups = by_label(book["Seurannat"])
    f = s.follow_ups
    assert follow_ups["Nyt: laskettu"][0] == datetime(2026, 12, 2, 10, 0)  # Helsinki time, no zone
    assert (follow_ups["Nyt: avoinna"][0], follow_ups["Jaksolla: asetettu"][0],
            follow_ups["Jaksolla: ei tavoitettu"][0], follow_ups["Jaksolla: päätetty"][0]) == (
        f.open, f.set, f.contacts - f.reached, sum(f.closed.values()))
    closed = by_label(book["Päätetyt miksi palvelu päättyi"])
    assert {label: row[0] for label, row in closed.items()} == {
        profile.follow_up.end_reason_label(key): n for key, n in f.closed.items()}
    assert "Kykyviisari-itsearvio" in book.sheetnames  # its title's count is in A5, not the name
    assert by_label(book["Kykyviisari-itsearvio"])["molemmat"][0] == f.kykyviisari.both
    workers = by_label(book["Työntekijöittäin"])
    assert {name: row[:2] for name, row in workers.items()} == {
        w.name: [w.visits, round(w.meeting.median or 0)] for w in s.workers}
    hours = book["Milloin asiakkaat tulevat"]
    assert sum(n for row in rows(hours) for n in row[1:]) == sum(s.per_weekday_hour.values())


def test_names_only_where_the_reader_may_see_them_and_headers_in_english(
        summary: Summary, profile: ServiceProfile) -> None:
    set_language("en")
    try:
        book = load_workbook(io.BytesIO(summary_workbook(summary, profile, lambda staff_id: False)))
    finally:
        set_language("fi")
    assert book["Visits"]["A2"].value == "Summary 10 Nov 2026 – 24 Nov 2026"
    assert book["Visits"]["A3"].value == "Period" and book["Visits"]["B3"].number_format == "d mmm yyyy"
    assert [cell.value for cell in book["Times in minutes"][HEAD_ROWS]] == [
        "Time", "Measured", "Median", "90 % within", "Longest"]
    assert book["Feedback instruction"]["B9"].number_format == "0%"
    assert list(by_label(book["By worker"])) == ["worker 1", "worker 2"]
    assert "Kaisa" not in str([c.value for sheet in book for row in sheet.iter_rows() for c in row])


def test_saved_owner_only_beside_the_exports_and_audited(services: Services, settings: Settings,
                                                        profile: ServiceProfile, worker: StaffMember,
                                                        clock: FakeClock) -> None:
    busy_day(services, worker, clock)
    delivered = save_workbook(services, settings, profile, DAY, DAY, COMMAND_LINE, lambda _id: True)
    assert delivered.ok
    [saved] = (settings.home / "exports" / clock().date().isoformat()).iterdir()
    assert saved.name == "summary-2026-11-24-2026-11-24.xlsx" and str(saved) in delivered.message
    assert saved.stat().st_mode & 0o777 == 0o600
    assert load_workbook(saved)["Käynnit"]["B7"].value == 5
    again = save_workbook(services, settings, profile, DAY, DAY, COMMAND_LINE, lambda _id: True)
    assert again.ok and again.message.endswith("summary-2026-11-24-2026-11-24-2.xlsx")  # never over the first
    details = [e.detail for e in services.audit.events(AuditQuery(action=AuditAction.EXPORT))]
    assert details == [f"summary {DAY}..{DAY} xlsx"] * 2


def test_an_unwritable_place_is_said_and_nothing_is_left(services: Services, settings: Settings,
                                                         profile: ServiceProfile, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "day.xlsx"
    delivered = save_workbook(services, settings, profile, DAY, DAY, COMMAND_LINE, lambda _id: True, target)
    assert not delivered.ok and delivered.message
    assert not target.parent.exists()


@pytest.mark.parametrize(("title", "name"), [
    ("Urgency", "Urgency"),
    ("Closed: why the service ended", "Closed why the service ended"),
    ("Health check for the unemployed, of 12 asked", "Health check for the unemployed"),
    ("Kykyviisari self-assessment, of 4 follow-ups closed", "Kykyviisari self-assessment"),
    ("When people come (weekday and hour)", "When people come"),
    ("a/b\\c?d*e[f]g", "a b c d e f g"),
    ("'quoted'", "quoted"),
])
def test_sheet_names_excel_takes(title: str, name: str) -> None:
    assert sheet_name(title, set()) == name
    assert len(name) <= 31


def test_a_sheet_name_is_never_taken_twice() -> None:
    taken: set[str] = set()
    names = [sheet_name("Referrals: did the client get there, by destination", taken) for _n in range(3)]
    assert names == ["Referrals did the client get", "Referrals did the client ge (2)",
                     "Referrals did the client ge (3)"]
    assert sheet_name("referrals did the client get", taken) == "referrals did the client ge (4)"
