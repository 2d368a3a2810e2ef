"""The summary on the command line (text, CSV read back with the csv module, JSON) and on screen."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, VisitStatus
from forms.intake import IntakeForm
from forms.profile import load_profile
from forms.settings import Settings
from forms.timefmt import HELSINKI
from storage.models import DeskSession
from storage.reports import CSV_COLUMNS
from storage.services import open_services
from tests.conftest import ADMIN_PIN, PIN, FakeClock, add_admin, add_worker
from tests.printouts.helpers import fonts, page_texts, text
from tests.scenarios import busy_day
from tests.tui.helpers import (
    at_sign_in,
    error_beside,
    keys,
    screen_text,
    settle,
    sign_in,
    signed_in,
    summary_text,
    until,
)
from tui.cli import main
from tui.dialogs.confirm import ConfirmDialog
from tui.screens import SignInScreen, SummaryScreen
from tui.widgets.long_text import LongText


@pytest.fixture
def recorded_day(settings: Settings, clock: FakeClock) -> Settings:
    services = open_services(settings.database_url, load_profile(), clock=clock)
    busy_day(services, add_worker(services), clock)
    add_admin(services)
    services.close()
    return settings


@pytest.fixture
def as_admin(monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[str]]:
    """The options that export as the administrator, her PIN ready on standard input."""
    def options() -> list[str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN_PIN}\n"))
        return ["--admin", "paula", "--pin-stdin"]
    return options


def test_csv_has_one_row_per_visit_and_nothing_personal(recorded_day: Settings, tmp_path: Path,
                                                        as_admin: Callable[[], list[str]]) -> None:
    out = tmp_path / "day.csv"
    assert main(["summary", "--date", "2026-11-24", "--format", "csv-plain", "--out", str(out), *as_admin()]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    assert [r["ticket"] for r in rows] == ["A001", "A002", "A003", "A004", "A005"]
    first = rows[0]
    assert (first["status"], first["wait_minutes"], first["session_minutes"], first["referrals"],
            first["did_guidance"], first["feedback_instruction"], first["arrival_hour"]) == (
        "finished", "10", "30", "kela", "1", "printed", "9")
    assert rows[2]["status"] == "left" and rows[2]["wait_minutes"] == ""
    text = out.read_text(encoding="utf-8")
    assert "Kaisa" not in text and "Olli" not in text and "ei jaksa odottaa" not in text


def test_the_default_csv_opens_in_a_finnish_excel(recorded_day: Settings, tmp_path: Path,
                                                  as_admin: Callable[[], list[str]]) -> None:
    """Semicolons, UTF-8 with a BOM, whole minutes: what a Finnish Excel reads on a double-click."""
    out = tmp_path / "day.csv"
    assert main(["summary", "--date", "2026-11-24", "--format", "csv", "--out", str(out), *as_admin()]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfticket;service_day;arrival_hour;status;")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[1].startswith("A001;2026-11-24;9;finished;")
    assert ";10;30;" in lines[1] and ".0" not in data.decode("utf-8-sig")


def test_json_and_text(recorded_day: Settings, capsys: pytest.CaptureFixture[str],
                       as_admin: Callable[[], list[str]]) -> None:
    assert main(["summary", "--date", "2026-11-24", "--format", "json", *as_admin()]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["visits"], data["finished"], data["waiting"]["median"]) == (5, 3, 20.0)
    assert data["feedback"]["ways"] == {"printed": 1, "other_way": 1, "missing": 1}
    assert main(["summary", "--date", "2026-11-24"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Yhteenveto 24.11.2026")
    assert "⚠ 2/3 päättyneestä käynnistä sai ohjeen (67 %) — alle 100 %" in text
    assert "avoinna: A005 24.11.2026 23.50 (odottaa)" in text
    assert main(["summary", "--from", "2026-11-25", "--to", "2026-11-24"]) == 1


async def test_summary_screen_shows_names_only_to_their_owner(recorded_day: Settings, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 24, 16, 0, tzinfo=HELSINKI)
    async with signed_in(recorded_day, clock, prepare=False) as (pilot, app, _services):
        await keys(pilot, "y")
        assert isinstance(app.screen, SummaryScreen)
        body = summary_text(app)
        assert "Yhteenveto 24.11.2026" in body and "Käyntejä 5" in body
        assert "Kaisa Esimerkki: 2 käyntiä" in body  # her own line
        assert "Olli" not in body and "työntekijä 2: 1 käyntiä" in body
        await keys(pilot, "left")
        assert "Yhteenveto 23.11.2026" in summary_text(app)


async def test_a_kept_summary_shows_nothing_of_the_summary_before(
        recorded_day: Settings, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app keeps the summary screen and fills it anew for each use: at no moment, not even
    while the new figures are read, does it show another day's figures or a name that only the
    worker before (an administrator) may see."""
    clock.now = datetime(2026, 11, 24, 16, 0, tzinfo=HELSINKI)
    before_figures: list[str] = []
    """The screen just before each use's figures are drawn."""
    shown: list[str] = []
    """Every text the summary's body showed, in order."""
    draw_figures, show_text = SummaryScreen._show, LongText.show

    def figures_landed(screen: SummaryScreen, figures: Any) -> None:
        if screen.summary is None:  # a new use's first figures, not the next day's
            before_figures.append(screen_text(screen.app))
        draw_figures(screen, figures)

    def body_shows(body: LongText, text: str) -> None:
        shown.append(text)
        show_text(body, text)

    monkeypatch.setattr(SummaryScreen, "_show", figures_landed)
    monkeypatch.setattr(LongText, "show", body_shows)
    async with at_sign_in(recorded_day, clock, prepare=False) as (pilot, app, _services):
        await pilot.press(*"paula", "enter", *ADMIN_PIN, "enter")
        await until(pilot, lambda: app.worker_on_duty is not None)
        await settle(pilot)
        await keys(pilot, "y")  # the administrator sees every worker's name
        summary = app.screen
        assert isinstance(summary, SummaryScreen) and "Olli Testinen: 1 käyntiä" in summary_text(app)
        await keys(pilot, "left")
        assert summary_text(app).startswith("Yhteenveto 23.11.2026")
        await keys(pilot, "escape")

        # The same screen for her day's end: today, not the day she looked at last.
        shown.clear()
        await keys(pilot, "x")
        assert app.screen is summary
        body = summary_text(app)
        assert body.startswith("Kirjauduit ulos viimeisenä") and "Yhteenveto 24.11.2026" in body
        # Read with the sign-out, her figures are the first thing the kept screen shows.
        assert shown[0].startswith("Kirjauduit ulos viimeisenä") and not any("23.11.2026" in each for each in shown)
        await keys(pilot, "escape")

        # Kaisa's summary on it: nothing of Olli's name, not before her figures land either.
        shown.clear()
        await sign_in(pilot, "kaisa")
        await keys(pilot, "y")
        assert app.screen is summary and summary.viewer is not None and summary.viewer.username == "kaisa"
        assert "työntekijä 2: 1 käyntiä" in summary_text(app)
        # Read before the screen opens, as at the sign-out: her figures are the first thing it
        # shows (never "Loading…" and the figures drawn a second time).
        assert "Yhteenveto 24.11.2026" in shown[0] and not any("Olli" in each for each in shown)
        assert len(before_figures) == 3
        assert not any("Olli" in screen or "23.11.2026" in screen for screen in before_figures[1:])
        # The figures land on the desk (`y`) and on the sign-in screen (`x`), before the summary shows.
        assert not any("Ladataan…" in screen for screen in before_figures)
        assert "Yhteenveto 24.11.2026" not in before_figures[0] + before_figures[2]


