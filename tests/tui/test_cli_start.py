"""The command line says what is wrong in one sentence, never a traceback: a newer database, bad
settings, a URL, driver or keyring it cannot use, dates out of range, a data folder it cannot
write, and anything unforeseen (whose traceback goes to the log)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from forms.settings import Settings
from tests.conftest import FakeClock
from tests.scenarios import stamp
from tests.tui.helpers import prepared
from tui.cli import main


def said(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return captured.err


@pytest.mark.parametrize("command", [["summary"], ["staff", "list"], ["db", "upgrade"], ["purge"]])
def test_a_newer_database_is_one_sentence(command: list[str], settings: Settings, clock: FakeClock,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    prepared(settings, clock).close()
    stamp(settings.database_url, "0099")
    assert main(["--lang", "en", *command]) == 1
    assert said(capsys).startswith("This database was upgraded by a newer walkin-desk (schema 0099;")


def test_a_settings_typo_is_refused_in_the_chosen_language(settings: Settings,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    settings.home.mkdir(parents=True)
    path = settings.home / "settings.toml"
    path.write_text('[databse]\nurl = "postgresql+psycopg://walkin@db.example/walkin"\n', encoding="utf-8")
    assert main(["staff", "list"]) == 2
    assert said(capsys).startswith(f"{path}: databse ei ole asetus (kirjoitusvirhe?).\nAsetukset ovat: home,")
    assert main(["--lang", "en", "staff", "list"]) == 2
    assert said(capsys).startswith(f"{path}: databse is not a setting (misspelt?).\nThe settings are: home,")
    assert not (settings.home / "walkin.db").exists(), "no local queue of its own"


@pytest.mark.parametrize(("url", "sentence"), [
    ("nonsense", "database.url in the settings is not a database URL."),
    ("postgresql+psycopg2cffi://walkin@db.example/walkin", "walkin-desk cannot use the database type"),
])
def test_a_url_or_driver_that_cannot_be_used_is_one_sentence(url: str, sentence: str,
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("WALKIN_DATABASE__URL", url)
    assert main(["--lang", "en", "staff", "list"]) == 1
    assert said(capsys).startswith(sentence)


def test_a_misspelt_keyring_backend_is_one_sentence(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyrin")
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.setenv("WALKIN_DATABASE__URL", "postgresql+psycopg://walkin@127.0.0.1:1/walkin")
    assert main(["--lang", "en", "summary"]) == 1
    assert said(capsys).startswith("The keyring backend cannot be loaded (AttributeError).")


@pytest.mark.parametrize("options", [
    ["summary", "--date", "2026-13-01"],
    ["summary", "--from", "9999-12-31", "--to", "9999-12-31"],
    ["summary", "--from", "2026-11-01", "--to", "9999-12-31", "--format", "pdf"],
    ["audit", "--from", "0001-01-01"],
    ["audit", "--to", "9999-12-31"],
])
def test_dates_out_of_range_are_one_sentence(options: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", *options]) == 1
    assert " is not a date from 2000-01-01 to 2099-12-31 (YYYY-MM-DD)." in said(capsys)


def test_a_data_folder_that_is_a_file_is_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    in_the_way = tmp_path / "walkin-data"
    in_the_way.write_text("not a folder\n", encoding="utf-8")
    for home in (in_the_way, in_the_way / "deeper"):
        monkeypatch.setenv("WALKIN_HOME", str(home))
        for command in (["staff", "list"], [], ["display"]):
            assert main(["--lang", "en", *command]) == 1
            assert said(capsys) == (f"The data folder {home} cannot be used: {in_the_way} is a file, not a folder. "
                                    "Move the file away, or set WALKIN_HOME to a folder.\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a 0500 folder all the same")
def test_a_read_only_data_folder_is_one_sentence(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    settings.home.mkdir(mode=0o500)
    try:
        assert main(["--lang", "en", "staff", "list"]) == 1
        assert said(capsys).startswith(f"walkin cannot write in {settings.home}: it is read-only for ")
        assert settings.home.stat().st_mode & 0o777 == 0o500, "its owner's choice, left alone"
    finally:
        settings.home.chmod(0o700)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder to another user")
def test_root_does_not_take_over_another_users_data_folder(settings: Settings,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    settings.home.mkdir()
    settings.home.chmod(0o750)
    os.chown(settings.home, 65534, 65534)  # nobody's
    assert main(["--lang", "en", "staff", "list"]) == 1
    assert said(capsys).startswith(f"walkin runs as root, but the data folder {settings.home} belongs to ")
    assert list(settings.home.iterdir()) == [] and settings.home.stat().st_mode & 0o777 == 0o750


def test_the_app_does_not_tighten_a_folder_it_does_not_own(tmp_path: Path) -> None:
    from forms.files import private_folder

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    if os.geteuid() == 0:
        os.chown(shared, 65534, 65534)
    else:
        pytest.skip("needs a folder of another user: only root can make one")
    private_folder(shared)  # an app folder pointed at it: it was not the app's to change
    assert shared.stat().st_mode & 0o777 == 0o755


def test_an_unforeseen_error_is_one_sentence_and_its_traceback_is_in_the_log(
        settings: Settings, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import logging

    prepared(settings, clock).close()
    not_a_folder = tmp_path / "report"
    not_a_folder.write_text("", encoding="utf-8")
    try:
        assert main(["--lang", "en", "summary", "--out", str(not_a_folder / "day.txt")]) == 1
        log = settings.home / "logs" / "walkin.log"
        assert said(capsys) == ("walkin stopped on an unexpected error (NotADirectoryError). Tell the administrator; "
                                f"the details are in {log}.\n")
        assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")
    finally:
        logger = logging.getLogger("walkin")
        for handler in list(logger.handlers):
            if str(settings.home) in str(getattr(handler, "baseFilename", "")):
                logger.removeHandler(handler)
                handler.close()
