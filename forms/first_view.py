"""What the desk's first screen needs from the settings, read without validating them: the language,
the view and whether this is the first start. pydantic and the full settings load after the first
paint (forms.settings), and refuse what is wrong there; a value this cannot use counts as unset."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from forms.i18n import UI_LANGUAGES, UiLanguage

TRUE_WORDS = ("1", "true", "yes", "on")


def default_home(environ: Mapping[str, str] = os.environ) -> Path:
    """WALKIN_HOME, or the platform's data folder for the app."""
    if home := environ.get("WALKIN_HOME"):
        return Path(home)
    from platformdirs import user_data_path

    return user_data_path("walkin-desk", appauthor=False)


def settings_file(environ: Mapping[str, str] = os.environ) -> Path:
    """WALKIN_SETTINGS, or settings.toml in the data folder."""
    return Path(environ.get("WALKIN_SETTINGS") or default_home(environ) / "settings.toml")


@dataclass(frozen=True)
class FirstView:
    language: UiLanguage = "fi"
    high_contrast: bool = False
    large_text: bool = False
    home: Path = Path()
    """The data folder: where the log is, should the start fail before the settings are read."""
    first_start: bool = False
    """No database yet (no URL set and no walkin.db): the first-account form follows at once."""


def first_view(environ: Mapping[str, str] = os.environ, **overrides: Any) -> FirstView:
    """Overrides (the command line) over WALKIN_… variables over the settings file, like the
    settings themselves; a file that cannot be read counts as empty."""
    try:
        text = settings_file(environ).read_text(encoding="utf-8")
        in_file = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        in_file = {}
    variables = {name.upper(): value for name, value in environ.items()}

    def value(key: str) -> object:
        if key in overrides:
            return overrides[key]
        variable = "WALKIN_" + key.replace(".", "__").upper()
        if variable in variables:
            return variables[variable]
        table, _dot, name = key.rpartition(".")
        where = in_file.get(table, {}) if table else in_file
        return where.get(name) if isinstance(where, dict) else None

    language = value("language")
    large_text = value("large_text")
    home = Path(str(value("home") or default_home(environ)))
    return FirstView(
        language=next((known for known in UI_LANGUAGES if known == language), "fi"),
        high_contrast=value("theme") == "high_contrast",
        large_text=large_text is True or (isinstance(large_text, str) and large_text.lower() in TRUE_WORDS),
        home=home,
        first_start=not value("database.url") and not (home / "walkin.db").exists(),
    )
