"""The named worker's contact card, 85 × 55 mm: one on a sheet with crop marks, or ten-up on A4."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Literal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame

from forms.i18n import _
from forms.profile import ServiceProfile
from printouts.data import Person
from printouts.layout import (
    DoesNotFit,
    describe,
    fonts,
    footer_text,
    format_moment,
    job_title,
    new_canvas,
    pen,
    texts,
)

CARD_W, CARD_H = 85 * mm, 55 * mm
PLAIN_W, PLAIN_H = 95 * mm, 135 * mm
"""Plain Finnish's 14 pt does not fit a credit card (a name, a title, a phone and its hours fill
it at 9 pt): its card is postcard-sized, four on an A4 sheet."""
PADDING = 4 * mm
# Body text is 12 pt × scale: 9 pt first, 8 pt (the smallest allowed on a card) if needed. Plain
# Finnish never shrinks below its 14 pt.
SCALES = (0.75, 2 / 3)
PLAIN_SCALES = (1.0,)
Layout = Literal["single", "sheet"]
CardRole = Literal["responsible", "met", "contact"]
"""Who the person is to the client: the named responsible worker, the worker the client met (no
responsible worker was named), or a contact person (a stack of cards handed out at the desk)."""
TITLE_KEY: dict[str, str] = {"responsible": "title", "met": "met_title", "contact": "contact_title"}


def contact_card(
    profile: ServiceProfile,
    person: Person,
    language: str,
    printed_on: date,
    layout: Layout = "single",
    next_appointment: datetime | None = None,
    role: CardRole = "responsible",
) -> bytes:
    fonts()
    size = card_size(language)
    story = _fitting_story(profile, person, language, printed_on, next_appointment, role)
    out = io.BytesIO()
    canvas = new_canvas(out, language)
    describe(canvas, profile, language, f"{texts(language)['card'][TITLE_KEY[role]]}: {person.name}", "card")
    origins = card_origins(layout, size)
    for x, y in origins:  # laid out once, drawn on every card
        _draw(canvas, list(story), x, y, size)
    _crop_marks(canvas, origins, size)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def card_size(language: str) -> tuple[float, float]:
    """The card's width and height in points: plain Finnish's is larger (PLAIN_W, PLAIN_H)."""
    return (PLAIN_W, PLAIN_H) if pen(language).plain else (CARD_W, CARD_H)


def card_origins(layout: Layout, size: tuple[float, float] = (CARD_W, CARD_H)) -> list[tuple[float, float]]:
    """Bottom-left corners of the cards on an A4 sheet, in points."""
    width, height = A4
    card_w, card_h = size
    if layout == "single":
        return [((width - card_w) / 2, (height - card_h) / 2)]
    # as many as fit edge to edge (2 × 5 cards, 2 × 2 plain ones), centred on the sheet
    columns, rows = int(width // card_w), int(height // card_h)
    left, bottom = (width - columns * card_w) / 2, (height - rows * card_h) / 2
    return [(left + col * card_w, bottom + row * card_h) for row in range(rows) for col in range(columns)]


def _fitting_story(profile: ServiceProfile, person: Person, language: str, printed_on: date,
                   next_appointment: datetime | None, role: CardRole) -> list[Flowable]:
    """The card's flowables at the largest scale at which they fit the card."""
    for scale in PLAIN_SCALES if pen(language).plain else SCALES:
        story = _story(profile, person, language, printed_on, next_appointment, role, scale)
        left = list(story)
        Frame(0, 0, *card_size(language), PADDING, PADDING, PADDING, PADDING).addFromList(left, _scratch())
        if not left:
            return story
    title = job_title(person.title, language) if person.title else ""
    longest = max(("name", person.name), ("title", title), ("place", person.place or ""),
                  ("phone_hours", person.phone_hours or ""), ("email", person.email or ""),
                  key=lambda item: len(item[1]))
    raise DoesNotFit(_("The contact card is too full: shorten the {field} ({length} characters).").format(
        field=longest[0], length=len(longest[1])))


def _story(profile: ServiceProfile, person: Person, language: str, printed_on: date,
           next_appointment: datetime | None, role: CardRole, scale: float) -> list[Flowable]:
    c = texts(language)["card"]
    w = pen(language, scale)
    # The card's title is its one heading (in the outline once, however many cards a sheet has).
    story: list[Flowable] = [w.heading(c[TITLE_KEY[role]], 0, "body"), w.para(person.name, "big")]
    if person.title:
        story.append(w.para(job_title(person.title, language)))
    for label, value in ((c["phone"], person.phone), (c["hours"], person.phone_hours),
                         (c["email"], person.email), (c["place"], person.place)):
        if value:
            story.append(w.labelled(label, value))
    if next_appointment is not None:
        story.append(w.labelled(c["next"], format_moment(next_appointment, language)))
    # The footer in the smallest type the card allows, whatever the scale of the rest.
    smallest = pen(language, (PLAIN_SCALES if w.plain else SCALES)[-1])
    story.append(smallest.para(footer_text(profile, language, printed_on)))
    return story


def _scratch() -> Canvas:
    return Canvas(io.BytesIO())


def _draw(canvas: Canvas, story: list[Flowable], x: float, y: float, size: tuple[float, float]) -> None:
    Frame(x, y, *size, PADDING, PADDING, PADDING, PADDING).addFromList(story, canvas)


def _crop_marks(canvas: Canvas, origins: list[tuple[float, float]], size: tuple[float, float]) -> None:
    """Short lines just outside the cards' corners, where the paper is cut."""
    xs = sorted({x for x, _y in origins} | {x + size[0] for x, _y in origins})
    ys = sorted({y for _x, y in origins} | {y + size[1] for _x, y in origins})
    gap, length = 2 * mm, 5 * mm
    canvas.setLineWidth(0.3)
    for x in xs:
        for y0, direction in ((ys[0] - gap, -1), (ys[-1] + gap, 1)):
            canvas.line(x, y0, x, y0 + direction * length)
    for y in ys:
        for x0, direction in ((xs[0] - gap, -1), (xs[-1] + gap, 1)):
            canvas.line(x0, y, x0 + direction * length, y)
