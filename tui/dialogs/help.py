"""Help made from the code: the screen's HELP text and its keys, so it cannot drift from them."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.actions import parse
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from forms.i18n import N_, _
from tui.covered import DimsCovered
from tui.localised import LocalisedBindings
from tui.widgets.keys_footer import KeysFooter


class HelpScreen(LocalisedBindings, DimsCovered, ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", N_("Close"), id="help.close")]

    def __init__(self, about: Screen[Any]) -> None:
        super().__init__()
        self.about = about

    def compose(self) -> ComposeResult:
        body = Text()
        help_text = getattr(self.about, "HELP", None)
        if help_text:
            body.append(_(help_text) + "\n\n")
        body.append(_("Keys") + "\n", style="bold")
        for binding in _keys(self.about):
            body.append(f"  {self.app.get_key_display(binding):>10}  ", style="bold")
            body.append(f"{binding.description}\n")
        body.append("\n" + _("Ctrl+L or F12 locks the screen; Ctrl+P opens the command palette; F1 this help; "
                             "Ctrl+Q quits."))
        body.append("\n\n" + _("F7 switches high contrast on or off; F8 the larger-text layout (fewer columns, "
                                 "more room). To make the letters themselves bigger, enlarge the terminal's text: "
                                 "Ctrl and + in most terminals (Ctrl and 0 back), or a larger font in the "
                                 "terminal's profile. The settings theme and large_text keep them on."))
        settings = getattr(self.app, "settings", None)
        if settings is not None:
            # Here rather than in the header: the administrator's question "which database is this
            # desk on?" is answered on demand, and a file path would crowd the header of every screen.
            from storage.errors import where_is

            body.append("\n\n" + _("Database: {where}").format(where=where_is(settings.database_url)))
        with VerticalScroll(classes="dialog wide"):
            yield Static(_("Help"), classes="card-title")
            yield Static(body)
        yield KeysFooter()


def _keys(screen: Screen[Any]) -> list[Binding]:
    """Every key the screen declares (ours all have an id; Textual's own focus and copy keys do
    not), the ones the footer has no room for too, but not another role's (an administrator's
    keys for a desk worker)."""
    keys: list[Binding] = []
    for items in screen._bindings.key_to_bindings.values():
        for binding in items:
            _namespace, action, parameters = parse(binding.action)
            if binding.id and binding.description and screen.check_action(action, parameters) is not False:
                keys.append(binding)
    return keys
