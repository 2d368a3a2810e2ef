"""The client-facing wording in each handout language, from texts/<language>.toml: the handouts'
and the waiting-room display's (which reads it without loading ReportLab)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from forms.choices import HandoutLanguage

TEXTS = Path(__file__).parent / "texts"


@cache
def texts(language: str) -> dict[str, Any]:
    """The wording in one language. Plain Finnish has its own handout sections; the rest (access
    copy, processing description, the display) is the Finnish."""
    found = tomllib.loads((TEXTS / f"{language}.toml").read_text(encoding="utf-8"))
    return texts("fi") | found if language == HandoutLanguage.SELKO.value else found
