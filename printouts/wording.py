"""The client-facing wording in each handout language, from texts/<language>.toml: the handouts'
and the waiting-room display's (which reads it without loading ReportLab)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

TEXTS = Path(__file__).parent / "texts"


@cache
def texts(language: str) -> dict[str, Any]:
    """The wording in one language."""
    return tomllib.loads((TEXTS / f"{language}.toml").read_text(encoding="utf-8"))
