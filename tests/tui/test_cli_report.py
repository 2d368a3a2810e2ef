"""`walkin report` run as an administrator runs it (a subprocess), in Finnish and in English: the PDF
written where asked, its text in the language asked, refused without an administrator or a month."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from forms.profile import load_profile
from storage.services import open_services
from tests.conftest import ADMIN_PIN, FakeClock, add_admin, add_worker
from tests.scenarios import busy_day


def _walkin(home: Path, url: str, *args: str, pin: str = ADMIN_PIN) -> subprocess.CompletedProcess[str]:
    walkin = Path(sys.executable).parent / "walkin"
    env = {**os.environ, "WALKIN_HOME": str(home), "WALKIN_DATABASE__URL": url, "WALKIN_WORKSTATION": "desk-9"}
    env.pop("WALKIN_LANGUAGE", None)
    return subprocess.run([str(walkin), "--today", "2026-12-02", "report", *args], input=f"{pin}\n",
                          capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'walkin.db'}"
    services = open_services(url, load_profile(), clock=FakeClock())
    try:
        add_admin(services)
        busy_day(services, add_worker(services), services.clock)  # type: ignore[arg-type]
    finally:
        services.close()
    return url


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize(("lang", "said", "words"), [
    ("fi", "Kuukausiraportti tallennettu", ["Kuukausiraportti marraskuu 2026", "Mitä luvut kertovat",
                                           "Riittääkö henkilöstö?", "Käynnit päivittäin"]),
    ("en", "Monthly report saved", ["Monthly report November 2026", "What the figures say",
                                    "Is the staff resource enough?", "Visits per day"]),
])
def test_the_report_in_each_language(tmp_path: Path, url: str, lang: str, said: str, words: list[str]) -> None:
    out = tmp_path / f"report-{lang}.pdf"
    done = _walkin(tmp_path / "home", url, "--month", "2026-11", "--lang", lang, "--out", str(out),
                   "--admin", "paula", "--pin-stdin")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(said)
    text = _text(out)
    for word in words:
        assert word in text


def test_refused_without_an_administrator_or_a_month(tmp_path: Path, url: str) -> None:
    done = _walkin(tmp_path / "home", url, "--month", "2026-11", "--lang", "en")
    assert done.returncode == 1 and "Only an administrator may do this" in done.stderr
    done = _walkin(tmp_path / "home", url, "--month", "2026-13", "--admin", "paula", "--pin-stdin")
    assert done.returncode == 1 and "--month: 2026-13 ei ole kuukausi (VVVV-KK, esim. 2026-11)." in done.stderr
