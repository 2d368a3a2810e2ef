"""Summaries of one site, several or the whole service from the command line (text, JSON, PDF,
workbook, the monthly report) and on screen, the sites compared side by side, and an administrator
limited to a site (`walkin staff change --site`) refused the figures of another."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, VisitStatus
from forms.intake import IntakeForm
from forms.profile import load_profile
from forms.settings import Settings
from forms.timefmt import HELSINKI
from storage.services import open_services
from tests.conftest import ADMIN_PIN, FakeClock, add_admin, add_worker
from tests.printouts.helpers import page_texts, text
from tests.scenarios import busy_day
from tests.storage.test_site_figures import VILLAGE, village_day
from tests.tui.helpers import keys, signed_in, summary_text, until
from tui.cli import main
from tui.dialogs.confirm import ConfirmDialog
from tui.screens import SummaryScreen

CENTRE_NAME, VILLAGE_NAME = "Hyvinvointiasema Keskusta", "Hyvinvointiasema Kirkonkylä"


@pytest.fixture
def two_sites(settings: Settings, clock: FakeClock) -> Settings:
    """The 24th: busy_day's five visits at the centre, three at the village; two administrators."""
    profile = load_profile()
    services = open_services(settings.database_url, profile, clock=clock)
    village = open_services(settings.database_url, profile, clock=clock, workstation="desk-2", site=VILLAGE)
    try:
        kaisa = add_worker(services)
        busy_day(services, kaisa, clock)
        village_day(village, kaisa, clock)
        add_admin(services)
        add_admin(services, "maija")
    finally:
        village.close()
        services.close()
    return settings


@pytest.fixture
def as_admin(monkeypatch: pytest.MonkeyPatch) -> Callable[..., list[str]]:
    def options(username: str = "paula") -> list[str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN_PIN}\n"))
        return ["--admin", username, "--pin-stdin"]
    return options


def _text(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["summary", "--date", "2026-11-24", *args]) == 0
    return capsys.readouterr().out


def test_the_text_for_one_site_and_for_all(two_sites: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    village = _text(capsys, "--site", VILLAGE)
    assert f"Toimipiste: {VILLAGE_NAME}\n" in village and "Käyntejä 3" in village
    assert "Toimipisteittäin" not in village
    whole = _text(capsys)
    assert f"Kaikki toimipisteet: {CENTRE_NAME}, {VILLAGE_NAME}\n" in whole and "Käyntejä 8" in whole
    block = whole[whole.index("Toimipisteittäin"):].split("\n\n")[0].splitlines()
    assert block == [
        "Toimipisteittäin",
        f"  {CENTRE_NAME}",
        "    käyntejä 5, päättyneitä 3, odotuksen mediaani 20 min",
        "    palauteohje 67 %, sovittuja seurantoja 0",
        "    kiireellisyys: pian 1, tavallinen 4",
        "    mistä kuuli: Tuli omatoimisesti 1, Terveysasema 1, Kela 1, ei kirjattu 2",
        f"  {VILLAGE_NAME}",
        "    käyntejä 3, päättyneitä 2, odotuksen mediaani 20 min",
        "    palauteohje 50 %, sovittuja seurantoja 1",
        "    kiireellisyys: tavallinen 3",
        "    mistä kuuli: Tuli omatoimisesti 1, Kela 1, ei kirjattu 1",
    ]
    assert all(len(line) <= 80 for line in block)   # row by row on an 80-column terminal
    both = _text(capsys, "--site", VILLAGE, "--site", "keskusta")
    assert f"Toimipisteet: {CENTRE_NAME}, {VILLAGE_NAME}\n" in both and "Toimipisteittäin" in both


def test_an_unknown_site_is_named(two_sites: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "--date", "2026-11-24", "--site", "satama"]) == 1
    assert ("satama ei ole palveluprofiilin toimipiste; sen toimipisteet ovat keskusta, kirkonkyla."
            in capsys.readouterr().err)


