"""The footer of every screen: compact, without the command palette's entry, and with Help and
Lock first, so that at 80 columns the keys that cut off are the screen's own rarer ones, never
the way to help or to lock the desk. Ctrl+P still opens the palette."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

ALWAYS_SHOWN = ("f1", "ctrl+l")


def _keys_only(shown: tuple[object, ...]) -> tuple[object, ...]:
    """The footer's keys without whether each is live."""
    return (*shown[:2], *((key, description, action, group, tooltip)
                          for key, description, action, group, _live, tooltip in shown[2:]))  # type: ignore[misc]


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._composed: tuple[object, ...] | None = None
        """The keys as last composed: what the footer shows."""

    def _keys_shown(self) -> tuple[object, ...] | None:
        if not self._bindings_ready:
            return None
        return (self.show_command_palette, self.compact, *(
            (binding.key, binding.description, binding.action, binding.group, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values() if binding.show))

    async def recompose(self) -> None:
        # Textual composes the footer anew whenever the screen's bindings may have changed: each
        # focus move, each row highlighted on the board, each answer shown. Its keys are widgets
        # (removed, made, styled and laid out again), and mostly they are the same keys.
        if not self.is_attached or self._pruning:
            return  # closing with its screen
        if self.app.screen is not self.screen:
            # Textual refreshes a screen's bindings as another screen covers it, and again as it
            # comes back: the footer nobody sees was built twice over for each screen on top
            # (the desk's under each visit, dialog and lock; a dialog's footer covers the one
            # behind it). Its screen coming back composes it then, if its keys changed meanwhile.
            return
        shown = self._keys_shown()
        if self._composed is not None and shown == self._composed:
            return
        if shown is not None and self._composed is not None and _keys_only(shown) == _keys_only(self._composed):
            # The same keys, some live now and some greyed (a visit's status moved on, another
            # visit on the kept visit screen): each key dimmed or lit in place, not built again.
            self._light(shown)
            return
        await super().recompose()

    def _light(self, shown: tuple[object, ...]) -> None:
        enabled: dict[str, bool] = {}
        for _key, _description, action, _group, live, _tooltip in shown[2:]:  # type: ignore[misc]
            enabled.setdefault(action, live)  # Footer shows an action's first key
        for key in self.query(FooterKey):
            dim = not enabled.get(key.action, not key._disabled)
            if key._disabled != dim:
                key._disabled = dim  # what a click on it does
                key.set_class(dim, "-disabled")
        self._composed = shown

    def compose(self) -> ComposeResult:
        self._composed = self._keys_shown()
        keys = list(super().compose())
        for key in keys:
            # Each key's `compact` watcher, run as it mounts, would style it a second time (with its
            # parts), one key at a time: a third of opening the visit screen. The class is set first.
            if isinstance(key, FooterKey) and self.compact:
                key.add_class("-compact", update=False)
        first = [k for k in keys if isinstance(k, FooterKey) and k.key in ALWAYS_SHOWN]
        yield from sorted(first, key=lambda k: ALWAYS_SHOWN.index(k.key))
        yield from (k for k in keys if k not in first)
