"""The one message catalogue: gettext with English message ids, in Finnish (the default), Swedish
or English."""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Literal

UiLanguage = Literal["fi", "sv", "en"]
UI_LANGUAGES: tuple[UiLanguage, ...] = ("fi", "sv", "en")
LOCALE_DIR = Path(__file__).parent / "locale"

_translation: gettext.NullTranslations = gettext.translation(
    "walkin", LOCALE_DIR, languages=["fi"], fallback=True
)
_language: UiLanguage = "fi"


def set_language(language: UiLanguage) -> None:
    """Switch every later `_()` call to `language`."""
    global _translation, _language
    _language = language
    _translation = gettext.translation(
        "walkin", LOCALE_DIR, languages=[language], fallback=True
    )


def current_language() -> UiLanguage:
    return _language


def _(message: str) -> str:
    """Translate `message` into the current UI language."""
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark `message` for extraction; it is translated later, where it is shown."""
    return message
