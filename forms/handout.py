"""A print order from the desk: which handout, in which language, how many."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from forms.base import FrozenModel
from forms.choices import HandoutKind
from forms.i18n import _

HandoutLanguage = Literal["fi", "selko", "sv", "en"]
"""The languages of forms.choices.HandoutLanguage, plain Finnish (selkosuomi) too, in the order `g`
cycles them at the visit."""

CARDS_PER_SHEET = 10
"""Ten-up contact cards: two columns of five on an A4 sheet."""


class StackOrder(FrozenModel):
    """Handouts that belong to no visit: brochures, blank feedback sheets, or sheets of the
    worker's own contact cards (ten to a sheet)."""

    kind: Literal[HandoutKind.BROCHURE, HandoutKind.FEEDBACK, HandoutKind.CARD] = HandoutKind.BROCHURE
    language: HandoutLanguage = "fi"
    copies: int = Field(default=10, ge=1, le=100)


def copies_meaning(kind: str, copies: int) -> str:
    """What `copies` of a stack prints: a copy is always one sheet (as recorded), and a sheet of
    contact cards holds ten."""
    if kind == HandoutKind.CARD:
        return _("{sheets} sheet(s) = {cards} contact cards").format(sheets=copies, cards=copies * CARDS_PER_SHEET)
    return _("{sheets} sheet(s)").format(sheets=copies)
