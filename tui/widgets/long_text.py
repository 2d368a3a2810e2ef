"""Plain text of hundreds of lines (a summary of a busy day), drawn a line at a time as it shows."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class LongText(ScrollView, can_focus=True):
    """Lines already fitted to the width, scrolled. A Static in a scroll container lays out and
    draws every line of its text, visible or not, whenever the text changes: 130 ms of CPU for the
    summary of a day with 500 visits still open (a line each); this draws only the rows on screen."""

    DEFAULT_CSS = """
    LongText {
        height: 1fr;
        overflow-x: hidden;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[str] = []

    @property
    def text(self) -> str:
        """What it shows, as one string."""
        return "\n".join(self._lines)

    def show(self, text: str) -> None:
        """`text` instead, scrolled as it was (drawn again to a new width, or a section added)."""
        self._lines = text.split("\n")
        self.virtual_size = Size(max(map(cell_len, self._lines)), len(self._lines))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width, style = self.scrollable_content_region.width, self.rich_style
        row = scroll_y + y
        if row >= len(self._lines):
            return Strip.blank(width, style)
        line = self._lines[row]
        return Strip([Segment(line, style)], cell_len(line)).crop_extend(scroll_x, scroll_x + width, style)
