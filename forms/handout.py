"""A print order from the desk: which handout, in which language, how many."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from forms.base import FrozenModel
from forms.choices import HandoutKind

HandoutLanguage = Literal["fi", "sv", "en"]


class StackOrder(FrozenModel):
    """Handouts that belong to no visit: brochures, blank feedback sheets, or sheets of the
    worker's own contact cards (ten to a sheet)."""

    kind: Literal[HandoutKind.BROCHURE, HandoutKind.FEEDBACK, HandoutKind.CARD] = HandoutKind.BROCHURE
    language: HandoutLanguage = "fi"
    copies: int = Field(default=10, ge=1, le=100)
