"""A screen's own entries in the command palette ("scope: verb"), as a Textual command provider
the screen lists in its `COMMANDS`; and the palette itself, in the desk's language."""

from __future__ import annotations

from collections.abc import Iterable

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from forms.i18n import _


class ScreenCommands(Provider):
    """Subclass it with `commands()`, which reads `self.screen` (the screen the palette was opened
    on), and list the subclass in the screen's `COMMANDS`."""

    def commands(self) -> Iterable[SystemCommand]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for command in self.commands():
            yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            if (score := matcher.match(command.title)) > 0:
                yield Hit(score, matcher.highlight(command.title), command.callback, help=command.help)


class DeskCommandPalette(CommandPalette):
    """Textual's palette with its own words in the desk's language: the search prompt (given by
    the app) and "No matches found", which Textual writes in English."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own method, with the one sentence translated; it has no hook for the text.
        # tests/tui/test_screen_workers.py notices when a newer Textual changes it.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(_("No matches found"), style="not bold")), disabled=True,
                    id=self._NO_MATCHES))
                self._list_visible = True
            else:  # discovery: nothing to say about an empty list
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
