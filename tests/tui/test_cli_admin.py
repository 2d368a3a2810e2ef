"""The administrator's commands: accounts, purge, the audit trail as CSV, and the server password
in a real keyring (keyrings.alt's file backend), with the real PostgreSQL when there is one."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from forms.intake import IntakeForm
from forms.profile import load_profile
from forms.settings import Settings
from forms.timefmt import HELSINKI, utc_now
from storage.errors import StorageError
from storage.services import open_services
from tests.conftest import PIN, POSTGRES_URL, _fresh_postgres, add_worker
from tui.cli import main


def run(args: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(args)


def test_accounts_from_the_command_line(settings: Settings, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    admin = ["staff", "add", "--username", "paula", "--display-name", "Paula Pääkäyttäjä",
             "--job-title", "Palveluvastaava", "--role", "admin", "--pin-stdin"]
    assert run(admin, monkeypatch, "5555\n") == 1
    assert "Liian helppo arvata" in capsys.readouterr().err
    assert run(admin, monkeypatch, "7291\n") == 0
    assert run(["staff", "add", "--username", "olli", "--display-name", "Olli Testinen",
                "--job-title", "Ohjaaja", "--pin-stdin"], monkeypatch, f"{PIN}\n") == 0
    assert run(["staff", "deactivate", "paula"], monkeypatch) == 1
    assert "Paula Pääkäyttäjä on viimeinen ylläpitäjä" in capsys.readouterr().err
    assert run(["staff", "change", "olli", "--role", "admin", "--phone", "+358 40 000 0303"], monkeypatch) == 0
    assert run(["staff", "deactivate", "paula"], monkeypatch) == 0
    assert run(["staff", "reset-pin", "olli", "--pin-stdin"], monkeypatch, "12\n") == 1
    assert "--pin: PIN-koodissa on 4–12 numeroa." in capsys.readouterr().err
    assert run(["staff", "reset-pin", "olli", "--pin-stdin"], monkeypatch, "9876\n") == 1
    assert "--pin: Liian helppo arvata" in capsys.readouterr().err
    assert run(["staff", "reset-pin", "olli", "--pin-stdin"], monkeypatch, "3861\n") == 0
    capsys.readouterr()
    assert run(["staff", "list"], monkeypatch) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split() == ["olli", "Olli", "Testinen", "admin"]
    assert listing[1].startswith("paula") and listing[1].endswith("(poistettu käytöstä)")
    services = open_services(settings.database_url, load_profile())
    try:
        assert services.staff.check_pin("olli", "3861").phone == "+358 40 000 0303"
        with pytest.raises(StorageError):
            services.staff.check_pin("paula", "7291")
    finally:
        services.close()
    assert run(["staff", "activate", "nobody"], monkeypatch) == 1


def test_purge_erases_old_names_and_saved_printouts(settings: Settings, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    services = open_services(settings.database_url, load_profile(),
                             clock=lambda: utc_now() - timedelta(days=40))
    worker = add_worker(services)
    old = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
    services.close()
    printouts = settings.home / "printouts"
    (printouts / (utc_now() - timedelta(days=40)).date().isoformat()).mkdir(parents=True)
    (printouts / (utc_now() - timedelta(days=40)).date().isoformat() / "memo-A001.pdf").write_bytes(b"%PDF")
    (printouts / utc_now().date().isoformat()).mkdir()
    assert run(["purge"], monkeypatch) == 0
    assert "1 käynnin" in capsys.readouterr().out
    assert [p.name for p in printouts.iterdir()] == [utc_now().date().isoformat()]
    services = open_services(settings.database_url, load_profile())
    try:
        assert services.desk.visit(old.id).entry.call_name is None
    finally:
        services.close()


def test_the_audit_trail_as_csv_records_its_own_export(settings: Settings, monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    services = open_services(settings.database_url, load_profile(), workstation="desk-1")
    worker = add_worker(services)
    visit = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
    services.desk.visit(visit.id, viewer=worker.id)
    services.close()
    out = tmp_path / "audit.csv"
    assert run(["audit", "--user", "kaisa", "--out", str(out)], monkeypatch) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["action"], r["ticket"], r["workstation"]) for r in rows] == [
        ("view", "A001", "desk-1"), ("admit", "A001", "desk-1")]
    assert datetime.fromisoformat(rows[0]["time"]).utcoffset() == HELSINKI.utcoffset(datetime.now())
    assert "Aino" not in out.read_text(encoding="utf-8")
    assert run(["audit", "--action", "export", "--out", str(out)], monkeypatch) == 0
    assert "audit trail, 2 events" in out.read_text(encoding="utf-8")
    assert run(["audit", "--action", "nonsense"], monkeypatch) == 1


def test_set_password_keeps_it_in_the_keyring_only(file_keyring: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str], settings: Settings) -> None:
    monkeypatch.setenv("WALKIN_DATABASE__URL", "postgresql+psycopg://walkin@db.example:5432/walkin")
    assert run(["db", "set-password", "--password-stdin"], monkeypatch, "Salasana-Testi-42x\n") == 0
    captured = capsys.readouterr()
    assert "walkin@db.example:5432/walkin" in captured.out and "PlaintextKeyring" in captured.out
    assert "tavalliseen tiedostoon" in captured.err  # the warning about a plaintext keyring
    from keyrings.alt.file import PlaintextKeyring

    assert list(file_keyring.rglob("keyring_pass.cfg"))  # the backend's own file, in its own folder
    assert PlaintextKeyring().get_password("walkin-desk", "walkin@db.example:5432/walkin") == "Salasana-Testi-42x"
    assert not settings.home.exists() or "Salasana" not in "".join(
        p.read_text(errors="ignore") for p in settings.home.rglob("*") if p.is_file())
    monkeypatch.setenv("WALKIN_DATABASE__URL", "postgresql+psycopg://walkin:inline@db.example/walkin")
    assert run(["db", "set-password", "--password-stdin"], monkeypatch, "x\n") == 1
    assert "sisältää salasanan" in capsys.readouterr().err


def test_no_usable_keyring_says_so_and_how_to_proceed(no_keyring: None, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("WALKIN_DATABASE__URL", "postgresql+psycopg://walkin@127.0.0.1/walkin")
    assert run(["db", "set-password", "--password-stdin"], monkeypatch, "x\n") == 1
    err = capsys.readouterr().err
    assert "käyttökelpoista avainnippua ei löytynyt" in err and "PYTHON_KEYRING_BACKEND" in err
    assert run(["db", "upgrade"], monkeypatch) == 1
    assert "käyttökelpoista avainnippua ei löytynyt" in capsys.readouterr().err


@pytest.mark.skipif(not POSTGRES_URL, reason="no PostgreSQL server: set WALKIN_TEST_POSTGRES_URL")
def test_the_server_password_is_read_from_the_keyring_at_connect(
        file_keyring: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    url = make_url(_fresh_postgres())
    password = url.password
    without = url._replace(password=None).render_as_string(hide_password=False)
    monkeypatch.setenv("WALKIN_DATABASE__URL", without)
    assert run(["db", "upgrade"], monkeypatch) == 1
    assert "walkin db set-password" in capsys.readouterr().err  # refused without the password
    assert run(["db", "set-password", "--password-stdin"], monkeypatch, f"{password}\n") == 0
    assert run(["db", "upgrade"], monkeypatch) == 0
    assert "ajan tasalla" in capsys.readouterr().out
