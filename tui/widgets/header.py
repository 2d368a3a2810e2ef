"""The screens' header: Textual's own, less the watchers it leaves on the app when its screen closes."""

from __future__ import annotations

from textual.widgets import Header as TextualHeader


class Header(TextualHeader):
    """Textual's Header watches the app's title and sub-title, and drops a closed header's watchers
    only when that title next changes, which on a desk is once a start: until then each header
    closed kept itself and its widgets in memory, about ten a visit (issue 19). This one lets go of
    them as it is removed."""

    def on_unmount(self) -> None:
        for watchers in getattr(self.app, "__watchers", {}).values():
            watchers[:] = [(node, callback) for node, callback in watchers if node is not self]
