"""The administrator's account dialogs: add or change an account, set a new PIN."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from forms.i18n import _
from forms.staff import NewPin, NewStaff, StaffDetails
from storage.views import StaffMember
from tui.dialogs.form_dialog import FormDialog
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.staff_fields import staff_fields


class StaffDialog(FormDialog[StaffDetails]):
    """A new account (details, role and PIN) or an existing one's details and role."""

    AUTO_FOCUS = "#field-username Input"

    def __init__(self, shown: StaffMember | None = None) -> None:
        super().__init__()
        self.shown = shown
        self.MODEL = StaffDetails if shown else NewStaff

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            title = _("Change {name}").format(name=self.shown.display_name) if self.shown else _("New account")
            yield Static(title, classes="card-title", markup=False)
            yield from staff_fields(self.shown, pin=self.shown is None, role=True)
        yield KeysFooter()


class PinDialog(FormDialog[NewPin]):
    MODEL = NewPin
    AUTO_FOCUS = "#field-pin Input"

    def __init__(self, member: StaffMember) -> None:
        super().__init__()
        self.member = member

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("New PIN for {name}").format(name=self.member.display_name), classes="card-title",
                         markup=False)
            yield Static(_("It also lifts a lock after wrong PINs. Tell it to them in person."))
            yield from staff_fields(pin=True, details=False)
        yield KeysFooter()
