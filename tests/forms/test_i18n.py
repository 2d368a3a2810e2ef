"""The message catalogue: every string translated to Finnish and Swedish with the same placeholders,
and the compiled files up to date."""

from __future__ import annotations

import re
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from forms.i18n import LOCALE_DIR, UI_LANGUAGES

ROOT = Path(__file__).parents[2]
TRANSLATED = [language for language in UI_LANGUAGES if language != "en"]  # English is the msgid

# What must come through a translation unchanged: {name}, %(name)s, %s, %r and [b]…[/b] markup.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[sdr]|%[sdr]|\[/?[a-z$@][^\]]*\]")


def test_the_screens_speak_finnish_and_swedish() -> None:
    assert TRANSLATED == ["fi", "sv"]


@pytest.fixture(scope="module")
def wanted(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    pot = tmp_path_factory.mktemp("pot") / "walkin.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "_", "-k", "N_", "-o", str(pot), "--no-location",
         "tui", "storage", "forms", "printouts", "workflows"],
        cwd=ROOT, check=True, capture_output=True,
    )
    return {m.id for m in read_po(pot.open("rb")) if m.id}


def catalogue(language: str) -> dict[str, str]:
    po = read_po((LOCALE_DIR / f"{language}/LC_MESSAGES/walkin.po").open("rb"))
    return {m.id: m.string for m in po if m.id and not m.fuzzy}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_in_the_code_has_a_translation(wanted: set[str], language: str) -> None:
    translated = {msgid for msgid, string in catalogue(language).items() if string}
    assert sorted(wanted - translated) == [], (
        f"run `make i18n` and translate the new messages in forms/locale/{language}")


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_the_placeholders_and_markup(language: str) -> None:
    differing = [(msgid, string) for msgid, string in catalogue(language).items()
                 if string and sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(string))]
    assert differing == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_the_lines_and_edge_spaces(language: str) -> None:
    """A prompt's trailing space and a multi-line help's lines are part of the layout."""
    def shape(text: str) -> tuple[bool, bool, int]:
        return text[:1].isspace(), text[-1:].isspace(), text.count("\n")

    assert [msgid for msgid, string in catalogue(language).items()
            if string and shape(msgid) != shape(string)] == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogue_matches_the_po_file(language: str) -> None:
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    po = {m.id: m.string for m in read_po((folder / "walkin.po").open("rb")) if m.id}
    mo = {m.id: m.string for m in read_mo(BytesIO((folder / "walkin.mo").read_bytes())) if m.id}
    assert po == mo, "run `make i18n` to compile the catalogue"


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_translation_carries_the_english_along(language: str) -> None:
    """A merge once glued the English onto the end of a Finnish help text."""
    assert [msgid for msgid, string in catalogue(language).items()
            if len(msgid) > 20 and string != msgid and msgid in string] == []
