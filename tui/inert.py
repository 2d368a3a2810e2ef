"""What a person typed or a file holds cannot act: controls show as symbols, text is never markup.

Control characters: a name typed with an escape sequence in it (the forms refuse those, but a
database row may come from elsewhere) cannot clear the screen, retitle the window or recolour
the desk: they are drawn as visible symbols.

Markup: Textual reads a plain `str` given to a Static, a Label, an option prompt or `notify` as
content markup. A client named `[/]` raised MarkupError in the "Called" notification (a dead desk,
the visit left called), a worker named `[/]Mark` crashed the lock screen, `Liisa [tulkki]` lost
its bracket and `[@click=app.quit]` became a quit link. Names, job titles, workstation names,
profile texts, notes, phone numbers and paths all come from people or files, and the desk's own
strings use no markup, so one rule holds instead of escaping here and there:
- a widget that shows such text gets it as a `rich.text.Text` (`plain()`), or is made with
  `markup=False` when its string is one message with data in it;
- notifications are always plain text (`InertApp.notify`), whoever sends them.
(ReportLab reads a markup of its own: `printouts.layout` escapes for it.)"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.segment import Segment
from rich.text import Text
from textual.color import Color
from textual.filter import LineFilter
from textual.notifications import SeverityLevel

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


def plain(text: object) -> Text:
    """Text shown as it is: for an option's label, a table cell, a Static's content."""
    return Text(str(text))


class InertApp:
    """Mix into an App before textual's App: its screens draw control characters inert, and its
    notifications are plain text."""

    _inert = InertControls()

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), self._inert]  # type: ignore[misc]

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        # `markup` is ignored: a screen's notify passes Textual's default (True) along, and a
        # message may hold a name or a path wherever it comes from.
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)  # type: ignore[misc]
