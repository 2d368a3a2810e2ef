"""Key descriptions in the UI language: bindings are declared with English ids, shown translated."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from forms.i18n import _


class LocalisedBindings:
    """Mix into a Screen or Widget before the Textual base class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bindings = self._bindings.key_to_bindings  # type: ignore[attr-defined]
        for key, items in bindings.items():
            bindings[key] = [
                replace(b, description=_(b.description) if b.description else "") for b in items
            ]
