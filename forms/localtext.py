"""Text a region writes in several languages, Finnish always present."""

from __future__ import annotations

from pydantic import Field

from forms.base import StrictModel
from forms.i18n import current_language


class LocalText(StrictModel):
    """`{ fi = "…", selko = "…", sv = "…", en = "…" }`: plain Finnish (selkosuomi, for the plain
    handouts), Swedish and English fall back to Finnish."""

    fi: str = Field(min_length=1, max_length=600)
    selko: str | None = Field(default=None, min_length=1, max_length=600)
    sv: str | None = Field(default=None, min_length=1, max_length=600)
    en: str | None = Field(default=None, min_length=1, max_length=600)

    def get(self, language: str) -> str:
        return getattr(self, language, None) or self.fi

    def __str__(self) -> str:
        """In the current UI language."""
        return self.get(current_language())
