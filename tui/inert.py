"""Terminal control characters in anything drawn are shown as visible symbols, never sent to the
terminal: a name typed with an escape sequence in it (the forms refuse those, but a database row
may come from elsewhere) cannot clear the screen, retitle the window or recolour the desk."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for escape, ␇ for bell, …
    return "␡" if code == 0x7F else "�"


class InertControls(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        # Runs for every line drawn: the usual line, with nothing to replace, is handed back as it is.
        if not any(_CONTROL.search(text) for text, _style, control in segments if not control):
            return segments
        return [
            Segment(_CONTROL.sub(_picture, s.text), s.style) if not s.control and _CONTROL.search(s.text) else s
            for s in segments
        ]


class InertApp:
    """Mix into an App before textual's App: its screens draw control characters inert."""

    _inert = InertControls()

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), self._inert]  # type: ignore[misc]
