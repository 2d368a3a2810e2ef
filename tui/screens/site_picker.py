"""A list of the profile's walk-in sites to choose one from: the workstation's own at the first
start, or another site whose queue to look at from the desk."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from forms.i18n import N_
from tui.localised import LocalisedBindings
from tui.widgets.header import Header
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from forms.profile import Location


class SitePickerScreen(LocalisedBindings, Screen[str | None]):
    """Dismisses the chosen site's id; None on Esc when `cancellable`."""

    HELP = N_("The walk-in sites of the service, each with its address. ↑/↓ choose, Enter takes the "
              "site.")
    BINDINGS = [
        Binding("enter", "choose", N_("Choose"), id="site_picker.choose", key_display="⏎", priority=True),
        Binding("escape", "back", N_("Back"), id="site_picker.back"),
    ]
    AUTO_FOCUS = "#sites"

    def __init__(self, sites: Sequence[Location], title: str, intro: str, cancellable: bool = False) -> None:
        super().__init__()
        self.sites = tuple(sites)
        self.heading = title
        self.intro = intro
        self.cancellable = cancellable

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="card", id="site-picker"):
            yield Static(self.heading, classes="card-title", markup=False)
            yield Static(self.intro, id="site-intro", markup=False)
            options: list[Option | None] = []
            for site in self.sites:  # a line between the sites: each is two lines, name and address
                options += [None] if options else []
                options.append(Option(Text.assemble((str(site.name), "bold"), "\n", site.address), id=site.id))
            yield OptionList(*options, id="sites")
        yield KeysFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.cancellable if action == "back" else True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_choose(self) -> None:
        chosen = self.query_one(OptionList).highlighted_option
        if chosen is not None:
            self.dismiss(chosen.id)

    def action_back(self) -> None:
        if self.cancellable:
            self.dismiss(None)
