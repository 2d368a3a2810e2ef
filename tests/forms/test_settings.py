"""Settings typos are refused, not ignored: unknown keys, a missing named file, true for a number,
an empty WALKIN_HOME, an unknown WALKIN_ variable; each names the file or variable and the key, in
the UI language."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from forms.i18n import set_language
from forms.settings import Settings, SettingsError, load_settings, settings_file, write_top_level


def problems(monkeypatch: pytest.MonkeyPatch, toml: str | None = None, **environ: str) -> list[str]:
    """What load_settings refuses, with `toml` as the data folder's settings.toml."""
    import os

    home = Path(os.environ["WALKIN_HOME"])
    monkeypatch.delenv("WALKIN_WORKSTATION", raising=False)  # what the file says, here
    if toml is not None:
        home.mkdir(parents=True, exist_ok=True)
        (home / "settings.toml").write_text(toml, encoding="utf-8")
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as refused:
        load_settings()
    return refused.value.problems


def settings_toml(monkeypatch: pytest.MonkeyPatch) -> str:
    import os

    return str(Path(os.environ["WALKIN_HOME"]) / "settings.toml")


def test_a_misspelt_section_is_refused_not_a_quiet_local_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    set_language("en")
    found = problems(monkeypatch, '[databse]\nurl = "postgresql+psycopg://walkin@db.example/walkin"\n')
    path = settings_toml(monkeypatch)
    assert found[0] == f"{path}: databse is not a setting (misspelt?)."
    assert found[-1].startswith("The settings are: home, language,") and "database.url" in found[-1]


def test_misspelt_keys_are_named_in_finnish_too(monkeypatch: pytest.MonkeyPatch) -> None:
    found = problems(monkeypatch, "retension_days = 7\n[database]\nuri = 'x'\n")
    path = settings_toml(monkeypatch)
    assert f"{path}: retension_days ei ole asetus (kirjoitusvirhe?)." in found
    assert f"{path}: database.uri ei ole asetus (kirjoitusvirhe?)." in found


def test_true_is_not_read_as_one_day(monkeypatch: pytest.MonkeyPatch) -> None:
    set_language("en")
    path = settings_toml(monkeypatch)
    assert problems(monkeypatch, "retention_days = true\n") == [
        f"{path}: retention_days must be a number, not true or false."]
    assert problems(monkeypatch, "idle_lock_minutes = false\n") == [
        f"{path}: idle_lock_minutes must be a number, not true or false."]
    (Path(path)).write_text("retention_days = 7\n", encoding="utf-8")
    assert load_settings().retention_days == 7


def test_wrong_values_name_the_file_or_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    set_language("en")
    path = settings_toml(monkeypatch)
    found = problems(monkeypatch, 'retention_days = "a month"\nlanguage = "de"\nworkstation = 7\n',
                     WALKIN_IDLE_LOCK_MINUTES="0")
    assert found == [
        f"{path}: language must be one of: 'fi', 'sv' or 'en'.",
        f"{path}: workstation must be text in quotes.",
        "WALKIN_IDLE_LOCK_MINUTES: idle_lock_minutes must be more than 0.",
        f"{path}: retention_days must be a whole number, without quotes.",
    ]


def test_a_named_settings_file_that_is_missing_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    set_language("en")
    missing = tmp_path / "desk-7.toml"
    assert problems(monkeypatch, WALKIN_SETTINGS=str(missing)) == [
        (f"WALKIN_SETTINGS names {missing}, and there is no such file. Correct it, or remove WALKIN_SETTINGS to use "
         "settings.toml in the data folder.")]


def test_an_empty_walkin_home_is_refused_not_the_current_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    set_language("en")
    found = problems(monkeypatch, WALKIN_HOME="")
    assert found[0].startswith("WALKIN_HOME is set but empty. Set it to the data folder, or remove it to use ")


def test_an_unknown_walkin_variable_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    set_language("en")
    found = problems(monkeypatch, WALKIN_DATABSE__URL="postgresql+psycopg://walkin@db.example/walkin",
                     WALKIN_TEST_SOMETHING="the test suite's own")
    assert found[0] == "WALKIN_DATABSE__URL is not a setting (misspelt?)."
    assert "WALKIN_DATABASE__URL" in found[1] and len(found) == 2


def test_a_deeply_nested_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    set_language("en")
    path = settings_toml(monkeypatch)
    assert problems(monkeypatch, "a = " + "[" * 5000 + "]" * 5000 + "\n") == [
        f"{path}: nested too deeply to read."]


def test_a_toml_syntax_error_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    set_language("en")
    path = settings_toml(monkeypatch)
    found = problems(monkeypatch, "retention_days 30\n")
    assert found[0].startswith(f"{path}: not valid TOML: ")


def test_an_unnamed_desk_is_the_reception_never_the_host_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """The waiting-room display shows the desk's name to clients ("A012 → Vastaanotto")."""
    import os

    monkeypatch.delenv("WALKIN_WORKSTATION")
    workstation = Settings().workstation
    assert workstation == "Vastaanotto" and workstation != os.uname().nodename


def test_the_audit_trail_is_never_kept_shorter_than_the_data_it_describes(monkeypatch: pytest.MonkeyPatch) -> None:
    set_language("en")
    path = settings_file()
    assert load_settings().audit_retention_days == 3650
    assert problems(monkeypatch, "retention_days = 400\naudit_retention_days = 365\n") == [
        f"{path}: audit_retention_days (365) is shorter than retention_days: the audit trail must outlive "
        "the data its events describe."]


def test_a_top_level_setting_is_written_before_the_tables_keeping_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('language = "sv"\n\n# The county\'s server\n[database]\nurl = "postgresql+psycopg://walkin@db/walkin"\n',
                    encoding="utf-8")
    write_top_level(path, "site", "kirkonkyla")
    text = path.read_text(encoding="utf-8")
    assert text == ('language = "sv"\n\nsite = "kirkonkyla"\n# The county\'s server\n[database]\n'
                    'url = "postgresql+psycopg://walkin@db/walkin"\n')
    write_top_level(path, "site", "keskusta")  # changed in place, not twice
    assert tomllib.loads(path.read_text(encoding="utf-8"))["site"] == "keskusta"
    assert path.read_text(encoding="utf-8").count("site =") == 1
    fresh = tmp_path / "new" / "settings.toml"
    write_top_level(fresh, "site", "keskusta")
    assert fresh.read_text(encoding="utf-8") == 'site = "keskusta"\n'
    # A layout it does not understand (a table header inside a multi-line string) is left alone.
    odd = tmp_path / "odd.toml"
    odd.write_text('workstation = """\n[not a table]\n"""\n', encoding="utf-8")
    with pytest.raises(OSError):
        write_top_level(odd, "site", "keskusta")
    assert odd.read_text(encoding="utf-8") == 'workstation = """\n[not a table]\n"""\n'