def test_pdf_with_bar_charts(recorded_day: Settings, tmp_path: Path, as_admin: Callable[[], list[str]]) -> None:
    out = tmp_path / "day.pdf"
    assert main(["summary", "--date", "2026-11-24", "--format", "pdf", "--out", str(out), *as_admin()]) == 0
    pdf = out.read_bytes()
    words = " ".join(text(pdf).split())
    for expected in ("Yhteenveto 24.11.2026", "Käyntejä 5", "(!) 2/3 päättyneestä käynnistä sai ohjeen",
                     "Kiireellisyys", "tavallinen", "Mistä kuuli palvelusta", "Terveysasema",
                     "Mitä tehtiin", "mediaani 20", "Tulostettu"):
        assert expected in words, expected
    assert all(fonts(pdf).values())
    pages = page_texts(pdf)
    assert [page.split()[-2:] for page in pages] == [["Sivu", f"{n}/{len(pages)}"] for n in range(1, len(pages) + 1)]
    assert main(["summary", "--date", "2026-11-24", "--format", "pdf", *as_admin()]) == 0
    saved = list((recorded_day.home / "printouts").rglob("summary-2026-11-24-2026-11-24.pdf"))
    assert len(saved) == 1 and saved[0].stat().st_mode & 0o777 == 0o600


async def test_save_from_the_summary_screen(recorded_day: Settings, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 24, 16, 0, tzinfo=HELSINKI)
    async with signed_in(recorded_day, clock, prepare=False) as (pilot, _app, _services):
        await keys(pilot, "y", "s")
        saved = list((recorded_day.home / "printouts").rglob("summary-*.pdf"))
        assert len(saved) == 1
        assert "Kaisa Esimerkki: 2 käyntiä" in " ".join(text(saved[0].read_bytes()).split())


