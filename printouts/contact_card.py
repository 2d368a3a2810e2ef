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
    heading,
    job_title,
    labelled,
    new_canvas,
    para,
    texts,
)

CARD_W, CARD_H = 85 * mm, 55 * mm
PADDING = 4 * mm
# Body text is 12 pt × scale: 9 pt first, 8 pt (the smallest allowed on a card) if needed.
SCALES = (0.75, 2 / 3)
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
    story = _fitting_story(profile, person, language, printed_on, next_appointment, role)
    out = io.BytesIO()
    canvas = new_canvas(out, language)
    describe(canvas, profile, language, f"{texts(language)['card'][TITLE_KEY[role]]}: {person.name}", "card")
    origins = card_origins(layout)
    for x, y in origins:  # laid out once, drawn on every card
        _draw(canvas, list(story), x, y)
    _crop_marks(canvas, origins)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def card_origins(layout: Layout) -> list[tuple[float, float]]:
    """Bottom-left corners of the cards on an A4 sheet, in points."""
    width, height = A4
    if layout == "single":
        return [((width - CARD_W) / 2, (height - CARD_H) / 2)]
    # two columns, five rows, edge to edge, centred on the sheet
    left, bottom = (width - 2 * CARD_W) / 2, (height - 5 * CARD_H) / 2
    return [(left + col * CARD_W, bottom + row * CARD_H) for row in range(5) for col in range(2)]


def _fitting_story(profile: ServiceProfile, person: Person, language: str, printed_on: date,
                   next_appointment: datetime | None, role: CardRole) -> list[Flowable]:
    """The card's flowables at the largest scale at which they fit the card."""
    for scale in SCALES:
        story = _story(profile, person, language, printed_on, next_appointment, role, scale)
        left = list(story)
        Frame(0, 0, CARD_W, CARD_H, PADDING, PADDING, PADDING, PADDING).addFromList(left, _scratch())
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
    # The card's title is its one heading (in the outline once, however many cards a sheet has).
    story: list[Flowable] = [heading(c[TITLE_KEY[role]], 0, "body", scale), para(person.name, "big", scale)]
    if person.title:
        story.append(para(job_title(person.title, language), "body", scale))
    for label, value in ((c["phone"], person.phone), (c["hours"], person.phone_hours),
                         (c["email"], person.email), (c["place"], person.place)):
        if value:
            story.append(labelled(label, value, scale))
    if next_appointment is not None:
        story.append(labelled(c["next"], format_moment(next_appointment, language), scale))
    story.append(para(footer_text(profile, language, printed_on), "body", SCALES[-1]))
    return story


def _scratch() -> Canvas:
    return Canvas(io.BytesIO())


def _draw(canvas: Canvas, story: list[Flowable], x: float, y: float) -> None:
    Frame(x, y, CARD_W, CARD_H, PADDING, PADDING, PADDING, PADDING).addFromList(story, canvas)


def _crop_marks(canvas: Canvas, origins: list[tuple[float, float]]) -> None:
    """Short lines just outside the cards' corners, where the paper is cut."""
    xs = sorted({x for x, _y in origins} | {x + CARD_W for x, _y in origins})
    ys = sorted({y for _x, y in origins} | {y + CARD_H for _x, y in origins})
    gap, length = 2 * mm, 5 * mm
    canvas.setLineWidth(0.3)
    for x in xs:
        for y0, direction in ((ys[0] - gap, -1), (ys[-1] + gap, 1)):
            canvas.line(x, y0, x, y0 + direction * length)
    for y in ys:
        for x0, direction in ((xs[0] - gap, -1), (xs[-1] + gap, 1)):
            canvas.line(x0, y, x0 + direction * length, y)
