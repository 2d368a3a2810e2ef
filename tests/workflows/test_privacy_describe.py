"""`walkin privacy describe`: the description of the processing follows the settings and the profile
(not prose written per value), names where the data is without a password, in fi, sv and en."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from forms.profile import ServiceProfile
from forms.settings import DatabaseSettings, Settings
from printouts.processing import processing_pdf
from tests.printouts.helpers import text
from workflows.processing import KEPT, NOT_ABOUT_PEOPLE, describe, markdown

DAY = date(2026, 11, 30)


def test_the_description_follows_the_settings_and_the_profile(profile: ServiceProfile, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, retention_days=45, audit_retention_days=2000)
    md = markdown(describe(profile, settings, "en", DAY))
    assert f"SQLite database file: {tmp_path / 'walkin.db'}" in md
    assert "erased after 45 days (retention_days)" in md and "kept for 2000 days (audit_retention_days)" in md
    assert "- **audit_retention_days**: 2000" in md
    for _kind, consent in profile.consents.items():
        assert f"(version {consent.version})**: {consent.text.en}" in md
    assert "callback_phone" in md and "text_version" in md  # the tables' own fields
    assert all(f"- **{table}**:" in md for table in KEPT)
    assert "ticket number only" in md
    shown = profile.model_copy(update={"display": profile.display.model_copy(update={"show_names": True})})
    assert "ticket number and the name to call" in markdown(describe(shown, settings, "en", DAY))


def test_a_postgresql_server_is_named_without_its_password(profile: ServiceProfile, tmp_path: Path) -> None:
    url = "postgresql+psycopg://walkin:Salasana-42@db.example.org:5433/walkin"
    settings = Settings(home=tmp_path, database=DatabaseSettings(url=url))
    md = markdown(describe(profile, settings, "fi", DAY))
    assert "PostgreSQL-palvelin db.example.org:5433, tietokanta walkin" in md and "Salasana" not in md


@pytest.mark.parametrize(("language", "title"), [
    ("fi", "Kuvaus henkilötietojen käsittelystä"), ("sv", "Beskrivning av behandlingen av personuppgifter"),
    ("en", "Description of the processing of personal data")])
def test_the_pdf_in_each_language(profile: ServiceProfile, tmp_path: Path, language: str, title: str) -> None:
    settings = Settings(home=tmp_path)
    shown = text(processing_pdf(describe(profile, settings, language, DAY), profile, language, DAY))
    assert title in " ".join(shown.split()) and "audit_retention_days" in shown


def test_walkin_privacy_describe(tmp_path: Path) -> None:
    walkin = str(Path(sys.executable).parent / "walkin")
    out = tmp_path / "seloste.pdf"
    env = {"WALKIN_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([walkin, "privacy", "describe", "--format", "pdf", "--lang", "sv",
                           "--out", str(out)], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Beskrivning av behandlingen" in text(out.read_bytes())
    md = subprocess.run([walkin, "privacy", "describe"], env=env, capture_output=True,
                        text=True, check=True).stdout
    assert md.startswith("# Kuvaus henkilötietojen käsittelystä") and "retention_days = 30" in md


def test_every_table_is_described_or_holds_nothing_about_anyone() -> None:
    from storage.models import Base

    assert set(Base.metadata.tables) == set(KEPT) | set(NOT_ABOUT_PEOPLE)
