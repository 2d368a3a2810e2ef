"""A print order from the desk: which handout, in which language, how many."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from forms.base import FrozenModel
from forms.choices import HandoutKind

HandoutLanguage = Literal["fi", "sv", "en"]


class StackOrder(FrozenModel):
    """A stack of handouts that belong to no visit: brochures or blank feedback sheets."""

    kind: Literal[HandoutKind.BROCHURE, HandoutKind.FEEDBACK] = HandoutKind.BROCHURE
    language: HandoutLanguage = "fi"
    copies: int = Field(default=10, ge=1, le=100)
