"""The administrator's commands: accounts, purge, the audit trail as CSV, and the server password
in a real keyring (keyrings.alt's file backend), with the real PostgreSQL when there is one."""

from __future__ import annotations

import csv
import getpass
import io
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from forms.audit_query import AuditQuery
from forms.intake import IntakeForm
from forms.profile import load_profile
from forms.settings import Settings
from forms.timefmt import HELSINKI, utc_now
from storage.audit import AuditRow
from storage.errors import StorageError
from storage.services import Services, open_services
from tests.conftest import ADMIN_PIN, PIN, POSTGRES_URL, TwoRoles, _fresh_postgres, add_admin, add_worker
from tui.cli import main


def run(args: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(args)


AS_PAULA = ["--admin", "paula", "--pin-stdin"]


@pytest.fixture
def cli_url(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The command line's database, SQLite in the test's folder or the PostgreSQL server, and the
    workstation it runs on."""
    monkeypatch.setenv("WALKIN_DATABASE__URL", db_url)
    monkeypatch.setenv("WALKIN_WORKSTATION", "desk-9")
    return db_url


def opened(url: str) -> Services:
    return open_services(url, load_profile())


def events(url: str) -> list[AuditRow]:
    """The whole audit trail, newest first."""
    services = opened(url)
    try:
        return services.audit.events(AuditQuery(), limit=None)
    finally:
        services.close()


def test_accounts_from_the_command_line(cli_url: str, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    admin = ["staff", "add", "--username", "paula", "--display-name", "Paula Pääkäyttäjä",
             "--job-title", "Palveluvastaava", "--role", "admin", "--pin-stdin"]
    assert run(admin, monkeypatch, "5555\n") == 1
    assert "Liian helppo arvata" in capsys.readouterr().err
    assert run(admin, monkeypatch, f"{ADMIN_PIN}\n") == 0
    assert run(["staff", "add", "--username", "olli", "--display-name", "Olli Testinen",
                "--job-title", "Ohjaaja", *AS_PAULA], monkeypatch, f"{ADMIN_PIN}\n{PIN}\n") == 0
    assert run(["staff", "deactivate", "paula", *AS_PAULA], monkeypatch, f"{ADMIN_PIN}\n") == 1
    assert "Paula Pääkäyttäjä on viimeinen ylläpitäjä" in capsys.readouterr().err
    assert run(["staff", "change", "olli", "--role", "admin", "--phone", "+358 40 000 0303", *AS_PAULA],
               monkeypatch, f"{ADMIN_PIN}\n") == 0
    assert run(["staff", "deactivate", "paula", *AS_PAULA], monkeypatch, f"{ADMIN_PIN}\n") == 0
    as_olli = ["--admin", "olli", "--pin-stdin"]
    assert run(["staff", "reset-pin", "olli", *as_olli], monkeypatch, f"{PIN}\n12\n") == 1
    assert "--pin: PIN-koodissa on 4–12 numeroa." in capsys.readouterr().err
    assert run(["staff", "reset-pin", "olli", *as_olli], monkeypatch, f"{PIN}\n9876\n") == 1
    assert "--pin: Liian helppo arvata" in capsys.readouterr().err
    assert run(["staff", "reset-pin", "olli", *as_olli], monkeypatch, f"{PIN}\n3861\n") == 0
    capsys.readouterr()
    assert run(["staff", "list", *as_olli], monkeypatch, "3861\n") == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split() == ["olli", "Olli", "Testinen", "admin"]
    assert listing[1].startswith("paula") and listing[1].endswith("(poistettu käytöstä)")
    services = opened(cli_url)
    try:
        assert services.staff.check_pin("olli", "3861").phone == "+358 40 000 0303"
        with pytest.raises(StorageError):
            services.staff.check_pin("paula", ADMIN_PIN)
    finally:
        services.close()
    assert run(["staff", "activate", "nobody", *as_olli], monkeypatch, "3861\n") == 1
    changes = {"staff_added", "staff_changed", "staff_deactivated", "pin_reset"}
    me = f"cli:{getpass.getuser()}"
    assert [(e.action.value, e.username, e.actor, e.workstation) for e in events(cli_url)
            if e.action.value in changes] == [
        ("pin_reset", "olli", me, "desk-9"), ("staff_deactivated", "paula", me, "desk-9"),
        ("staff_changed", "paula", me, "desk-9"), ("staff_added", "paula", me, "desk-9"),
        ("staff_added", None, me, "desk-9"),  # the first account: there was no one to name
    ]


def test_only_the_first_account_is_added_without_an_administrator(
        cli_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    anna = ["staff", "add", "--username", "anna.k", "--display-name", "Anna Esimerkki", "--job-title", "Ohjaaja",
            "--pin-stdin"]
    assert run(anna, monkeypatch, "6152\n") == 1
    assert "ensimmäisen on oltava ylläpitäjä (--role admin)" in capsys.readouterr().err
    assert run([*anna, "--role", "admin"], monkeypatch, "6152\n") == 0
    olli = ["staff", "add", "--username", "olli", "--display-name", "Olli Testinen", "--job-title", "Ohjaaja",
            "--role", "admin", "--pin-stdin"]
    assert run(olli, monkeypatch, "7391\n") == 1
    assert "--admin" in capsys.readouterr().err
    services = opened(cli_url)
    try:
        assert [(m.username, m.role) for m in services.staff.all_members()] == [("anna.k", "admin")]
    finally:
        services.close()


GUARDED = {
    "staff add": (["staff", "add", "--username", "ulla", "--display-name", "Ulla Uusi", "--job-title", "Ohjaaja"],
                  "6152\n", "staff_added"),
    "staff list": (["staff", "list"], "", None),
    "staff change": (["staff", "change", "olli", "--role", "admin"], "", "staff_changed"),
    "staff deactivate": (["staff", "deactivate", "olli"], "", "staff_deactivated"),
    "staff activate": (["staff", "activate", "olli"], "", "staff_activated"),
    "staff reset-pin": (["staff", "reset-pin", "olli"], "8642\n", "pin_reset"),
    "purge": (["purge"], "", None),  # nothing old to erase: no event (the next test has one)
    "audit": (["audit", "--out", "{tmp}/audit.csv"], "", "export"),
    "summary csv": (["summary", "--format", "csv", "--out", "{tmp}/day.csv"], "", "export"),
    "summary json": (["summary", "--format", "json", "--out", "{tmp}/day.json"], "", "export"),
    "summary pdf": (["summary", "--format", "pdf", "--out", "{tmp}/day.pdf"], "", "export"),
    "summary xlsx": (["summary", "--format", "xlsx", "--out", "{tmp}/day.xlsx"], "", "export"),
    "print memo": (["print", "memo", "--visit", "A001", "--out", "{tmp}/memo.pdf"], "", "view"),
    "print card": (["print", "card", "--visit", "A001", "--staff", "olli", "--out", "{tmp}/card.pdf"], "", "view"),
    "print consent": (["print", "consent", "--visit", "A001", "--out", "{tmp}/consent.pdf"], "", "view"),
}


@pytest.mark.parametrize("command", GUARDED)
def test_a_guarded_command_needs_an_administrators_pin(
        command: str, cli_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Refused without --admin, with a wrong PIN (recorded, as at the desk) and with a desk
    worker's right PIN; done with the administrator's, and the audit trail names her."""
    args, new_pin, action = GUARDED[command]
    args = [a.format(tmp=tmp_path) for a in args]
    services = opened(cli_url)
    try:
        add_admin(services)
        olli = add_worker(services, "olli", "Olli Testinen")
        services.desk.admit(IntakeForm(call_name="Aino"), olli.id)
    finally:
        services.close()
    before = len(events(cli_url))

    assert run(args, monkeypatch, new_pin) == 1
    assert "--admin" in capsys.readouterr().err
    assert run([*args, *AS_PAULA], monkeypatch, f"5828\n{new_pin}") == 1
    assert capsys.readouterr().err == "Väärä käyttäjätunnus tai PIN-koodi.\n"
    assert run([*args, "--admin", "olli", "--pin-stdin"], monkeypatch, f"{PIN}\n{new_pin}") == 1
    assert capsys.readouterr().err == "olli ei ole ylläpitäjä: mitään ei tehty.\n"
    refused = events(cli_url)
    assert [(e.action.value, e.username, e.detail) for e in refused[:len(refused) - before]] == [
        ("sign_in_refused", "olli", "not an administrator"), ("sign_in_refused", "paula", None)]
    assert not [a for a in args if a.startswith(str(tmp_path)) and Path(a).exists()], "nothing was written"

    assert run([*args, *AS_PAULA], monkeypatch, f"{ADMIN_PIN}\n{new_pin}") == 0
    done = events(cli_url)[:-len(refused)]
    if action is None:
        assert done == []
        return
    named = [(e.username, e.actor, e.workstation) for e in done if e.action.value == action]
    assert named == [("paula", f"cli:{getpass.getuser()}", "desk-9")]


def test_the_administrators_pin_is_asked_on_the_terminal(cli_url: str, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    services = opened(cli_url)
    try:
        add_admin(services)
    finally:
        services.close()
    asked: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or ADMIN_PIN)
    assert run(["staff", "list", "--admin", "paula"], monkeypatch) == 0
    assert asked == ["Ylläpitäjän PIN-koodi: "]
    assert "Paula Pääkäyttäjä" in capsys.readouterr().out


def test_wrong_administrator_pins_lock_the_account_as_at_the_desk(
        cli_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    services = opened(cli_url)
    try:
        add_admin(services)
    finally:
        services.close()
    for _attempt in range(5):
        assert run(["purge", *AS_PAULA], monkeypatch, "1111\n") == 1
    capsys.readouterr()
    assert run(["purge", *AS_PAULA], monkeypatch, f"{ADMIN_PIN}\n") == 1
    assert "lukittu" in capsys.readouterr().err
    assert [e.action.value for e in events(cli_url)][:2] == ["account_locked", "sign_in_refused"]
    assert run(["purge", *AS_PAULA], monkeypatch, "\n") == 1
    assert capsys.readouterr().err == "PIN-koodia ei annettu: mitään ei tehty.\n"


def test_purge_erases_old_names_and_saved_printouts(settings: Settings, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    services = open_services(settings.database_url, load_profile(),
                             clock=lambda: utc_now() - timedelta(days=40))
    worker = add_worker(services)
    add_admin(services)
    old = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
    services.close()
    printouts = settings.home / "printouts"
    (printouts / (utc_now() - timedelta(days=40)).date().isoformat()).mkdir(parents=True)
    (printouts / (utc_now() - timedelta(days=40)).date().isoformat() / "memo-A001.pdf").write_bytes(b"%PDF")
    (printouts / utc_now().date().isoformat()).mkdir()
    assert run(["purge", *AS_PAULA], monkeypatch, f"{ADMIN_PIN}\n") == 0
    assert "1 käynnin" in capsys.readouterr().out
    assert [(e.username, e.actor) for e in events(settings.database_url) if e.action.value == "purge"] == [
        ("paula", f"cli:{getpass.getuser()}")]
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
    add_admin(services)
    visit = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
    services.desk.visit(visit.id, viewer=worker.id)
    services.close()
    out = tmp_path / "audit.csv"
    assert run(["audit", "--user", "kaisa", "--out", str(out), *AS_PAULA], monkeypatch, f"{ADMIN_PIN}\n") == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["action"], r["ticket"], r["workstation"]) for r in rows] == [
        ("view", "A001", "desk-1"), ("admit", "A001", "desk-1")]
    assert datetime.fromisoformat(rows[0]["time"]).utcoffset() == HELSINKI.utcoffset(datetime.now())
    assert "Aino" not in out.read_text(encoding="utf-8")
    assert run(["audit", "--action", "export", "--out", str(out), *AS_PAULA], monkeypatch, f"{ADMIN_PIN}\n") == 0
    assert "audit trail, 2 events" in out.read_text(encoding="utf-8")
    assert run(["audit", "--action", "nonsense", *AS_PAULA], monkeypatch, f"{ADMIN_PIN}\n") == 1


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


def test_the_owner_upgrades_and_grants_the_desks_role_named_in_the_settings(
        two_roles: TwoRoles, file_keyring: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    desk, owner = make_url(two_roles.desk_url), make_url(two_roles.owner_url)
    monkeypatch.setenv("WALKIN_DATABASE__URL", desk._replace(password=None).render_as_string())
    assert run(["db", "set-password", "--password-stdin"], monkeypatch, f"{desk.password}\n") == 0
    assert run(["db", "upgrade"], monkeypatch) == 1  # the desks' role cannot create the tables
    assert f"walkin db upgrade --owner-url postgresql+psycopg://{two_roles.owner}@" in capsys.readouterr().err
    owner_url = owner._replace(password=None).render_as_string()
    assert run(["db", "upgrade", "--owner-url", "walkin_owner@db"], monkeypatch) == 1
    assert "--owner-url ei ole tietokannan osoite" in capsys.readouterr().err
    assert run(["db", "upgrade", "--owner-url", owner_url, "--password-stdin"], monkeypatch, "\n") == 1
    assert run(["db", "upgrade", "--owner-url", owner_url, "--password-stdin"], monkeypatch,
               f"{owner.password}\n") == 0
    out = capsys.readouterr().out
    assert "ajan tasalla" in out and f"Rooli {two_roles.desk} voi nyt toimia vastaanotossa" in out
    assert run(["staff", "add", "--username", "paula", "--display-name", "Paula Pääkäyttäjä",
                "--job-title", "Palveluvastaava", "--role", "admin", "--pin-stdin"], monkeypatch, f"{ADMIN_PIN}\n") == 0
    assert run(["db", "upgrade"], monkeypatch) == 0  # as the desk: already current, only read
    assert capsys.readouterr().err == ""
    from keyrings.alt.file import PlaintextKeyring

    from storage.credentials import keyring_account

    assert PlaintextKeyring().get_password("walkin-desk", keyring_account(owner)) is None  # never kept
    monkeypatch.setenv("WALKIN_DATABASE__URL", two_roles.owner_url)  # the one-role set-up
    assert run(["db", "upgrade"], monkeypatch) == 0
    assert "Varoitus: tämä rooli omistaa taulut" in capsys.readouterr().err


def test_purge_keeps_and_lists_visits_awaiting_documentation(settings: Settings, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from forms.outcome import Outcome

    then = utc_now() - timedelta(days=40)
    services = open_services(settings.database_url, load_profile(), clock=lambda: then)
    worker = add_worker(services)
    add_admin(services)
    old = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
    services.desk.call(old.id, worker.id)
    services.desk.finish(old.id, Outcome(follow_up_on=then.date() + timedelta(days=7)), worker.id)
    services.close()
    assert run(["purge", *AS_PAULA], monkeypatch, f"{ADMIN_PIN}\n") == 0
    said = capsys.readouterr()
    assert "0 käynnin" in said.out
    assert f"1 vanhaa käyntiä odottaa kirjaamista asiakastietojärjestelmään: A001 {old.service_day}" in said.err
    services = open_services(settings.database_url, load_profile())
    try:
        assert services.desk.visit(old.id).entry.call_name == "Aino"
    finally:
        services.close()
    assert run(["purge", "--including-undocumented", *AS_PAULA], monkeypatch, f"{ADMIN_PIN}\n") == 0
    assert "Niistä 1 odotti kirjaamista" in capsys.readouterr().out
    services = open_services(settings.database_url, load_profile())
    try:
        assert services.desk.visit(old.id).entry.call_name is None
    finally:
        services.close()
