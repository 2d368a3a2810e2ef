"""Sign-in with username and PIN; typing may start while the database still opens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from forms.fields import field_messages
from forms.i18n import N_, _
from forms.staff import SignIn
from tui.localised import LocalisedBindings
from tui.widgets.form_field import FormField, read_fields, show_errors
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from tui.app import WalkinApp


class SignInScreen(LocalisedBindings, Screen[None]):
    HELP = N_("Sign in with your username and PIN. Every action is recorded in your name.")
    AUTO_FOCUS = "#field-username Input"

    app: WalkinApp

    def __init__(self) -> None:
        super().__init__()
        self._pending: SignIn | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Center(), Vertical(id="sign-in", classes="card"):
            yield from self.heading()
            yield FormField(_("Username"), Input(self.username, id="username", max_length=32), name="username")
            yield FormField(_("PIN"), Input(id="pin", password=True, max_length=12), name="pin")
            yield Static("" if self.app.ready else _("Opening the database…"), id="sign-in-status")
        yield KeysFooter()

    username = ""
    """Filled in beforehand (the lock screen: the worker who locked it)."""

    def heading(self) -> ComposeResult:
        yield Static(_("Sign in"), classes="card-title")

    def database_ready(self) -> None:
        self.query_one("#sign-in-status", Static).update("")
        if self._pending is not None:
            self._submit(self._pending)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "username":
            self.query_one("#pin", Input).focus()
            return
        try:
            form = SignIn.model_validate(read_fields(self))
        except ValidationError as error:
            show_errors(self, field_messages(error))
            return
        show_errors(self, {})
        if self.app.ready:
            self._submit(form)
        else:
            self._pending = form

    def _submit(self, form: SignIn) -> None:
        self._pending = None
        self.query_one("#sign-in-status", Static).update(_("Checking…"))
        workstation = self.app.settings.workstation
        self.app.run_db(
            lambda: self.app.services.staff.sign_in(form.username, form.pin, workstation),
            lambda result: self.app.signed_in(*result),
            self.refused,
            quiet=True,
        )

    def refused(self, message: str) -> None:
        self.query_one("#sign-in-status", Static).update("")
        pin = self.query_one("#pin", Input)
        pin.value = ""
        show_errors(self, {"pin": message})
