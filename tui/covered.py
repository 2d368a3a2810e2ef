"""The screen a dialog covers, drawn dimmed under it: each of the dialog's frames draws it whole
(its first, and one for each change on the desk below). Textual's own way sends every cell of it
through Rich's renderer and blends its colours anew each time: 12–14 ms of every key that opens
or answers a question over the desk. The same picture from the covered screen's strips, one dimmed
style looked up per style, takes about a millisecond."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.color import Color
from textual.geometry import Size
from textual.renderables.background_screen import BackgroundScreen
from textual.strip import Strip
from textual.visual import Visual

if TYPE_CHECKING:
    from textual.app import RenderResult
    from textual.css.styles import RulesMap
    from textual.screen import Screen
    from textual.style import Style
    from textual.visual import RenderOptions


class DimsCovered:
    """Mixed into a dialog (before Textual's ModalScreen): what it covers is drawn by `Covered`."""

    def render(self) -> RenderResult:
        rendered = super().render()  # type: ignore[misc]
        if isinstance(rendered, BackgroundScreen):
            return Covered(rendered.screen, rendered.color)
        return rendered  # type: ignore[no-any-return]


class Covered(Visual):
    """What Textual's BackgroundScreen draws, as a Textual visual: the covered screen's strips with
    each style dimmed by `color` (links and click actions taken off: the covered screen takes no
    mouse), on the dialog's own base style."""

    def __init__(self, screen: Screen[Any], color: Color) -> None:
        self.screen = screen
        self.color = color

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        size = Size(width, self.screen.size.height if height is None else height)
        base, color = style.rich_style, self.color
        return [
            Strip([Segment(text, _dimmed(base, color, own)) for text, own, _control in line], line.cell_length)
            for line in (strip.crop(0, width) for strip in self.screen._compositor.render_strips(size))
        ]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.screen.size.height


@lru_cache(maxsize=4096)
def _dimmed(base: RichStyle, color: Color, style: RichStyle | None) -> RichStyle:
    """A style of the covered screen as the dialog shows it. Kept: the next frame draws the same
    styles, about one for each cell on the screen (a board's cells each carry their own row and
    column for the mouse)."""
    (dimmed,) = BackgroundScreen.process_segments([Segment(" ", style)], color)
    return base + dimmed.style if base else dimmed.style
