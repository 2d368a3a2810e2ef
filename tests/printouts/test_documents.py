"""Every handout in every language: its words, its paper, its fonts, its QR code, and that long
input stays on the page."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from forms.profile import DEFAULT_PROFILE, ServiceProfile, load_profile
from forms.timefmt import HELSINKI
from printouts.brochure import brochure
from printouts.contact_card import CARD_H, CARD_W, card_origins, contact_card
from printouts.data import Agreement, Person
from printouts.feedback_sheet import feedback_sheet
from printouts.layout import DoesNotFit, texts
from printouts.memo import memo
from tests.printouts.helpers import fonts, page_sizes_mm, qr_codes, text, words

DAY = date(2026, 11, 24)
PRINTED = {"fi": "Tulostettu 24.11.2026", "sv": "Utskriven 24.11.2026", "en": "Printed 24 Nov 2026"}
LANGUAGES = ("fi", "sv", "en")
KAISA = Person("Kaisa Esimerkki", "Työkykykoordinaattori", "+358 40 000 0101", "ma–pe klo 9–11",
               "kaisa@example.org", "Hyvinvointiasema Keskusta")
AGREED = Agreement(DAY, KAISA, frozenset({"guidance", "referral", "worker_named"}), ("health_check",),
                   (KAISA, Person("Šimo Ångström", "Sosiaaliohjaaja", "+358 40 000 0155")), date(2026, 12, 8))


def one_line(pdf: bytes) -> str:
    """The text with line breaks folded, so a phrase wrapped over two lines is still found."""
    return " ".join(text(pdf).split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_brochure(profile: ServiceProfile, language: str) -> None:
    pdf = brochure(profile, language, DAY)
    words_ = one_line(pdf)
    b = texts(language)["brochure"]
    for expected in (profile.service.name.get(language), b["help_heading"], b["free_heading"],
                     b["walkin_heading"], b["contacts_heading"], b["privacy_heading"],
                     "+358 40 000 0101", "12.00–14.00" if language != "en" else "12:00–14:00",
                     profile.service.web_url, PRINTED[language]):
        assert expected in words_, expected
    assert page_sizes_mm(pdf) == [(210, 297)]
    assert qr_codes(pdf) == [profile.service.web_url]


@pytest.mark.parametrize("language", LANGUAGES)
def test_feedback_sheet(profile: ServiceProfile, language: str) -> None:
    pdf = feedback_sheet(profile, language, DAY)
    words_ = one_line(pdf)
    f = texts(language)["feedback"]
    for expected in (f["title"], f["steps"][0].split(".")[0], f["code_label"], profile.feedback.service_code,
                     profile.feedback.short_url, f["alternatives_heading"], PRINTED[language]):
        assert expected in words_, expected
    assert qr_codes(pdf) == [profile.feedback.url]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("layout", ["single", "sheet"])
def test_contact_card(profile: ServiceProfile, language: str, layout: str) -> None:
    pdf = contact_card(profile, KAISA, language, DAY, layout, datetime(2026, 12, 1, 10, 0, tzinfo=HELSINKI))  # type: ignore[arg-type]
    c = texts(language)["card"]
    words_ = one_line(pdf)
    for expected in ("Kaisa Esimerkki", "Työkykykoordinaattori", "+358 40 000 0101", "ma–pe klo 9–11",
                     "kaisa@example.org", c["title"], c["next"], PRINTED[language]):
        assert expected in words_, expected
    assert words_.count("Kaisa Esimerkki") == (1 if layout == "single" else 10)
    width, height, boxes = words(pdf)[0]
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    # Every word lies inside one of the 85 × 55 mm cards (word boxes count y from the top).
    cards = [(x, height - y - CARD_H, x + CARD_W, height - y) for x, y in card_origins(layout)]  # type: ignore[arg-type]
    for word in boxes:
        assert any(x0 <= word.x0 and word.x1 <= x1 and y0 <= word.y0 and word.y1 <= y1
                   for x0, y0, x1, y1 in cards), word


@pytest.mark.parametrize("language", LANGUAGES)
def test_memo(profile: ServiceProfile, language: str) -> None:
    pdf = memo(profile, AGREED, language, DAY)
    m = texts(language)["memo"]
    words_ = one_line(pdf)
    for expected in (m["title"], m["agreed_heading"], m["actions"]["guidance"], m["workers_heading"],
                     "Šimo Ångström", "+358 40 000 0155", m["follow_up"], PRINTED[language],
                     profile.destination("health_check").label.get(language)):
        assert expected in words_, expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_document_is_one_a4_page_with_its_fonts_embedded(profile: ServiceProfile, language: str) -> None:
    for pdf in (brochure(profile, language, DAY), feedback_sheet(profile, language, DAY),
                contact_card(profile, KAISA, language, DAY), memo(profile, AGREED, language, DAY)):
        assert page_sizes_mm(pdf) == [(210, 297)]
        used = fonts(pdf)
        assert used and all(used.values()), used


def test_memo_shows_the_booked_appointment(profile: ServiceProfile) -> None:
    booked = Agreement(DAY, KAISA, frozenset({"appointment"}),
                       next_appointment=datetime(2026, 12, 1, 10, 0, tzinfo=HELSINKI))
    assert ("Seuraava tapaamisesi 1.12.2026 klo 10.00 Kenen kanssa: Kaisa Esimerkki "
            "Paikka: Hyvinvointiasema Keskusta") in one_line(memo(profile, booked, "fi", DAY))
    assert ("Ditt nästa möte 1.12.2026 kl. 10.00 Med: Kaisa Esimerkki "
            "Plats: Hyvinvointiasema Keskusta") in one_line(memo(profile, booked, "sv", DAY))
    assert ("Your next appointment 1 Dec 2026 at 10:00 With: Kaisa Esimerkki "
            "Place: Hyvinvointiasema Keskusta") in one_line(memo(profile, booked, "en", DAY))


@pytest.mark.parametrize(("language", "expected"), [
    ("fi", "Työntekijä Kaisa Esimerkki ottaa sinuun yhteyttä viimeistään 8.12.2026"),
    ("sv", "Arbetstagaren Kaisa Esimerkki kontaktar dig senast 8.12.2026"),
    ("en", "Your worker Kaisa Esimerkki will contact you by 8 Dec 2026 at the latest"),
])
def test_memo_says_who_contacts_whom_by_the_follow_up_date(profile: ServiceProfile, language: str,
                                                           expected: str) -> None:
    assert expected in one_line(memo(profile, AGREED, language, DAY))


@pytest.mark.parametrize(("language", "client", "nobody_named"), [
    ("fi", "Sinä otat yhteyttä työntekijään Kaisa Esimerkki viimeistään 8.12.2026",
     "Otamme sinuun yhteyttä viimeistään 8.12.2026"),
    ("sv", "Du kontaktar arbetstagaren Kaisa Esimerkki senast 8.12.2026", "Vi kontaktar dig senast 8.12.2026"),
    ("en", "You will contact your worker Kaisa Esimerkki by 8 Dec 2026 at the latest",
     "We will contact you by 8 Dec 2026 at the latest"),
])
def test_memo_says_when_the_client_gets_in_touch(profile: ServiceProfile, language: str, client: str,
                                                 nobody_named: str) -> None:
    assert client in one_line(memo(profile, replace(AGREED, client_gets_in_touch=True), language, DAY))
    # No worker known to the memo (printed from the command line): "we".
    assert nobody_named in one_line(memo(profile, replace(AGREED, met_by=None, workers=()), language, DAY))


def test_memo_prints_the_appointments_own_place(profile: ServiceProfile) -> None:
    booked = Agreement(DAY, KAISA, frozenset({"appointment"}),
                       next_appointment=datetime(2026, 12, 1, 10, 0, tzinfo=HELSINKI),
                       appointment_place="Työkykykeskus, Esimerkkikatu 1")
    for language, expected in (
            ("fi", "Seuraava tapaamisesi 1.12.2026 klo 10.00 Kenen kanssa: Kaisa Esimerkki "
                   "Paikka: Työkykykeskus, Esimerkkikatu 1"),
            ("sv", "Ditt nästa möte 1.12.2026 kl. 10.00 Med: Kaisa Esimerkki Plats: Työkykykeskus, Esimerkkikatu 1"),
            ("en", "Your next appointment 1 Dec 2026 at 10:00 With: Kaisa Esimerkki "
                   "Place: Työkykykeskus, Esimerkkikatu 1")):
        words_ = one_line(memo(profile, booked, language, DAY))
        assert expected in words_
        assert "Hyvinvointiasema Keskusta" not in words_  # the worker's own place gives way


@pytest.mark.parametrize(("language", "titles"), [
    ("fi", ("Vastuutyöntekijäsi", "Tapasit", "Yhteyshenkilösi")),
    ("sv", ("Din ansvariga arbetstagare", "Du träffade", "Din kontaktperson")),
    ("en", ("Your responsible worker", "You met", "Your contact person")),
])
def test_a_card_calls_the_worker_responsible_only_when_named(profile: ServiceProfile, language: str,
                                                             titles: tuple[str, str, str]) -> None:
    for role, title in zip(("responsible", "met", "contact"), titles, strict=True):
        words_ = one_line(contact_card(profile, KAISA, language, DAY, role=role))  # type: ignore[arg-type]
        assert words_.startswith(f"{title} Kaisa Esimerkki"), words_
        if role != "responsible":
            assert titles[0] not in words_


@pytest.mark.parametrize(("language", "title"), [
    ("fi", "Työkykykoordinaattori Puhelin"),
    ("sv", "Työkykykoordinaattori (yrkesbeteckning på finska)"),
    ("en", "Työkykykoordinaattori (job title in Finnish)"),
])
def test_a_finnish_job_title_is_said_to_be_finnish(profile: ServiceProfile, language: str, title: str) -> None:
    assert title in one_line(contact_card(profile, KAISA, language, DAY))
    assert title.split(" Puhelin")[0] in one_line(memo(profile, AGREED, language, DAY))


@pytest.mark.parametrize(("language", "expected"), [
    ("fi", ("Jos tarvitset apua heti", "Hätänumero: 112", "Sosiaalipäivystys (esimerkki): +358 40 000 0199")),
    ("sv", ("Om du behöver hjälp genast", "Nödnumret: 112", "Socialjouren (exempel): +358 40 000 0199")),
    ("en", ("If you need help now", "Emergency number: 112", "Social emergency service (example): +358 40 000 0199")),
])
def test_brochure_carries_the_crisis_contacts(profile: ServiceProfile, language: str,
                                             expected: tuple[str, ...]) -> None:
    words_ = one_line(brochure(profile, language, DAY)).replace("\u00a0", " ")
    for line in expected:
        assert line in words_, line


def test_long_input_stays_on_the_page_without_overlap(profile: ServiceProfile) -> None:
    long_title = "Koordinoiva kuntoutusohjaaja ja työkykykoordinaattori " * 2 + "x" * 12  # 120 characters
    combining = "S\u030cimo A\u030angstro\u0308m"  # Šimo Ångström typed with combining marks
    person = Person(combining, long_title[:120], None, None, "kaisa@example.org", "Keskusta")
    for pdf in (contact_card(profile, person, "fi", DAY),
                memo(profile, Agreement(DAY, person, workers=(person,)), "fi", DAY)):
        for width, height, boxes in words(pdf):
            assert all(0 <= w.x0 and w.x1 <= width and 0 <= w.y0 and w.y1 <= height for w in boxes)
            for a in boxes:
                for b in boxes:
                    if a is not b:
                        overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
                        overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
                        assert overlap_x <= 0.5 or overlap_y <= 0.5, (a, b)


def test_card_too_full_says_what_to_shorten(profile: ServiceProfile) -> None:
    crowded = Person("Kaisa Esimerkki", "T" * 80, "+358 40 000 0101", "ma–pe " * 20,
                     "kaisa@example.org", "Paikka " * 30)
    with pytest.raises(DoesNotFit, match="place"):
        contact_card(profile, crowded, "fi", DAY)


def test_missing_phone_and_long_url(tmp_path: Path) -> None:
    source = DEFAULT_PROFILE.read_text(encoding="utf-8")
    long_url = "https://palaute.example.org/" + "tyokykypiste-" * 12 + "?palvelu=ESIM-TKP"
    source = source.replace('phone = "+358 40 000 0102"\n', "").replace(
        'url = "https://palaute.example.org/tyokykypiste?palvelu=ESIM-TKP"', f'url = "{long_url}"')
    path = tmp_path / "profile.toml"
    path.write_text(source, encoding="utf-8")
    edited = load_profile(path)
    pdf = feedback_sheet(edited, "fi", DAY)
    assert qr_codes(pdf) == [long_url]
    long_web = "https://tyokykypiste.example.org/" + "palvelut/" * 14
    edited = edited.model_copy(update={"service": edited.service.model_copy(update={"web_url": long_web})})
    for width, height, boxes in words(brochure(edited, "en", DAY)):
        assert all(0 <= w.x0 and w.x1 <= width and 0 <= w.y0 and w.y1 <= height for w in boxes)
    assert "Olli Testinen" in one_line(brochure(edited, "fi", DAY))


def test_wording_files_have_the_same_keys() -> None:
    def keys(data: object, prefix: str = "") -> set[str]:
        if isinstance(data, dict):
            return set().union(*(keys(v, f"{prefix}{k}.") for k, v in data.items())) | {prefix}
        return {prefix}

    assert keys(texts("fi")) == keys(texts("sv")) == keys(texts("en"))
