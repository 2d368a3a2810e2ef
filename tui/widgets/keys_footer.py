"""The footer of every screen: compact, without the command palette's entry, and with Help and
Lock first, so that at 80 columns the keys that cut off are the screen's own rarer ones, never
the way to help or to lock the desk. Ctrl+P still opens the palette."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

ALWAYS_SHOWN = ("f1", "ctrl+l")


def _keys_only(shown: tuple[object, ...]) -> tuple[object, ...]:
    """`KeysFooter._keys_shown` without whether each key is live."""
    return tuple(item[:4] + item[5:] if isinstance(item, tuple) else item for item in shown)


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
        if self._composed is not None and shown is not None and _keys_only(shown) == _keys_only(self._composed):
            self._enable_in_place(shown)  # the same keys, some greyed or live now
            self._composed = shown
            return
        await super().recompose()

    def _enable_in_place(self, shown: tuple[object, ...]) -> None:
        """Each key greyed or live as `shown` (`_keys_shown`) has it, without building the footer
        again: a class on the key (a sign-in's desk greys the visit's keys until its board is read,
        then they are live again; moving between a called and a waiting client does the same)."""
        enabled = {(key, action): on for key, _description, action, _group, on, _tooltip
                   in shown[2:]}  # type: ignore[misc]
        for key in self.query(FooterKey):
            disabled = not enabled.get((key.key, key.action), not key._disabled)
            if disabled != key._disabled:
                key._disabled = disabled  # what a click on it checks
                key.set_class(disabled, "-disabled")

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
