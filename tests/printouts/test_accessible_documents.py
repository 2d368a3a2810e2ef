"""Every PDF the desk makes says its title, language, author and subject, and its headings are an
outline in reading order (what a screen reader and a PDF viewer's side panel offer)."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader

from forms.i18n import UI_LANGUAGES, current_language, set_language
from forms.profile import ServiceProfile
from forms.settings import Settings
from forms.summary import Summary
from printouts.access_copy import access_copy, log_extract
from printouts.brochure import brochure
from printouts.consent_statement import consent_statement
from printouts.contact_card import contact_card
from printouts.data import GivenConsent, LogLine
from printouts.feedback_sheet import feedback_sheet
from printouts.layout import texts
from printouts.memo import memo
from printouts.processing import processing_pdf
from printouts.summary import summary_pdf
from tests.printouts.test_documents import AGREED, DAY, KAISA, LANGUAGES
from workflows.processing import describe

AT = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
VISIT = ({"ticket": "A001", "service_day": DAY, "call_name": "Šimo"},
         {"referrals": [{"id": 1, "visit_id": 1, "destination": "kela"}], "handouts": []})


def documents(profile: ServiceProfile, language: str, tmp: Any) -> dict[str, tuple[bytes, list[str]]]:
    """Each document in `language`: its bytes and the headings it must list, in order."""
    t = texts(language)
    b, m, p, c = t["brochure"], t["memo"], t["privacy"], t["consent"]
    name = profile.service.name.get(language)
    description = describe(profile, Settings(home=tmp), language, DAY)
    consent = GivenConsent("contact", "spoken", AT, profile.consents and next(iter(profile.consents.values())).version)
    return {
        "brochure": (brochure(profile, language, DAY),
                     [name, b["help_heading"], b["free_heading"], b["walkin_heading"], b["contacts_heading"],
                      b["web_heading"]]),
        "feedback": (feedback_sheet(profile, language, DAY),
                     [t["feedback"]["title"], t["feedback"]["alternatives_heading"]]),
        "card": (contact_card(profile, KAISA, language, DAY, "sheet"), [t["card"]["title"]]),
        "memo": (memo(profile, AGREED, language, DAY), [m["title"], m["agreed_heading"], m["referrals_heading"],
                                                        m["workers_heading"], m["follow_up"], m["contacts_heading"]]),
        "access_copy": (access_copy(profile, [VISIT], {}, language, DAY),
                        [p["access_title"], p["visit"].format(ticket="A001", date=_date(language)),
                         p["sections"]["visit"], p["sections"]["referrals"], p["sections"]["handouts"]]),
        "log_extract": (log_extract(profile, [LogLine(AT, "Kaisa", "visit_admitted", "Vastaanotto", "A001", DAY)],
                                    language, DAY), [p["extract_title"]]),
        "consent": (consent_statement(profile, [consent], DAY, language, DAY), [c["title"], c["kinds"]["contact"]]),
        "processing": (processing_pdf(description, profile, language, DAY),
                       [description.title, *(section.heading for section in description.sections)]),
    }


def _date(language: str) -> str:
    from forms.timefmt import format_date

    return format_date(DAY, language)


def outline(pdf: bytes) -> list[tuple[int, str, int]]:
    """The outline as (level, title, page number), in order."""
    reader = PdfReader(BytesIO(pdf))
    found: list[tuple[int, str, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, str(item.title), reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def check_described(pdf: bytes, profile: ServiceProfile, language: str, title: str, kind: str) -> None:
    reader = PdfReader(BytesIO(pdf))
    info = reader.metadata
    assert info is not None
    service = profile.service
    assert info.title == title
    assert info.author == f"{service.name.get(language)}, {service.organisation.get(language)}"
    assert info.subject == texts(language)["subject"][kind]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712  (a pypdf BooleanObject)
    assert root["/PageMode"] == "/UseOutlines"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_handout_says_what_it_is_and_lists_its_headings(profile: ServiceProfile, language: str,
                                                               tmp_path: Any) -> None:
    for kind, (pdf, headings) in documents(profile, language, tmp_path).items():
        found = outline(pdf)
        titles = [title for _level, title, _page in found]
        check_described(pdf, profile, language, titles[0] if kind != "card" else
                        f"{texts(language)['card']['title']}: {KAISA.name}", kind)
        # The document's title first and alone at the top; every heading below it, in reading order.
        assert found[0][0] == 0 and all(level > 0 for level, _t, _p in found[1:]), (kind, found)
        assert [t for t in titles if t in headings] == headings, (kind, titles)
        pages = [page for _l, _t, page in found]
        assert pages == sorted(pages), (kind, found)


def test_a_heading_on_a_later_page_points_at_that_page(profile: ServiceProfile) -> None:
    visits = [({"ticket": f"A{n:03}", "service_day": DAY, "call_name": "Šimo " * 40}, VISIT[1]) for n in range(1, 25)]
    found = outline(access_copy(profile, visits, {}, "fi", DAY))
    assert found[-1][2] > 1
    assert len({page for _l, _t, page in found}) > 1


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_the_summary_says_what_it_is_in_the_ui_language(profile: ServiceProfile, language: str) -> None:
    before = current_language()
    set_language(language)
    try:
        pdf = summary_pdf(Summary(day_from=DAY, day_to=DAY), profile, lambda _id: True, DAY)
    finally:
        set_language(before)
    found = outline(pdf)
    check_described(pdf, profile, language, found[0][1], "summary")
    assert found[0][0] == 0 and len(found) > 3

