"""The documentation note of a client matter for the county's client information system: to copy
(through the terminal, so it works over SSH too), to save in the data folder, or to mark documented."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from forms.i18n import N_, _
from forms.timefmt import format_datetime
from tui.covered import DimsCovered
from tui.localised import LocalisedBindings
from tui.widgets.keys_footer import KeysFooter
from workflows.documentation import documentation_note

if TYPE_CHECKING:
    from storage.views import VisitDetail
    from tui.app import WalkinApp


class DocumentationNoteDialog(LocalisedBindings, DimsCovered, ModalScreen[bool]):
    """Dismissed with True when the worker asks to mark the visit documented (the visit screen
    writes it), else False."""

    HELP = N_(
        "The note to put in the county's client information system: what was agreed, referrals, "
        "responsible workers, follow-up and consents. c copies it (paste it in the client information "
        "system), s saves it as a file in the data folder (notes/, for you only; erased with the visit's "
        "personal details), d marks the visit documented in the client information system once the note "
        "is there: the desk stops counting it as awaiting documentation. Esc closes."
    )
    BINDINGS = [
        Binding("c", "copy", N_("Copy"), id="note.copy"),
        Binding("s", "save", N_("Save as a file"), id="note.save"),
        Binding("d", "documented", N_("Mark documented"), id="note.documented"),
        Binding("escape", "close", N_("Close"), id="note.close"),
    ]

    app: WalkinApp

    def __init__(self, detail: VisitDetail) -> None:
        super().__init__()
        self.detail = detail
        self.note = ""

    def compose(self) -> ComposeResult:
        self.note = documentation_note(self.detail, self.app.profile)
        d = self.detail
        if d.documented_at is not None:
            status = _("Marked documented in the client information system: {who}, {when}.").format(
                who=d.documented_by or "?", when=format_datetime(d.documented_at))
        else:
            status = _("Awaiting documentation in the client information system.")
        with Vertical(classes="dialog wide"):
            yield Static(_("Documentation note: {ticket}").format(ticket=d.entry.ticket), classes="card-title",
                         markup=False)
            with VerticalScroll(id="note-text"):
                yield Static(self.note, markup=False)
            yield Static(status, id="note-status", markup=False)
            keys = [_("c: copy"), _("s: save as a file")]
            if d.documented_at is None:
                keys.append(_("d: mark documented"))
            yield Static("    ".join([*keys, _("Esc: close")]), classes="choices-help", markup=False)
        yield KeysFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "documented":
            return None if self.detail.documented_at is not None else True
        return True

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.note)
        self.notify(_("Note copied. Paste it in the client information system (if nothing is pasted, your "
                      "terminal does not pass copying on: save it as a file instead)."), timeout=8)

    def action_save(self) -> None:
        from workflows.documentation import save_note

        app, detail, note = self.app, self.detail, self.note
        home, services, actor = app.settings.home, app.services, app.actor
        app.run_db(lambda: save_note(home, detail, note, services, actor),
                   lambda path: self.notify(_("Note saved: {path}").format(path=path), timeout=10))

    def action_documented(self) -> None:
        if self.detail.documented_at is None:
            self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)
