"""`walkin --help`, a subcommand's help and argparse's own errors in the UI language: Finnish by
default, Swedish or English with --lang, WALKIN_LANGUAGE or the settings file; run as a user runs
it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ENGLISH = ("usage:", "options:", "positional arguments", "show this help message", "error:",
           "the following arguments are required", "invalid choice", "language of the screens",
           "a day's or a period's summary", "DATE", "USERNAME", "YYYY")


def _walkin(*args: str, **env: str) -> str:
    """What the command writes, standard output and error together."""
    walkin = Path(sys.executable).parent / "walkin"
    done = subprocess.run([str(walkin), *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **env})
    return done.stdout + done.stderr


@pytest.fixture(autouse=True)
def _no_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WALKIN_LANGUAGE", raising=False)


def _desk_in(language: str, how: str, tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    """The options and environment that set the desk's language `how`: by option, environment
    variable or settings file."""
    settings = tmp_path / "settings.toml"
    settings.write_text(f'language = "{language}"\nworkstation = "desk-1"\n', encoding="utf-8")
    return {"option": (["--lang", language], {}),
            "environment": ([], {"WALKIN_LANGUAGE": language}),
            "settings file": ([], {"WALKIN_SETTINGS": str(settings)})}[how]


def test_help_and_argparse_s_own_words_are_finnish_by_default() -> None:
    said = "\n".join((_walkin("--help"), _walkin("summary", "--help"), _walkin("staff", "add"),
                      _walkin("summary", "--format", "docx")))
    for english in ENGLISH:
        assert english not in said
    for finnish in ("käyttö: walkin", "valitsimet:", "näytä tämä ohje ja lopeta", "päivän tai jakson yhteenveto",
                    "--date PVM", "VVVV-KK-PP (oletus: tänään)",
                    "walkin staff add: virhe: nämä valitsimet puuttuvat: --username",
                    "virheellinen valinta: 'docx'"):
        assert finnish in said


@pytest.mark.parametrize("how", ["option", "environment", "settings file"])
def test_help_is_english_when_the_desk_is(how: str, tmp_path: Path) -> None:
    options, env = _desk_in("en", how, tmp_path)
    said = "\n".join((_walkin(*options, "--help", **env), _walkin(*options, "summary", "--help", **env),
                      _walkin(*options, "staff", "add", **env)))
    for english in ("usage: walkin", "options:", "show this help message and exit", "a day's or a period's summary",
                    "--date DATE", "the following arguments are required: --username"):
        assert english in said
    assert "käyttö" not in said and "valitsimet" not in said


@pytest.mark.parametrize("how", ["option", "environment", "settings file"])
def test_help_and_argparse_s_own_words_are_swedish_when_the_desk_is(how: str, tmp_path: Path) -> None:
    options, env = _desk_in("sv", how, tmp_path)
    said = "\n".join((_walkin(*options, "--help", **env), _walkin(*options, "summary", "--help", **env),
                      _walkin(*options, "staff", "add", **env),
                      _walkin(*options, "summary", "--format", "docx", **env)))
    for english in ENGLISH:
        assert english not in said
    for swedish in ("användning: walkin", "alternativ:", "positionsargument:",
                    "visa det här hjälpmeddelandet och avsluta", "sammandrag för en dag eller en period",
                    "--date DATUM", "ÅÅÅÅ-MM-DD (standard: i dag)",
                    "walkin staff add: fel: följande argument krävs: --username",
                    "ogiltigt val: 'docx'"):
        assert swedish in said
    assert "käyttö" not in said and "valitsimet" not in said
