"""A selection list whose boxes say chosen or not by their mark, not by colour alone: Textual's
draws an X in every box and tells them apart by colour only."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList


class MarkedSelectionList(SelectionList[str]):
    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        _, scroll_y = self.scroll_offset
        index = scroll_y + y
        if len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER or index >= self.option_count:
            return line
        chosen = self.get_option_at_index(index).value in self._selected
        segments[1] = Segment(Checkbox.BUTTON_INNER if chosen else " ", segments[1].style)
        return Strip(segments, line.cell_length)