def test_json_pdf_and_workbook_compare_the_sites(two_sites: Settings, tmp_path: Path,
                                                 as_admin: Callable[..., list[str]]) -> None:
    out = tmp_path / "day.json"
    assert main(["summary", "--date", "2026-11-24", "--format", "json", "--out", str(out), *as_admin()]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["sites"] == ["keskusta", VILLAGE] and data["whole_service"] is True
    assert [(line["site"], line["visits"], line["follow_ups"]) for line in data["by_site"]] == [
        ("keskusta", 5, 0), (VILLAGE, 3, 1)]
    pdf = tmp_path / "day.pdf"
    assert main(["summary", "--date", "2026-11-24", "--format", "pdf", "--out", str(pdf), *as_admin()]) == 0
    words = " ".join(text(pdf.read_bytes()).split())
    assert f"Kaikki toimipisteet: {CENTRE_NAME}, {VILLAGE_NAME}" in words and "Toimipisteittäin" in words
    pages = page_texts(pdf.read_bytes())
    assert len(pages) > 1 and all("Kaikki toimipisteet:" in page for page in pages)   # at the head of each
    book_path = tmp_path / "day.xlsx"
    assert main(["summary", "--date", "2026-11-24", "--format", "xlsx", "--out", str(book_path), *as_admin()]) == 0
    book = load_workbook(book_path)
    for sheet in book.worksheets:   # every sheet says which sites it covers
        assert sheet["A4"].value == f"Kaikki toimipisteet: {CENTRE_NAME}, {VILLAGE_NAME}"
    by_site = book["Toimipisteittäin"]
    assert [c.value for c in by_site[6]][:6] == ["Toimipiste", "Käynnit", "Päättyi", "Odotuksen mediaani, min",
                                                 "Palauteohje", "Sovitut seurannat"]
    assert [[c.value for c in row][:3] for row in by_site.iter_rows(min_row=7)] == [
        [CENTRE_NAME, 5, 3], [VILLAGE_NAME, 3, 2]]
    one = tmp_path / "village.xlsx"
    assert main(["summary", "--date", "2026-11-24", "--format", "xlsx", "--out", str(one), "--site", VILLAGE,
                 *as_admin()]) == 0
    assert load_workbook(one)["Käynnit"]["A4"].value == f"Toimipiste: {VILLAGE_NAME}"


def test_an_administrator_limited_to_a_site(two_sites: Settings, tmp_path: Path, clock: FakeClock,
                                            as_admin: Callable[..., list[str]],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["staff", "change", "maija", "--site", VILLAGE, *as_admin()]) == 0
    assert "Paula Pääkäyttäjä näkee vain toimipisteiden kirkonkyla luvut." in capsys.readouterr().out
    assert main(["summary", "--date", "2026-11-24", "--site", "keskusta", *as_admin("maija")]) == 1
    assert (f"Sinun lukusi on rajattu toimipisteisiin {VILLAGE_NAME}: {CENTRE_NAME} ei ole niiden joukossa."
            in capsys.readouterr().err)
    mine = _text(capsys, *as_admin("maija"))
    assert f"Toimipiste: {VILLAGE_NAME}\n" in mine and "Käyntejä 3" in mine
    out = tmp_path / "report.pdf"
    assert main(["report", "--month", "2026-11", "--site", "keskusta", "--out", str(out), *as_admin("maija")]) == 1
    assert "Sinun lukusi on rajattu" in capsys.readouterr().err
    assert main(["report", "--month", "2026-11", "--out", str(out), *as_admin("maija")]) == 0
    assert all(f"Toimipiste: {VILLAGE_NAME}" in " ".join(page.split()) for page in page_texts(out.read_bytes()))
    assert main(["staff", "list", *as_admin()]) == 0
    assert [line.split()[-1] for line in capsys.readouterr().out.splitlines() if line.startswith("maija")] == [
        VILLAGE]
    assert main(["staff", "change", "maija", "--all-sites", *as_admin()]) == 0
    assert "Toimipisteittäin" in _text(capsys, *as_admin("maija"))
    services = open_services(two_sites.database_url, load_profile(), clock=clock)
    try:
        changes = services.audit.events(AuditQuery(action=AuditAction.STAFF_CHANGED))
        exports = services.audit.events(AuditQuery(action=AuditAction.EXPORT))
    finally:
        services.close()
    assert [(e.username, e.detail) for e in changes] == [("paula", "maija sites=*"),   # newest first
                                                         ("paula", "maija sites=kirkonkyla")]
    assert [e.detail for e in exports if e.username == "maija"] == [
        "summary 2026-11-24..2026-11-24 text", "monthly report 2026-11 sites=kirkonkyla",
        "summary 2026-11-24..2026-11-24 text sites=kirkonkyla"]


async def test_the_screen_steps_through_the_sites(two_sites: Settings, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 24, 16, 0, tzinfo=HELSINKI)
    async with signed_in(two_sites, clock, size=(80, 24), prepare=False) as (pilot, app, _services):
        await keys(pilot, "y")
        assert isinstance(app.screen, SummaryScreen)

        def body() -> str:
            return summary_text(app)

        assert "Kaikki toimipisteet" in body() and "Toimipisteittäin" in body() and "Käyntejä 8" in body()
        await keys(pilot, "a")
        assert f"Toimipiste: {CENTRE_NAME}" in body() and "Käyntejä 5" in body()
        assert "Toimipisteittäin" not in body()
        await keys(pilot, "a")
        assert f"Toimipiste: {VILLAGE_NAME}" in body() and "Käyntejä 3" in body()
        await keys(pilot, "a")
        assert "Kaikki toimipisteet" in body()


async def test_l_closes_the_day_of_the_site_shown(two_sites: Settings, clock: FakeClock) -> None:
    """With the village's summary shown at a centre desk, `l` names the village and closes its
    open visits, not the centre's; with every site shown it names and closes this desk's site."""
    clock.now = datetime(2026, 11, 24, 16, 0, tzinfo=HELSINKI)
    village = open_services(two_sites.database_url, load_profile(), clock=clock, workstation="desk-2", site=VILLAGE)
    try:
        kaisa = village.staff.find("kaisa")
        assert kaisa is not None
        there = [village.desk.admit(IntakeForm(), kaisa.id).id for _ in range(2)]
        async with signed_in(two_sites, clock, size=(100, 30), prepare=False) as (pilot, app, services):
            here = services.desk.admit(IntakeForm(), kaisa.id).id
            await keys(pilot, "y")
            assert isinstance(app.screen, SummaryScreen)

            def body() -> str:
                return summary_text(app)

            assert f"l sulkee toimipisteen {CENTRE_NAME} 2 vielä avointa" in body()  # busy_day's, and here
            await keys(pilot, "a", "a")
            assert f"Toimipiste: {VILLAGE_NAME}" in body()
            assert f"l sulkee toimipisteen {VILLAGE_NAME} 2 vielä avointa" in body()
            await keys(pilot, "l")
            assert isinstance(app.screen, ConfirmDialog)
            assert app.screen.question.startswith(f"Suljetaanko toimipisteen {VILLAGE_NAME} 2 avointa käyntiä")
            await keys(pilot, "enter")
            await until(pilot, lambda: "l sulkee" not in body())
            assert [village.desk.visit(v).entry.status for v in there] == [VisitStatus.LEFT] * 2
            assert services.desk.visit(here).entry.status is VisitStatus.WAITING
    finally:
        village.close()
