"""A ticket in solid block letters, for the waiting-room display: thick strokes read from across
the room on a television, where Textual's Digits draws hairlines."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

FONT = {
    "0": "###|#.#|#.#|#.#|###", "1": ".#.|##.|.#.|.#.|###", "2": "###|..#|###|#..|###",
    "3": "###|..#|###|..#|###", "4": "#.#|#.#|###|..#|..#", "5": "###|#..|###|..#|###",
    "6": "###|#..|###|#.#|###", "7": "###|..#|..#|.#.|.#.", "8": "###|#.#|###|#.#|###",
    "9": "###|#.#|###|..#|###",
    "A": ".#.|#.#|###|#.#|#.#", "B": "##.|#.#|##.|#.#|##.", "C": ".##|#..|#..|#..|.##",
    "D": "##.|#.#|#.#|#.#|##.", "E": "###|#..|##.|#..|###", "F": "###|#..|##.|#..|#..",
    "G": ".##|#..|#.#|#.#|.##", "H": "#.#|#.#|###|#.#|#.#", "I": "###|.#.|.#.|.#.|###",
    "J": "..#|..#|..#|#.#|.#.", "K": "#.#|#.#|##.|#.#|#.#", "L": "#..|#..|#..|#..|###",
    "M": "#.#|###|###|#.#|#.#", "N": "##.|#.#|#.#|#.#|#.#", "O": ".#.|#.#|#.#|#.#|.#.",
    "P": "##.|#.#|##.|#..|#..", "Q": ".#.|#.#|#.#|##.|.##", "R": "##.|#.#|##.|#.#|#.#",
    "S": ".##|#..|.#.|..#|##.", "T": "###|.#.|.#.|.#.|.#.", "U": "#.#|#.#|#.#|#.#|###",
    "V": "#.#|#.#|#.#|#.#|.#.", "W": "#.#|#.#|###|###|#.#", "X": "#.#|#.#|.#.|#.#|#.#",
    "Y": "#.#|#.#|.#.|.#.|.#.", "Z": "###|..#|.#.|#..|###",
}
"""Three by five pixels a character; a pixel is two cells wide, about square in a terminal."""
GLYPH_ROWS = 5


def block_lines(ticket: str, scale: int = 1) -> list[str]:
    """The ticket as lines of blocks, each pixel `scale` rows high; a character not in the font
    is left out (tickets are a prefix of letters and digits)."""
    glyphs = [FONT[c].split("|") for c in ticket.upper() if c in FONT]
    pixel, gap = "█" * 2 * scale, " " * 2 * scale
    lines = []
    for row in range(GLYPH_ROWS):
        line = gap.join("".join(pixel if on == "#" else " " * len(pixel) for on in glyph[row]) for glyph in glyphs)
        lines.extend([line.rstrip()] * scale)
    return lines


class BigTicket(Widget):
    """A ticket drawn in block letters, `scale` times the five-line font."""

    DEFAULT_CSS = "BigTicket { width: auto; height: auto; }"

    ticket: reactive[str] = reactive("", layout=True)

    def __init__(self, ticket: str, scale: int = 1, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.scale = scale
        self.ticket = ticket

    def render(self) -> Text:
        return Text("\n".join(block_lines(self.ticket, self.scale)))

    def get_content_width(self, container: object, viewport: object) -> int:
        return max((len(line) for line in block_lines(self.ticket, self.scale)), default=0)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return GLYPH_ROWS * self.scale
