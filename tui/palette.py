"""A screen's own entries in the command palette ("scope: verb"), as a Textual command provider
the screen lists in its `COMMANDS`."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider


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
