"""`walkin profile replay` run as a user runs it (a subprocess), in Finnish and in English: a draft
with errors is reported exactly as `walkin profile check` reports it, before any database or PIN;
a good draft lists the visits that would move, for an administrator only, and writes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from forms.profile import load_profile
from storage.services import open_services
from tests.conftest import ADMIN_PIN, FakeClock, add_admin, add_worker
from tests.replay_cases import MOVED_BY_HEALTH_CHECK, draft_text, write_draft
from tests.workflows.test_replay import triaged_day, visit_rows

PERIOD = ("--from", "2026-11-01", "--to", "2026-11-30")


def _walkin(home: Path, *args: str, url: str | None = None, pin: str | None = None) -> subprocess.CompletedProcess[str]:
    walkin = Path(sys.executable).parent / "walkin"
    env = {**os.environ, "WALKIN_HOME": str(home), "WALKIN_WORKSTATION": "desk-9"}
    env.pop("WALKIN_LANGUAGE", None)
    if url:
        env["WALKIN_DATABASE__URL"] = url
    return subprocess.run([str(walkin), *args], input=None if pin is None else f"{pin}\n",
                          capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_a_draft_with_errors_is_reported_as_check_reports_it(lang: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    broken = draft_text().replace('question = "acute_today"', 'question = "acute_yesterday"').replace(
        'ticket_prefix = "A"', 'ticket_prefix = "a1"')
    draft = write_draft(tmp_path, broken)
    ui = ["--lang", "en"] if lang == "en" else []
    checked = _walkin(home, *ui, "profile", "check", str(draft))
    for replayed in (_walkin(home, *ui, "profile", "replay", str(draft), *PERIOD),
                     _walkin(home, "profile", "replay", str(draft), *PERIOD, "--lang", lang)):
        assert (replayed.returncode, replayed.stdout, replayed.stderr) == (
            checked.returncode, checked.stdout, checked.stderr)
    assert checked.returncode == 1
    assert "unknown question 'acute_yesterday'" in checked.stdout and "ticket_prefix" in checked.stdout
    assert list(home.rglob("*.db")) == []  # no database opened, no PIN asked

    deep = write_draft(tmp_path, "a = " + "[" * 2000 + "]" * 2000)
    said = _walkin(home, *ui, "profile", "replay", str(deep), *PERIOD)
    assert said.stdout == _walkin(home, *ui, "profile", "check", str(deep)).stdout
    assert ("liian syvälle" if lang == "fi" else "nested too deeply") in said.stdout


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_replay_lists_the_moved_visits_for_an_administrator(lang: str, db_url: str, tmp_path: Path) -> None:
    profile = load_profile()
    services = open_services(db_url, profile, clock=FakeClock())
    try:
        admin = add_admin(services)
        triaged_day(services, profile, add_worker(services), FakeClock(), admin)
        before = visit_rows(services)
    finally:
        services.close()
    home, draft = tmp_path / "home", write_draft(tmp_path)
    ui = ["--lang", "en"] if lang == "en" else []

    refused = _walkin(home, *ui, "profile", "replay", str(draft), *PERIOD, url=db_url)
    assert refused.returncode == 1 and refused.stdout == ""
    assert ("Vain ylläpitäjä" if lang == "fi" else "Only an administrator") in refused.stderr

    admin_args = ("--admin", "paula", "--pin-stdin")
    text = _walkin(home, *ui, "profile", "replay", str(draft), *PERIOD, *admin_args, url=db_url, pin=ADMIN_PIN)
    assert text.returncode == 0, text.stderr
    assert "2026-11-24: " + ", ".join(MOVED_BY_HEALTH_CHECK) in text.stdout
    assert ("pian → akuutti, säännöllä health_check: 3" if lang == "fi"
            else "soon → acute, by health_check: 3") in text.stdout
    assert ("Työntekijän asettama kiireellisyys" if lang == "fi" else "Urgency set by a worker") in text.stdout
    assert "Aino" not in text.stdout

    data = _walkin(home, *ui, "profile", "replay", str(draft), *PERIOD, "--format", "json", *admin_args,
                   url=db_url, pin=ADMIN_PIN)
    moves = json.loads(data.stdout)["moves"]
    assert [m["ticket"] for m in moves] == MOVED_BY_HEALTH_CHECK
    assert {(m["from"], m["to"], tuple(m["because"])) for m in moves} == {("soon", "acute", ("health_check",))}

    services = open_services(db_url, profile)
    try:
        assert visit_rows(services) == before
    finally:
        services.close()
