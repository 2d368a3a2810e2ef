"""Handouts in plain Finnish (selkosuomi): every handout in its wording, at 14 pt or more, one
thing per line, a Finnish document to a screen reader, the contact card on a larger card."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from forms.choices import HANDOUT_LANGUAGES
from forms.localtext import LocalText
from forms.profile import ServiceProfile
from forms.timefmt import HELSINKI
from printouts.brochure import brochure
from printouts.consent_statement import consent_statement
from printouts.contact_card import PLAIN_H, PLAIN_W, card_origins, contact_card
from printouts.data import GivenConsent
from printouts.feedback_sheet import feedback_sheet
from printouts.layout import PLAIN_FINNISH, texts
from printouts.memo import memo
from tests.printouts.helpers import page_sizes_mm, text, text_sizes
from tests.printouts.test_documents import AGREED, DAY, KAISA

SELKO = PLAIN_FINNISH
AT = datetime(2026, 11, 24, 9, 30, tzinfo=HELSINKI)
FOOT = 20 * mm
"""The page's foot (service name, print date, page number), below the body's bottom margin."""


def handouts(profile: ServiceProfile) -> dict[str, bytes]:
    consent = GivenConsent("contact", "spoken", AT, "1")
    return {
        "brochure": brochure(profile, SELKO, DAY),
        "feedback": feedback_sheet(profile, SELKO, DAY),
        "card": contact_card(profile, KAISA, SELKO, DAY, next_appointment=AT),
        "card sheet": contact_card(profile, KAISA, SELKO, DAY, "sheet"),
        "memo": memo(profile, AGREED, SELKO, DAY),
        "consent": consent_statement(profile, [consent], DAY, SELKO, DAY),
    }


def one_line(pdf: bytes) -> str:
    return " ".join(text(pdf).split())


def test_the_code_is_a_handout_language_between_finnish_and_swedish() -> None:
    assert SELKO == "selko" and HANDOUT_LANGUAGES == ("fi", "selko", "sv", "en")


def test_every_handout_is_in_plain_finnish(profile: ServiceProfile) -> None:
    t = texts(SELKO)
    made = {kind: one_line(pdf) for kind, pdf in handouts(profile).items()}
    assert t["brochure"]["walkin_heading"] in made["brochure"]
    assert "Soita numeroon +358 40 000 0101" in made["brochure"], "a concrete instruction, not a bare number"
    assert "Autamme sinua, jos olet ilman työtä" in made["brochure"], "the profile's plain summary"
    assert "Tilastoissa on vain lukuja, ei nimiä." in made["brochure"], "the profile's plain privacy note"
    assert "Osoita kameralla alla olevaa koodikuvaa." in made["feedback"]
    assert "Voit soittaa maanantaista perjantaihin kello 9–11." in made["feedback"], "plain alternatives"
    assert "Oma työntekijäsi" in made["card"] and "24.11.2026 kello 09.30" in made["card"]
    assert "Mitä sovimme tapaamisessa" in made["memo"]
    assert "ottaa sinuun yhteyttä viimeistään 8.12.2026." in made["memo"]
    assert "Annan luvan, että minulle soitetaan myöhemmin." in made["consent"], "the profile's plain consent"
    for kind in ("brochure", "feedback", "consent"):  # the card and memo show a worker's own phone hours
        assert " klo " not in made[kind] and "esim." not in made[kind], f"no abbreviations: {kind}"


def test_one_thing_per_line(profile: ServiceProfile) -> None:
    lines = [line.strip() for line in text(brochure(profile, SELKO, DAY)).splitlines()]
    assert "Palvelu on sinulle ilmainen." in lines and "Sinä päätät, haluatko apua." in lines
    assert "Soita numeroon +358 40 000 0102" in lines and "Voit soittaa tiistaina ja torstaina kello 12–13" in lines


@pytest.mark.parametrize("kind", ["brochure", "feedback", "card", "card sheet", "memo", "consent"])
def test_body_text_is_at_least_14_points(profile: ServiceProfile, kind: str) -> None:
    pdf = handouts(profile)[kind]
    # A4 pages keep their small foot (service, date, page); a card has no foot: all of it counts.
    body = [s for s in text_sizes(pdf) if kind.startswith("card") or s.y > FOOT]
    assert body, "the text is found"
    assert min(s.size for s in body) >= 14, [s for s in body if s.size < 14][:3]



def test_ordinary_finnish_keeps_its_12_points(profile: ServiceProfile) -> None:
    assert min(s.size for s in text_sizes(brochure(profile, "fi", DAY)) if s.y > FOOT) == 12


def test_plain_finnish_is_finnish_to_a_screen_reader(profile: ServiceProfile) -> None:
    subjects = texts(SELKO)["subject"]
    for kind, pdf in handouts(profile).items():
        reader = PdfReader(BytesIO(pdf))
        assert reader.trailer["/Root"]["/Lang"] == "fi", kind
        assert reader.metadata.subject == subjects[kind.split()[0]], kind
        assert reader.metadata.title


def test_the_plain_contact_card_is_postcard_sized_four_on_a_sheet(profile: ServiceProfile) -> None:
    assert (round(PLAIN_W / mm), round(PLAIN_H / mm)) == (95, 135)
    origins = card_origins("sheet", (PLAIN_W, PLAIN_H))
    assert len(origins) == 4
    assert all(x > 9.9 * mm and y > 9.9 * mm and x + PLAIN_W < 200.1 * mm and y + PLAIN_H < 287.1 * mm
               for x, y in origins), "on the sheet with room for the crop marks"
    assert page_sizes_mm(handouts(profile)["card sheet"]) == [(210, 297)]
    assert one_line(handouts(profile)["card sheet"]).count("Kaisa Esimerkki") == 4


def test_plain_wording_has_every_key_of_the_finnish_handouts() -> None:
    def keys(data: object, prefix: str = "") -> set[str]:
        if isinstance(data, dict):
            return set().union(*(keys(v, f"{prefix}{k}.") for k, v in data.items())) | {prefix}
        return {prefix}

    for section in ("subject", "brochure", "feedback", "card", "memo", "consent"):
        assert keys(texts(SELKO)[section]) == keys(texts("fi")[section]), section
    assert texts(SELKO)["privacy"] == texts("fi")["privacy"], "no plain access copy: the Finnish one"


def test_profile_texts_have_a_plain_version_falling_back_to_finnish(profile: ServiceProfile) -> None:
    assert LocalText(fi="Hätänumero").get(SELKO) == "Hätänumero"
    assert LocalText(fi="ma–pe klo 9–11", selko="maanantaista perjantaihin kello 9–11").get(SELKO) == (
        "maanantaista perjantaihin kello 9–11")
    assert LocalText(fi="ma–pe klo 9–11", selko="arkisin").get("fi") == "ma–pe klo 9–11"
    service = profile.service
    assert service.summary.selko and service.privacy_note.selko and profile.feedback.alternatives.selko
    assert all(text.text.selko for text in profile.consents.values())


def test_the_profile_can_make_plain_finnish_the_default(profile: ServiceProfile) -> None:
    assert profile.handouts.plain_finnish_default is False
    assert profile.handout_language("fi") == "fi" and profile.handout_language(None) == "fi"
    plain = profile.model_copy(update={"handouts": profile.handouts.model_copy(update={"plain_finnish_default": True})})
    assert plain.handout_language("fi") == plain.handout_language(None) == SELKO
    assert plain.handout_language("sv") == "sv", "only a Finnish-speaking client's"
