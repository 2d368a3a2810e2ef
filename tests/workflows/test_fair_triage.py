"""Fair triage in the monthly report (its page text read back with pypdf) and in the period
summary's exports (JSON, the workbook's sheets), on the hand-counted day of tests/scenarios.py."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from forms.i18n import set_language
from forms.profile import ServiceProfile
from forms.timefmt import HELSINKI
from printouts.monthly import monthly_pdf
from printouts.workbook import summary_workbook
from storage.audit import Actor
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tests.scenarios import fair_day
from workflows.monthly import monthly_report
from workflows.summaries import SummaryFormat, summary_as_text

NOV = date(2026, 11, 1)


@pytest.fixture
def fair_month(services: Services, worker: StaffMember, clock: FakeClock) -> Services:
    fair_day(services, worker, clock)
    clock.now = datetime(2026, 12, 2, 10, 0, tzinfo=HELSINKI)
    return services


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["Fair triage", "A group is flagged when, within one urgency, it has at least 20 waits",
            "Waits clearly longer: Language: Swedish, normal: 20 waits, median 30 min; the others 59, median 10 min",
            "One group waited clearly longer than the others of the same urgency: Language: Swedish (normal), "
            "median 30 min against 10 min for the others.",
            "Urgency changed by a worker, per triage rule", "no rule fired"]),
    ("fi", ["Tasapuolisuus jonossa ja arviossa", "vähintään 20 odotusta",
            "Yksi ryhmä odotti selvästi pidempään kuin muut saman kiireellisyyden asiakkaat: Kieli: ruotsi"]),
    ("sv", ["Rättvisa i kön och bedömningen", "minst 20 väntetider",
            "En grupp väntade klart längre än de andra med samma brådskandegrad: Språk: svenska"]),
])
def test_the_monthly_report_has_the_section(fair_month: Services, profile: ServiceProfile, lang: str,
                                            words: list[str]) -> None:
    set_language(lang)  # type: ignore[arg-type]
    pdf = monthly_pdf(monthly_report(fair_month, NOV), profile, date(2026, 12, 2))
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages]
    for word in words:
        assert any(word in page for page in pages), word
    # "what the figures say" is on the cover, the section on a page of its own at the end
    assert words[-1] in pages[0] if lang != "en" else words[3] in pages[0]
    assert pages[-1].startswith(words[0]) or words[0] in pages[-1]


def test_the_period_summary_exports_the_tables(fair_month: Services, profile: ServiceProfile) -> None:
    set_language("en")
    actor = Actor(None, "desk-1")
    figures = json.loads(summary_as_text(fair_month, profile, NOV, date(2026, 11, 30), SummaryFormat.JSON, actor))
    swedish = [g for g in figures["fairness"]["groups"] if (g["group"], g["key"]) == ("language", "sv")]
    assert swedish == [{"group": "language", "key": "sv", "urgency": "normal", "visits": 20, "median": 30.0,
                        "others": 59, "others_median": 10.0}]
    book = load_workbook(io.BytesIO(summary_workbook(fair_month.reports.summary(NOV, date(2026, 11, 30), fairness=True),
                                                     profile,
                                                     lambda _id: True)))
    waits = [[c.value for c in row] for row in book["Fair triage waits by group"].iter_rows(min_row=6)]
    assert waits[0] == ["Group", "Urgency", "Waits", "Median, min", "Others", "Others' median, min", "Clearly longer"]
    assert ["Language: Swedish", "normal", 20, 30, 59, 10, "yes"] in waits
    rules = [[c.value for c in row] for row in book["Fair triage changes by rule"].iter_rows(min_row=7)]
    assert rules[:2] == [["ACUTE: meet now", 2, 0, 1, 1, 0.5], ["health check", 2, 1, 1, 2, 1]]
    # a single day's summary has no such sheet
    day = load_workbook(io.BytesIO(summary_workbook(fair_month.reports.summary(date(2026, 11, 10)), profile,
                                                    lambda _id: True)))
    assert not [name for name in day.sheetnames if name.startswith("Fair")]
