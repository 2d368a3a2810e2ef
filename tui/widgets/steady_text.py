"""Text shown in a Static without laying the screen out again when its size stays the same."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Static


def show_text(widget: Static, text: str) -> None:
    """`widget.update(text)`, only when the text changed, and without the layout Static.update asks
    for when the text takes the same lines as before, each within the widget's width. On the desk a
    layout draws the whole screen again (tens of ms beside a board of hundreds), and the counters
    and banners are shown again on every queue change, mostly as they were."""
    old = widget.content
    if text == old:
        return
    width = widget.content_size.width
    width_rule = widget.styles.width
    steady = (isinstance(old, str) and width > 0 and (width_rule is None or not width_rule.is_auto)
              and old.count("\n") == text.count("\n")
              and all(cell_len(line) <= width for line in (*old.split("\n"), *text.split("\n"))))
    widget.update(text, layout=not steady)
