"""More client languages: the profile's list drives what is recorded and counted, the interpreter
is counted beside them, and each language's handouts fall back to the profile's language."""

from __future__ import annotations

import csv
import io
import json

from forms.choices import HandoutKind
from forms.intake import IntakeForm
from forms.profile import ServiceProfile
from forms.settings import Settings
from storage.audit import COMMAND_LINE
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tests.printouts.helpers import page_texts, text
from workflows.handouts import Request, start_print
from workflows.summaries import PdfWay, SummaryFormat, deliver_pdf, summary_as_text


def test_languages_and_interpreters_are_counted_in_every_summary(
        services: Services, settings: Settings, profile: ServiceProfile, worker: StaffMember,
        clock: FakeClock) -> None:
    desk = services.desk
    desk.admit(IntakeForm(language="ru", interpreter_needed=True), worker.id)
    desk.admit(IntakeForm(language="so", interpreter_needed=True), worker.id)
    desk.admit(IntakeForm(language="ru"), worker.id)
    desk.admit(IntakeForm(), worker.id)
    day = clock().date()

    def as_text(how: SummaryFormat) -> str:
        return summary_as_text(services, profile, day, day, how, COMMAND_LINE)

    # today from its visits, then the same day from its tally
    for summary in (services.reports.summary(day), (clock.advance(24 * 60), services.reports.summary(day))[1]):
        assert summary.by_language == {"ru": 2, "so": 1, "fi": 1}
        assert summary.interpreter_needed == 2
    lines = as_text(SummaryFormat.TEXT).splitlines()

    def bar(label: str, n: int) -> bool:
        # "venäjä 2 ████": the count beside its label, then the bar
        return any(line.strip().startswith(label + " ") and line.strip()[len(label):].split()[0] == str(n)
                   for line in lines)

    assert bar("venäjä", 2) and bar("somali", 1) and bar("suomi", 1)
    assert bar("tarvittiin", 2) and bar("ei tarvittu", 2)
    figures = json.loads(as_text(SummaryFormat.JSON))
    assert (figures["by_language"]["ru"], figures["interpreter_needed"]) == (2, 2)
    rows = list(csv.DictReader(io.StringIO(as_text(SummaryFormat.CSV).removeprefix("\ufeff")), delimiter=";"))
    assert [(r["language"], r["interpreter_needed"]) for r in rows] == [
        ("ru", "1"), ("so", "1"), ("ru", "0"), ("fi", "0")]
    assert deliver_pdf(services, settings, profile, day, day, COMMAND_LINE, lambda _id: True, PdfWay.SAVE).ok
    [saved] = (settings.home / "printouts" / clock().date().isoformat()).iterdir()
    pdf = " ".join(" ".join(page_texts(saved.read_bytes())).split())
    assert "Tulkki" in pdf and "venäjä" in pdf and "somali" in pdf


def test_each_language_gets_its_handouts_in_the_profiles_fallback(
        services: Services, profile: ServiceProfile, worker: StaffMember) -> None:
    expected = {"ru": "en", "et": "fi", "sv": "sv", "uk": "en", "other": "fi"}
    for language, handout in expected.items():
        visit = services.desk.visit(services.desk.admit(IntakeForm(language=language), worker.id).id)
        started = start_print(Request(HandoutKind.FEEDBACK), services, profile, visit, worker)
        assert started.language == handout, language
        if language == "ru":
            assert "Give feedback" in text(started.pdf)
    printed = {job.language for job in services.desk.visit(visit.entry.id).handouts}
    assert printed == {"fi"}  # the last, "other", recorded in the language it was printed in


def test_a_language_the_profile_names_itself_is_recorded_and_labelled(
        services: Services, profile: ServiceProfile, worker: StaffMember, clock: FakeClock) -> None:
    from forms.profile import ClientLanguageChoice
    from forms.summary_view import count_sections

    persian = ClientLanguageChoice.model_validate(
        {"code": "fa", "handout": "en", "name": {"fi": "persia", "en": "Persian"}})
    own = profile.model_copy(update={"client_languages": (*profile.client_languages, persian)})
    services.desk.admit(IntakeForm(language="fa", interpreter_needed=True), worker.id)
    summary = services.reports.summary(clock().date())
    [language] = [s for s in count_sections(summary, own) if s.title == "Kieli"]
    assert language.rows == [("persia", 1)]
    assert own.handout_language("fa") == "en"
