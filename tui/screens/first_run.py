"""First start with an empty database: create the first account, an administrator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from forms.choices import StaffRole
from forms.fields import field_messages
from forms.i18n import N_, _
from forms.staff import NewStaff
from tui.localised import LocalisedBindings
from tui.widgets.form_field import read_fields, show_errors
from tui.widgets.header import Header
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.staff_fields import staff_fields

if TYPE_CHECKING:
    from tui.app import WalkinApp
    from workflows.shift import ShiftStart


class FirstRunScreen(LocalisedBindings, Screen[None]):
    HELP = N_("The database has no accounts yet. Create yours; it becomes the administrator.")
    BINDINGS = [Binding("f2", "save", N_("Create account"), id="first_run.save")]

    AUTO_FOCUS = "#field-username Input"

    app: WalkinApp

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="first-run", classes="card"):
            yield Static(_("Welcome! Create the first account"), classes="card-title")
            yield Static(_("It becomes the administrator. Enter moves on; F2 creates the account."))
            yield from staff_fields()
        yield KeysFooter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.parent and event.input.parent.name == "pin_again":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        try:
            new = NewStaff.model_validate({**read_fields(self), "role": StaffRole.ADMIN})
        except ValidationError as error:
            show_errors(self, field_messages(error))
            return
        show_errors(self, {})
        services, workstation = self.app.services, self.app.settings.workstation

        def create() -> ShiftStart:
            from workflows.shift import start_shift

            services.staff.add(new)
            return start_shift(services, new.username, new.pin, workstation)

        self.app.run_db(create, self.app.signed_in, hold_keys=True)
