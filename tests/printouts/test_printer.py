"""Printing through a real CUPS scheduler, and the fallback that keeps the PDF when none answers."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from forms.i18n import set_language
from forms.profile import ServiceProfile
from printouts.data import Agreement, Person
from printouts.memo import memo
from printouts.printer import NotSaved, send, write_pdf
from tests.cups import Cups
from tests.printouts.helpers import text

DAY = date(2026, 11, 24)


def a_memo(profile: ServiceProfile) -> bytes:
    return memo(profile, Agreement(DAY, Person("Kaisa Esimerkki", "Koordinaattori")), "en", DAY)


def test_prints_through_cups_and_the_pdf_comes_out(profile: ServiceProfile, cups: Cups, tmp_path: Path) -> None:
    result = send(a_memo(profile), "memo A001", "memo-A001-en", tmp_path, cups.printer, day=DAY)
    assert result.outcome == "printed"
    assert result.printer and result.printer.startswith(f"{cups.printer}-")
    cups.wait_for_jobs()
    printed = cups.output.read_bytes()
    assert b"%PDF" in printed
    assert "Memo of our meeting" in text(printed[printed.index(b"%PDF"):])
    assert not list(tmp_path.iterdir()), "nothing is saved when the printer took the job"


def test_a_printer_that_does_not_exist_keeps_the_pdf(profile: ServiceProfile, cups: Cups, tmp_path: Path) -> None:
    pdf = a_memo(profile)
    result = send(pdf, "memo", "memo-A001-en", tmp_path / "printouts", "NoSuchPrinter", day=DAY)
    assert result.outcome == "saved"
    assert result.error and "NoSuchPrinter" in result.error
    assert result.path is not None and result.path.read_bytes() == pdf
    assert result.path.parent.name == "2026-11-24", "the day folder is the caller's day, not the machine's"
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(result.path.parent.stat().st_mode) == 0o700
    again = send(pdf, "memo", "memo-A001-en", tmp_path / "printouts", "NoSuchPrinter", day=DAY)
    assert again.path != result.path, "a second copy never overwrites the first"


def test_without_cups_installed_the_pdf_is_kept(profile: ServiceProfile, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = send(a_memo(profile), "memo", "memo", tmp_path / "printouts", day=DAY)
    assert (result.outcome, result.error) == (
        "saved", "CUPS-tulostusjärjestelmää ei ole asennettu (lp-komento puuttuu).")


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up while a file is written: the kernel says so when the data is flushed."""
    import errno
    import os

    def no_space(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("forms.files.os.fsync", no_space)


def test_a_full_disk_leaves_no_empty_pdf_and_says_so(profile: ServiceProfile, cups: Cups, tmp_path: Path,
                                                     full_disk: None) -> None:
    set_language("en")
    result = send(a_memo(profile), "memo", "memo-A001-en", tmp_path / "printouts", "NoSuchPrinter", day=DAY)
    assert (result.outcome, result.path) == ("failed", None)
    assert result.error and "does not exist" in result.error and "The disk is full" in result.error
    assert [p for p in (tmp_path / "printouts").rglob("*") if p.is_file()] == [], "no empty or partial file"
    with pytest.raises(NotSaved, match="The disk is full"):
        write_pdf(a_memo(profile), tmp_path / "memo.pdf")
    assert not (tmp_path / "memo.pdf").exists()


def test_a_paused_printer_is_not_reported_as_printed(profile: ServiceProfile, cups: Cups, tmp_path: Path) -> None:
    """cupsdisable: CUPS takes the job and holds it; the worker is told, and has the PDF."""
    set_language("fi")
    cups.admin("cupsdisable", cups.printer)
    pdf = a_memo(profile)
    result = send(pdf, "memo", "memo-A001-en", tmp_path / "printouts", cups.printer, day=DAY)
    assert result.outcome == "saved"
    assert result.error == (f"Tulostin {cups.printer} on pysäytetty: työ odottaa sen jonossa ja tulostuu, "
                            "kun tulostin otetaan taas käyttöön.")
    assert result.path is not None and result.path.read_bytes() == pdf
    assert result.printer and result.printer.startswith(f"{cups.printer}-"), "the waiting job is named"
    cups.admin("cupsenable", cups.printer)
    cups.wait_for_jobs()  # resumed, the held job comes out


def test_the_default_printer_paused_is_found_from_the_job(profile: ServiceProfile, cups: Cups, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    set_language("en")
    monkeypatch.setenv("LPDEST", cups.printer)  # this user's default printer, as lp reads it
    cups.admin("cupsdisable", cups.printer)
    result = send(a_memo(profile), "memo", "memo", tmp_path / "printouts", None, day=DAY)
    assert result.outcome == "saved" and result.error and "is paused" in result.error
    cups.admin("cupsenable", cups.printer)


@pytest.mark.parametrize(("printer", "said"), [
    (None, "Oletustulostinta ei ole asetettu"),
    ("NoSuchPrinter", "Tulostinta NoSuchPrinter ei ole."),
])
def test_cups_refusals_are_told_in_the_desk_language(profile: ServiceProfile, cups: Cups, tmp_path: Path,
                                                     caplog: pytest.LogCaptureFixture, printer: str | None,
                                                     said: str, monkeypatch: pytest.MonkeyPatch) -> None:
    set_language("fi")
    monkeypatch.delenv("LPDEST", raising=False)
    monkeypatch.delenv("PRINTER", raising=False)
    result = send(a_memo(profile), "memo", "memo", tmp_path / "printouts", printer, day=DAY)
    assert result.outcome == "saved" and result.error and result.error.startswith(said)
    assert "Error -" not in result.error and "lp:" not in result.error
    assert "lp refused" in caplog.text and ("No default destination" in caplog.text or "does not exist" in caplog.text)


def test_cups_not_answering_is_said_so(profile: ServiceProfile, tmp_path: Path) -> None:
    set_language("fi")  # the autouse fixture points CUPS_SERVER at a socket nobody listens on
    result = send(a_memo(profile), "memo", "memo", tmp_path / "printouts", "WalkinPDF", day=DAY)
    assert (result.outcome, result.error) == ("saved", "Tulostuspalvelu (CUPS) ei vastaa.")
