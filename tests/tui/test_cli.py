"""The command line: staff accounts, demo data and the version."""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy import func, select

from forms.profile import load_profile
from forms.settings import Settings
from forms.timefmt import shifted_clock
from storage.demo import DEMO_PIN
from storage.models import FollowUp, FollowUpAnswer, Visit
from storage.services import open_services
from tests.conftest import ADMIN_PIN, PIN, add_admin, add_worker
from tui.cli import main

STAFF = ["staff", "add", "--username", "anna.k", "--role", "admin", "--display-name", "Anna Esimerkki",
         "--job-title", "Työkykykoordinaattori", "--phone", "+358 40 000 0111", "--pin-stdin"]


def staff_names(settings: Settings) -> list[str]:
    services = open_services(settings.database_url, load_profile())
    try:
        return [m.username for m in services.staff.active_members()]
    finally:
        services.close()


def test_staff_add_reads_the_pin_from_stdin(settings: Settings, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n"))
    assert main(STAFF) == 0
    assert "Lisättiin Anna Esimerkki (anna.k)." in capsys.readouterr().out
    assert staff_names(settings) == ["anna.k"]
    services = open_services(settings.database_url, load_profile())
    assert services.staff.sign_in("anna.k", PIN, "cli")[0].job_title == "Työkykykoordinaattori"
    services.close()


def test_staff_add_names_each_bad_option(settings: Settings, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("12\n"))
    bad = [*STAFF[:-2], "ei numero", "--pin-stdin"]
    assert main(bad) == 1
    err = capsys.readouterr().err
    assert "--phone: Ei ole puhelinnumero." in err and "--pin: PIN-koodissa on 4–12 numeroa." in err
    assert staff_names(settings) == []


def test_demo_fills_days_and_creates_demo_accounts(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--days", "3"]) == 0
    out = capsys.readouterr().out
    assert "kuviteltua käyntiä" in out and f"Esittelytunnukset: kaisa, olli; PIN {DEMO_PIN}." in out
    services = open_services(settings.database_url, load_profile())
    assert services.desk.snapshot().entries, "today's demo keeps a live queue"
    # Every site has its own queue and ticket series today, the first the most visits.
    centre, village = (services.desk.snapshot(site=site).entries for site in ("keskusta", "kirkonkyla"))
    assert village and {e.ticket[0] for e in centre} == {"A"} and {e.ticket[0] for e in village} == {"K"}
    with services.db.reading() as session:
        per_site = dict(session.execute(select(Visit.site, func.count()).group_by(Visit.site)).all())
    assert per_site["keskusta"] > per_site["kirkonkyla"] > 0, per_site
    services.close()
    assert main(["demo", "--days", "0"]) == 1


def test_the_demo_has_follow_ups_due_at_once_on_the_day_given(settings: Settings) -> None:
    assert main(["--today", "2026-12-02", "demo"]) == 0
    services = open_services(settings.database_url, load_profile(), clock=shifted_clock(date(2026, 12, 2)))
    try:
        counts = services.follow_ups.counts(None)
        assert counts.today >= 1 and counts.overdue >= 1
        with services.db.reading() as session:
            assert session.scalar(select(func.max(Visit.service_day))) == date(2026, 12, 2)
            reasons = session.scalars(select(FollowUp.end_reason).where(FollowUp.end_reason.is_not(None))).all()
            assert reasons and session.scalar(select(func.count()).select_from(FollowUpAnswer))
    finally:
        services.close()
    assert main(["--today", "2026-02-30", "demo"]) == 1


def visits_and_accounts(url: str) -> tuple[int, int]:
    services = open_services(url, load_profile())
    try:
        return len(list(services.reports.visit_rows(date(2000, 1, 1), date(2100, 1, 1)))), services.staff.count()
    finally:
        services.close()


def test_demo_keeps_out_of_a_database_with_data_of_its_own(
        db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("WALKIN_DATABASE__URL", db_url)
    assert main(["demo"]) == 0
    first = visits_and_accounts(db_url)
    assert main(["demo"]) == 1, "its own visits of an earlier run are visits too"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Mitään ei lisätty" in err and "--force" in err
    assert main(["demo", "--force"]) == 0, "only demo accounts: no administrator to ask"
    assert visits_and_accounts(db_url) > first

    services = open_services(db_url, load_profile())
    try:
        add_admin(services)
    finally:
        services.close()
    before = visits_and_accounts(db_url)
    assert main(["demo", "--force"]) == 1, "a real account: its administrator decides"
    assert "--admin" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN_PIN}\n"))
    assert main(["demo", "--force", "--admin", "paula", "--pin-stdin"]) == 0
    assert visits_and_accounts(db_url)[0] > before[0]


def test_demo_refuses_a_database_with_real_accounts_only(
        settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    services = open_services(settings.database_url, load_profile())
    try:
        add_admin(services)
        add_worker(services, "olli", "Olli Oikea")  # a real worker with a demo account's username
    finally:
        services.close()
    assert main(["demo"]) == 1
    assert "0 omaa käyntiä ja 2 omaa tunnusta" in capsys.readouterr().err
    assert visits_and_accounts(settings.database_url) == (0, 2)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("walkin-desk 0.1.0")


def test_the_walkin_command_ends_with_its_output_and_exit_code_kept(settings: Settings) -> None:
    """`walkin` ends the process without the interpreter's teardown (a quick Ctrl+Q), also after a
    PIN was hashed (its thread is ended first): what it wrote to a pipe, where output waits in a
    buffer, and its exit code still arrive, and so does the account it added to the database."""
    import os
    import subprocess
    import sys

    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    # The interpreter's teardown runs what atexit holds; the quick end does not.
    teardown_tells = "import atexit; atexit.register(print, 'teardown'); from tui.cli import entry; entry()"
    added = subprocess.run([sys.executable, "-c", teardown_tells, *STAFF],
                           input=f"{PIN}\n", capture_output=True, text=True, timeout=60, env=buffered)
    assert added.returncode == 0, added.stderr
    assert "Lisättiin Anna Esimerkki (anna.k)." in added.stdout
    assert "teardown" not in added.stdout, "a thread was left: the process ended the slow way"
    assert staff_names(settings) == ["anna.k"]
    refused = subprocess.run([sys.executable, "-c", "from tui.cli import entry; entry()", "staff", "remove"],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "walkin" in refused.stderr
