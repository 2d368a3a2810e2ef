"""The message catalogue: every string translated to Finnish, and the compiled file up to date."""

from __future__ import annotations

import subprocess
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from forms.i18n import LOCALE_DIR

ROOT = Path(__file__).parents[2]


def test_every_message_in_the_code_has_a_finnish_translation(tmp_path: Path) -> None:
    pot = tmp_path / "walkin.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "_", "-k", "N_", "-o", str(pot), "--no-location",
         "tui", "storage", "forms", "printouts", "workflows"],
        cwd=ROOT, check=True, capture_output=True,
    )
    wanted = {m.id for m in read_po(pot.open("rb")) if m.id}
    po = read_po((LOCALE_DIR / "fi/LC_MESSAGES/walkin.po").open("rb"))
    translated = {m.id for m in po if m.id and m.string and not m.fuzzy}
    assert sorted(wanted - translated) == [], "run `make i18n` and translate the new messages"


def test_compiled_catalogue_matches_the_po_file() -> None:
    po = {m.id: m.string for m in read_po((LOCALE_DIR / "fi/LC_MESSAGES/walkin.po").open("rb")) if m.id}
    mo = {m.id: m.string for m in read_mo(BytesIO((LOCALE_DIR / "fi/LC_MESSAGES/walkin.mo").read_bytes())) if m.id}
    assert po == mo, "run `make i18n` to compile the catalogue"
