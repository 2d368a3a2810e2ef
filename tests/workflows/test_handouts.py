"""Handouts without Textual: a kind with no renderer is refused, and a handout is dated and filed
by the caller's clock, not the machine's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from forms.choices import HandoutKind, PrintOutcome
from forms.intake import IntakeForm
from forms.profile import ServiceProfile
from forms.settings import Settings
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tests.cups import Cups
from tests.printouts.helpers import text
from workflows.handouts import RENDERERS, Request, UnknownHandout, produce, render

DAY = date(2026, 11, 24)


def test_every_handout_kind_has_a_renderer() -> None:
    assert set(RENDERERS) == set(HandoutKind)


def test_a_kind_without_a_renderer_is_refused_not_printed_as_another(
        profile: ServiceProfile, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UnknownHandout):
        render(Request("poster"), profile, "fi", None, None, DAY)  # type: ignore[arg-type]
    monkeypatch.delitem(RENDERERS, HandoutKind.BROCHURE)  # type: ignore[arg-type]
    with pytest.raises(UnknownHandout):
        render(Request(HandoutKind.BROCHURE), profile, "fi", None, None, DAY)


def test_a_handout_is_dated_and_filed_by_the_callers_clock(
        services: Services, settings: Settings, profile: ServiceProfile, worker: StaffMember, clock: FakeClock,
        cups: Cups) -> None:
    clock.now = clock.now.replace(year=2027, month=3, day=2)
    visit = services.desk.visit(services.desk.admit(IntakeForm(), worker.id).id)
    no_printer = settings.model_copy(update={"printer": "NoSuchPrinter"})
    result = produce(Request(HandoutKind.FEEDBACK), services, no_printer, profile, visit, worker)
    assert result.outcome is PrintOutcome.SAVED and result.path is not None
    assert result.path.parent == settings.home / "printouts" / "2027-03-02"
    assert "2.3.2027" in text(Path(result.path).read_bytes())


def test_a_pdf_written_where_asked_is_not_a_failed_print(
        services: Services, settings: Settings, profile: ServiceProfile, worker: StaffMember, clock: FakeClock,
        tmp_path: Path) -> None:
    """`walkin print … --out file.pdf` did what was asked; a printer that took nothing did not."""
    from forms.summary_view import handouts

    result = produce(Request(HandoutKind.BROCHURE, "fi", out=tmp_path / "brochure.pdf"), services, settings,
                     profile, None, worker)
    assert result.outcome is PrintOutcome.WRITTEN and (tmp_path / "brochure.pdf").exists()
    no_printer = settings.model_copy(update={"printer": "NoSuchPrinter"})
    assert produce(Request(HandoutKind.BROCHURE, "fi"), services, no_printer, profile, None,
                   worker).outcome is PrintOutcome.SAVED
    day = clock().date()
    for summary in (services.reports.summary(day), (clock.advance(24 * 60), services.reports.summary(day))[1]):
        assert (summary.written_prints, summary.failed_prints, summary.lost_prints) == (1, 1, 0)
        assert "tallennettu tiedostoksi pyynnöstä: 1" in handouts(summary)
