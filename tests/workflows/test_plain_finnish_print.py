"""A plain-Finnish handout is recorded with its language, on SQLite and PostgreSQL alike, and is
what a Finnish-speaking client gets when the profile makes it the default."""

from __future__ import annotations

from pathlib import Path

from forms.choices import HandoutKind, PrintOutcome
from forms.intake import IntakeForm
from forms.profile import Handouts, ServiceProfile
from forms.settings import Settings
from storage.services import Services
from storage.views import StaffMember
from tests.printouts.helpers import text
from workflows.handouts import Request, produce


def test_a_plain_finnish_handout_is_recorded_as_selko(
        services: Services, settings: Settings, profile: ServiceProfile, worker: StaffMember, tmp_path: Path) -> None:
    visit = services.desk.visit(services.desk.admit(IntakeForm(language="fi"), worker.id).id)
    out = tmp_path / "brochure.pdf"
    result = produce(Request(HandoutKind.BROCHURE, "selko", out=out), services, settings, profile, visit, worker)
    assert result.outcome is PrintOutcome.WRITTEN
    assert "Palvelu on ilmainen" in text(out.read_bytes())
    assert [(h.kind, h.language) for h in services.desk.visit(visit.entry.id).handouts] == [("brochure", "selko")]


def test_the_profile_makes_plain_finnish_the_default_for_finnish_speakers(
        services: Services, settings: Settings, profile: ServiceProfile, worker: StaffMember, tmp_path: Path) -> None:
    plain = profile.model_copy(update={"handouts": Handouts(plain_finnish_default=True)})
    for language in ("fi", "sv"):
        visit = services.desk.visit(services.desk.admit(IntakeForm(language=language), worker.id).id)
        produce(Request(HandoutKind.FEEDBACK, out=tmp_path / f"{language}.pdf"), services, settings, plain, visit,
                worker)
        assert [h.language for h in services.desk.visit(visit.entry.id).handouts] == [
            "selko" if language == "fi" else "sv"]
