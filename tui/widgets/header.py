"""The header of every screen: Textual's, with a title that outlives its screen closing and
watchers that go with it.

Textual's header updates its title from watchers of the app's and the screen's title:
- on a busy machine a watcher can run after a closing screen has already removed the header's
  children; the update then raised NoMatches, and an unexpected error started the desk again
  under the worker's hands (seen at a load of 20 on two cores);
- the app drops a closed header's watchers only when its title next changes, which on a desk is
  once a start: until then each header closed kept itself and its widgets in memory, about ten
  a visit (issue 19)."""

from __future__ import annotations

from textual import widgets
from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.screen import Screen
from textual.widgets._header import HeaderTitle


class Header(widgets.Header):
    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # instead of Textual's handler, whose watchers fail as above
        screen: Screen[object] = self.screen
        for owner in (self.app, screen):
            self.watch(owner, "title", self._show_title)
            self.watch(owner, "sub_title", self._show_title)

    def _show_title(self) -> None:
        try:
            self.query_one(HeaderTitle).update(self.format_title())
        except (NoMatches, NoScreen):
            pass  # its screen is closing: there is no title left to show

    def on_unmount(self) -> None:
        for watchers in getattr(self.app, "__watchers", {}).values():
            watchers[:] = [(node, callback) for node, callback in watchers if node is not self]