def _walkin(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    """`walkin` as a user runs it, on this test's data folder, the administrator's PIN on its input."""
    walkin = Path(sys.executable).parent / "walkin"
    env = {key: value for key, value in os.environ.items() if not key.startswith("WALKIN_")}
    return subprocess.run([str(walkin), *args, "--admin", "paula", "--pin-stdin"], input=f"{ADMIN_PIN}\n",
                          capture_output=True, text=True, timeout=120, env={**env, "WALKIN_HOME": str(settings.home)})


def test_the_workbook_from_the_command_line_in_finnish_and_english(recorded_day: Settings, tmp_path: Path) -> None:
    done = _walkin(recorded_day, "summary", "--date", "2026-11-24", "--format", "xlsx")
    assert done.returncode == 0, done.stderr
    [saved] = (recorded_day.home / "exports").rglob("summary-2026-11-24-2026-11-24.xlsx")
    assert done.stdout == f"Excel-työkirja tallennettu: {saved}\n"
    assert saved.stat().st_mode & 0o777 == 0o600
    book = load_workbook(saved)
    assert book.sheetnames[:5] == ["Käynnit", "Avoimet käynnit", "Odottaa kirjaamista", "Palauteohje",
                                   "Ajat minuutteina"]
    visits = book["Käynnit"]
    assert (visits["A1"].value, visits["A2"].value, visits["B3"].value) == (
        "Työkykypiste", "Yhteenveto 24.11.2026", datetime(2026, 11, 24))
    assert [[c.value for c in row] for row in visits.iter_rows(min_row=6, max_row=8)] == [
        [None, "Määrä", None], ["Käynnit", 5, None], ["Päättyi", 3, None]]
    assert [c.value for c in book["Ajat minuutteina"][7]] == ["Odotus (saapumisesta kutsuun)", 3, 20, 36, 40]
    assert "Kaisa Esimerkki" in [c.value for c in book["Työntekijöittäin"]["A"]]  # an administrator's export

    out = tmp_path / "day.xlsx"
    done = _walkin(recorded_day, "--lang", "en", "summary", "--date", "2026-11-24", "--format", "xlsx",
                   "--out", str(out))
    assert done.returncode == 0 and done.stdout == f"Workbook saved: {out}\n"
    book = load_workbook(out)
    assert book.sheetnames[:5] == ["Visits", "Open visits", "Awaiting documentation", "Feedback instruction",
                                  "Times in minutes"]
    assert [c.value for c in book["Visits"][7]] == ["Visits", 5, None]
    assert book["Open visits"]["C7"].value == datetime(2026, 11, 24, 23, 50)
    assert book["Open visits"]["C7"].number_format == "d mmm yyyy hh:mm"
    refused = _walkin(recorded_day, "--lang", "en", "summary", "--format", "xlsx", "--out",
                      str(tmp_path / "no" / "such" / "day.xlsx"))
    assert refused.returncode == 1 and refused.stderr.strip() and not refused.stdout


async def test_x_on_the_summary_screen_saves_the_workbook(recorded_day: Settings, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 24, 16, 0, tzinfo=HELSINKI)
    async with signed_in(recorded_day, clock, prepare=False) as (pilot, app, services):
        await keys(pilot, "y", "x")
        await until(pilot, lambda: list((recorded_day.home / "exports").rglob("*.xlsx")))
        [saved] = (recorded_day.home / "exports").rglob("*.xlsx")
        assert saved.name == "summary-2026-11-24-2026-11-24.xlsx" and saved.stat().st_mode & 0o777 == 0o600
        assert isinstance(app.screen, SummaryScreen)
        workers = [c.value for c in load_workbook(saved)["Työntekijöittäin"]["A"]]
        assert "Kaisa Esimerkki" in workers and "työntekijä 2" in workers  # as on her screen: Olli's name not
        exports = services.audit.events(AuditQuery(action=AuditAction.EXPORT))
        assert [(e.username, e.detail) for e in exports] == [("kaisa", "summary 2026-11-24..2026-11-24 xlsx")]


async def test_a_custom_period_is_checked_and_shown(recorded_day: Settings, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 24, 16, 0, tzinfo=HELSINKI)
    async with signed_in(recorded_day, clock, prepare=False) as (pilot, app, _services):
        await keys(pilot, "y", "c")
        start = app.screen.query_one("#field-day_from Input")
        end = app.screen.query_one("#field-day_to Input")
        start.value, end.value = "25.11.2026", "20.11.2026"
        await keys(pilot, "f2")
        assert "Loppu on ennen alkua." in error_beside(app, "day_to")
        start.value = "1.11.2026"
        await keys(pilot, "f2")
        assert isinstance(app.screen, SummaryScreen)
        body = summary_text(app)
        assert "Yhteenveto 1.11.2026 – 20.11.2026" in body


async def test_the_last_worker_out_sees_the_end_of_the_day(recorded_day: Settings, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 24, 16, 0, tzinfo=HELSINKI)
    async with signed_in(recorded_day, clock, prepare=False) as (pilot, app, services):
        olli = services.staff.sign_in("olli", PIN, "desk-2")[1]
        await keys(pilot, "x")  # Olli is still at the desk: just the sign-in screen
        assert isinstance(app.screen, SignInScreen) and app.worker_on_duty is None
        await sign_in(pilot)
        services.staff.sign_out(olli)
        await keys(pilot, "x")
        assert isinstance(app.screen, SummaryScreen)
        body = summary_text(app)
        assert body.startswith("Kirjauduit ulos viimeisenä: päivä on päätetty.")
        assert "avoinna: A005 24.11.2026 23.50 (odottaa)" in body
        assert "Kaisa Esimerkki: 2 käyntiä" in body  # still her own view, though she signed out
        await keys(pilot, "s")
        assert list((recorded_day.home / "printouts").rglob("summary-2026-11-24-2026-11-24.pdf"))
        await keys(pilot, "escape")
        assert isinstance(app.screen, SignInScreen)
    assert services.staff.sign_in("kaisa", PIN, "desk-1")  # the account is fine to come back


async def test_the_last_worker_closes_the_open_visits_in_one_step(recorded_day: Settings, clock: FakeClock) -> None:
    """Asked first with the count and the rule; a meeting stays open; each closed visit audited."""
    clock.now = datetime(2026, 11, 24, 16, 0, tzinfo=HELSINKI)
    async with signed_in(recorded_day, clock, prepare=False) as (pilot, app, services):
        kaisa = services.staff.find("kaisa")
        assert kaisa is not None
        meeting = services.desk.admit(IntakeForm(), kaisa.id)
        services.desk.start(meeting.id, kaisa.id)
        olli = services.staff.sign_in("olli", PIN, "desk-2")[1]
        await keys(pilot, "y")  # Olli is still at work: not for a desk worker to close
        assert isinstance(app.screen, SummaryScreen) and not app.screen.check_action("close_day", ())
        await keys(pilot, "escape")
        services.staff.sign_out(olli)
        await keys(pilot, "x")
        assert isinstance(app.screen, SummaryScreen)

        def body() -> str:
            return summary_text(app)

        assert body().startswith("Kirjauduit ulos viimeisenä: päivä on päätetty.")
        assert "l sulkee toimipisteen Hyvinvointiasema Keskusta 1 vielä avointa käyntiä" in body()
        await keys(pilot, "l")
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question.startswith(
            "Suljetaanko toimipisteen Hyvinvointiasema Keskusta 1 avointa käyntiä lähteneinä ennen tapaamista?")
        assert "jäävät avoimiksi (1)" in app.screen.question
        await keys(pilot, "enter")
        await until(pilot, lambda: "avoinna: A005" not in body())
        assert isinstance(app.screen, SummaryScreen) and "l sulkee" not in body()
        assert f"avoinna: {meeting.ticket}" in body()
        assert not app.screen.check_action("close_day", ())
        closed = services.audit.events(AuditQuery(action=AuditAction.LEFT, ticket="A005"))
        assert [(e.username, e.detail) for e in closed] == [("kaisa", "day_closed")]
        assert services.desk.visit(meeting.id).entry.status is VisitStatus.IN_MEETING


async def test_quitting_as_the_last_worker_closes_the_day_first(recorded_day: Settings, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 24, 16, 0, tzinfo=HELSINKI)
    async with signed_in(recorded_day, clock, prepare=False) as (pilot, app, services):
        await keys(pilot, "n", "ctrl+q")
        assert isinstance(app.screen, SummaryScreen) and app.is_running
        with services.db.reading() as session:
            assert session.scalar(select(DeskSession.signed_out_at)) is not None
        await pilot.press("escape")
        await until(pilot, lambda: not app.is_running)


async def test_the_week_on_a_monday_is_titled_as_a_week_and_moves_by_weeks(
        recorded_day: Settings, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=HELSINKI)  # the Monday after the recorded Tuesday
    async with signed_in(recorded_day, clock, prepare=False) as (pilot, app, _services):
        await keys(pilot, "y")
        assert isinstance(app.screen, SummaryScreen)

        def body() -> str:
            return summary_text(app)

        await keys(pilot, "w")
        assert body().startswith("Yhteenveto viikko 49: 30.11.–6.12.2026")
        await keys(pilot, "left")
        assert body().startswith("Yhteenveto viikko 48: 23.–29.11.2026")
        assert "ti 24.11.2026" in body()  # the days by weekday
        await keys(pilot, "right", "right")
        assert body().startswith("Yhteenveto viikko 50: 7.–13.12.2026")
