"""The follow-up figures wherever a summary goes: the text, the PDF in fi, sv and en (labels from
the profile in the PDF's language), the CSV's columns and the JSON; a period without follow-ups
says so in a line."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from forms.i18n import set_language
from forms.profile import ServiceProfile
from printouts.summary import summary_pdf
from storage.audit import COMMAND_LINE
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tests.followup_rows import PERIOD, follow_up_rows
from tests.printouts.helpers import page_texts
from workflows.summaries import SummaryFormat, summary_as_text
from workflows.summary_text import summary_lines

EXPECTED = {
    "fi": ("Seurannat", "Nyt (2.12.2026 klo 10.00): avoinna 3, tänään 1, myöhässä 1",
           "Jaksolla: asetettu 3, yhteydenottoja 5 (asiakas tavoitettiin 3, ei tavoitettu 2), päätetty 2",
           "Työllistyi", "Opiskelemaan", "Työttömien terveystarkastus, kysytty 1 asiakkaalta",
           "Kykyviisari-itsearvio, 2 päätetystä seurannasta", "pääsi palveluun", "Tuli kuulluksi",
           "En osaa sanoa", "Työntekijöiden näkemykset"),
    "sv": ("Uppföljningar", "Fick arbete", "Började studera", "Blev hörd", "Kan inte säga",
           "Hälsoundersökning"),
    "en": ("Follow-ups", "Now (2 Dec 2026 10:00): open 3, due today 1, overdue 1", "Employed", "Studies",
           "Felt heard", "Can't say", "reached the service", "The workers' views"),
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_pdf_has_the_follow_ups_in_its_language(services: Services, profile: ServiceProfile,
                                                    worker: StaffMember, clock: FakeClock, language: str) -> None:
    follow_up_rows(services, worker, clock)
    set_language(language)  # type: ignore[arg-type]
    try:
        pdf = summary_pdf(services.reports.summary(*PERIOD), profile, lambda _id: True, PERIOD[1])
    finally:
        set_language("fi")
    words = " ".join(" ".join(page_texts(pdf)).split())
    for expected in EXPECTED[language]:
        assert expected in words, expected


def test_the_text_csv_and_json_carry_the_figures(services: Services, profile: ServiceProfile,
                                                 worker: StaffMember, clock: FakeClock) -> None:
    follow_up_rows(services, worker, clock)
    text = summary_as_text(services, profile, *PERIOD, SummaryFormat.TEXT, COMMAND_LINE)
    assert all(expected in text for expected in EXPECTED["fi"])
    figures = json.loads(summary_as_text(services, profile, *PERIOD, SummaryFormat.JSON, COMMAND_LINE))["follow_ups"]
    assert (figures["open"], figures["due_today"], figures["overdue"], figures["set"]) == (3, 1, 1, 3)
    assert figures["closed"] == {"employed": 1, "studies": 1}
    assert figures["referrals"]["kela"] == {"reached": 1, "did_not_go": 1}
    assert figures["kykyviisari"] == {"closed": 2, "before": 1, "after": 1, "both": 1}
    assert figures["answers"]["heard"] == {"yes": 1, "no": 1}
    assert figures["worker_views"] == {"quality_of_life": {"partly": 1}}
    rows = list(csv.DictReader(io.StringIO(summary_as_text(
        services, profile, *PERIOD, SummaryFormat.CSV_PLAIN, COMMAND_LINE))))
    assert list(rows[0])[:22] == ["ticket", "service_day", "arrival_hour", "status", "language", "life_situation",
                                  "referral_channel", "municipality", "age_group", "urgency", "triage_urgency",
                                  "urgency_changed", "wait_minutes", "session_minutes", "did_guidance",
                                  "did_referral", "did_appointment", "did_worker_named", "did_consent",
                                  "referrals", "follow_up_set", "feedback_instruction"]  # as before
    by_day = {row["service_day"]: row for row in rows}
    assert by_day["2026-11-10"]["follow_up_end_reason"] == "not_reached"
    assert by_day["2026-11-10"]["follow_up_contacts"] == "3"


def test_a_period_without_follow_ups_stays_short(services: Services, profile: ServiceProfile,
                                                 worker: StaffMember, clock: FakeClock) -> None:
    lines = summary_lines(services.reports.summary(date(2026, 11, 24)), profile)
    start = lines.index("Seurannat")
    assert lines[start + 1:start + 4] == ["  Nyt (24.11.2026 klo 10.00): avoinna 0, tänään 0, myöhässä 0",
                                          "  ei seurantoja jaksolla", ""]
    assert lines[start + 4] == "Tulostetut materiaalit"
