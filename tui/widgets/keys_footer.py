"""The footer of every screen: compact, and without the command palette's entry, so the keys a
desk worker needs (Lock among them) fit in 120 columns. Ctrl+P still opens the palette."""

from __future__ import annotations

from textual.widgets import Footer


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
