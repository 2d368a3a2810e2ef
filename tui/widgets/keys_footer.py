"""The footer of every screen: compact, without the command palette's entry, and with Help and
Lock first, so that at 80 columns the keys that cut off are the screen's own rarer ones, never
the way to help or to lock the desk. Ctrl+P still opens the palette."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

ALWAYS_SHOWN = ("f1", "ctrl+l")


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        first = [k for k in keys if isinstance(k, FooterKey) and k.key in ALWAYS_SHOWN]
        yield from sorted(first, key=lambda k: ALWAYS_SHOWN.index(k.key))
        yield from (k for k in keys if k not in first)
