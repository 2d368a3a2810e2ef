"""`walkin privacy` run as an administrator runs it (a subprocess), in Finnish and in English, on
SQLite and PostgreSQL: find by phone, access copy, log extract, restrict, erase, the register."""

from __future__ import annotations

import csv
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from forms.intake import IntakeForm
from forms.profile import load_profile
from storage.services import open_services
from tests.conftest import ADMIN_PIN, add_admin, add_worker


def _walkin(home: Path, url: str, *args: str, pin: str = ADMIN_PIN) -> subprocess.CompletedProcess[str]:
    walkin = Path(sys.executable).parent / "walkin"
    env = {**os.environ, "WALKIN_HOME": str(home), "WALKIN_DATABASE__URL": url, "WALKIN_WORKSTATION": "desk-9"}
    env.pop("WALKIN_LANGUAGE", None)
    return subprocess.run([str(walkin), *args, "--admin", "paula", "--pin-stdin"], input=f"{pin}\n",
                          capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture
def aino(db_url: str) -> int:
    services = open_services(db_url, load_profile())
    try:
        add_admin(services)
        worker = add_worker(services)
        services.desk.admit(IntakeForm(call_name="Eero", callback_phone="040 000 0202"), worker.id)
        return services.desk.admit(IntakeForm(call_name="Aino", callback_phone="040 000 0101"), worker.id).id
    finally:
        services.close()


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_a_request_answered_from_the_command_line(lang: str, db_url: str, aino: int, tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "out"
    out.mkdir()
    ui = ["--lang", "en"] if lang == "en" else []

    def walkin(*args: str) -> subprocess.CompletedProcess[str]:
        return _walkin(home, db_url, *ui, "privacy", *args)

    found = walkin("find", "--phone", "+358 40 000 0101")
    assert found.returncode == 0, found.stderr
    assert f"{aino:>5}  A002" in found.stdout and "Aino / 040 000 0101" in found.stdout
    assert "Eero" not in found.stdout
    assert ("käynti  vuoro" if lang == "fi" else "visit  ticket") in found.stdout

    copy = out / "copy.json"
    done = walkin("export", str(aino), "--format", "json", "--out", str(copy))
    assert done.returncode == 0, done.stderr
    assert ("Tallennettu" if lang == "fi" else "Saved") in done.stdout
    assert json.loads(copy.read_text(encoding="utf-8"))["visits"][0]["visit"]["call_name"] == "Aino"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    # Without --out: in the data folder's exports, named by the visit's number only.
    done = walkin("export", str(aino), "--lang", "sv")
    assert done.returncode == 0, done.stderr
    [saved] = (home / "exports").rglob("*.pdf")
    assert saved.name == f"access-copy-visits-{aino}.pdf" and stat.S_IMODE(saved.stat().st_mode) == 0o600

    done = walkin("restrict", str(aino))
    assert done.returncode == 0 and ("rajoitettu" if lang == "fi" else "restricted") in done.stdout
    done = walkin("find", "--name", "AIN")
    assert ("(rajoitettu)" if lang == "fi" else "(restricted)") in done.stdout
    assert walkin("restrict", str(aino), "--lift").returncode == 0

    extract = out / "extract.csv"
    assert walkin("extract", str(aino), "--format", "csv", "--out", str(extract)).returncode == 0
    actions = [row["action"] for row in csv.DictReader(extract.open(encoding="utf-8"))]
    assert actions[:1] == ["admit"] and {"view", "export", "restrict", "restriction_lifted"} <= set(actions)
    assert walkin("extract", str(aino), "--out", str(out / "extract.pdf")).returncode == 0

    done = walkin("requests", "add", "--kind", "erasure", "--visit", str(aino))
    assert done.returncode == 0, done.stderr
    assert ("Pyyntö 1 kirjattu; määräpäivä " if lang == "fi" else "Request 1 recorded; due ") in done.stdout

    bad = walkin("erase", str(aino), "--reason", "bored")
    assert bad.returncode == 2 and "bored" in bad.stderr
    done = walkin("erase", str(aino), "--reason", "data_subject_request")
    assert done.returncode == 0, done.stderr
    assert ("Poistettiin 1 käynnin" if lang == "fi" else "Erased the personal fields of 1 visits") in done.stdout
    gone = walkin("find", "--name", "Aino")
    assert gone.returncode == 1 and "Aino" not in gone.stdout

    assert walkin("requests", "done", "1").returncode == 0
    register = walkin("requests")
    assert register.returncode == 0
    line = next(line for line in register.stdout.splitlines() if line.strip().startswith("1"))
    assert ("poisto" if lang == "fi" else "erasure") in line and "Paula Pääkäyttäjä" in line and "A002" in line


def test_only_an_administrator(db_url: str, aino: int, tmp_path: Path) -> None:
    wrong = _walkin(tmp_path / "home", db_url, "privacy", "find", "--name", "Aino", pin="0000")
    assert wrong.returncode == 1 and "Aino" not in wrong.stdout
    needs_date = _walkin(tmp_path / "home", db_url, "privacy", "find", "--ticket", "A002")
    assert needs_date.returncode == 1 and "--date" in needs_date.stderr
