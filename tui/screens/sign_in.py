"""Sign-in with username and PIN; typing may start while the database still opens."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from forms.i18n import N_, _
from tui.localised import LocalisedBindings
from tui.reuse import Kept, focus_first, put_back
from tui.widgets.form_field import FormField, read_fields, show_errors
from tui.widgets.header import Header
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from forms.staff import SignIn
    from storage.views import StaffMember
    from tui.app import WalkinApp
    from workflows.shift import ShiftStart


class SignInScreen(Kept, LocalisedBindings, Screen[None]):
    """Kept after the first sign-out (tui.reuse.kept) and renewed for each: built anew, and taken
    apart again as the desk came, it cost every sign-out and every sign-in tens of ms."""

    HELP = N_("Sign in with your username and PIN. Every action is recorded in your name. Ctrl+Q "
              "quits the app only after a worker's username and PIN: a desk left alone never opens "
              "onto the computer behind it.")
    AUTO_FOCUS = "#field-username Input"
    BINDINGS = [Binding("escape", "cancel_quit", N_("Back"), id="sign_in.cancel_quit")]

    app: WalkinApp

    def __init__(self, form_shown: bool = True) -> None:
        """`form_shown`: False while the database opens on a first start (the first-account form
        comes instead, unless accounts turn up)."""
        super().__init__()
        self.form_shown = form_shown
        self._pending: SignIn | None = None
        self._keys_wait: Callable[[], None] | None = None
        """Keys typed after the PIN wait with it for the database, then go to the desk."""
        self.quitting = False
        """Ctrl+Q was pressed: the next accepted PIN quits the app instead of opening the desk."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Center(), Vertical(id="sign-in", classes="card" if self.form_shown else "card -hidden-form"):
            yield from self.heading()
            yield FormField(_("Username"), Input(self.username, id="username", max_length=32), name="username")
            yield FormField(_("PIN"), Input(id="pin", password=True, max_length=12), name="pin")
            yield Static("" if self.app.ready else _("Opening the database…"), id="sign-in-status", markup=False)
        yield KeysFooter()

    username = ""
    """Filled in beforehand (the lock screen: the worker who locked it)."""

    def renew(self) -> None:
        """The screen as new for the next sign-in: the fields empty but `username`, no message, no
        quit begun, the focus on the first field to type."""
        if not self.is_mounted:
            return
        self.action_cancel_quit()  # no quit begun, no message
        put_back(self.query_one("#username", Input), self.username)
        pin = self.query_one("#pin", Input)
        put_back(pin, "")
        focus_first(self, pin if self.username else self.query_one("#username", Input))

    def heading(self) -> ComposeResult:
        yield Static(self.title_text(), classes="card-title", id="sign-in-title")

    def title_text(self) -> str:
        return _("Sign in")

    def quit_hint(self) -> str:
        return _("A worker's username and PIN quits. Esc: back without quitting.")

    def begin_quit(self) -> None:
        """Ctrl+Q: quitting would leave the computer behind the app open (a shell, the database
        file), so it takes the same username and PIN as signing in. Esc goes back."""
        self.quitting = True
        self.add_class("-quitting")
        self.query_one("#sign-in-title", Static).update(_("Quit walkin-desk"))
        self.query_one("#sign-in-status", Static).update(self.quit_hint())
        self.query_one("#pin", Input).value = ""
        self.query_one("#pin" if self.query_one("#username", Input).value else "#username", Input).focus()
        self.refresh_bindings()

    def action_cancel_quit(self) -> None:
        self.quitting = False
        self.remove_class("-quitting")
        self._pending = None
        self._let_keys_go()
        self.query_one("#sign-in-title", Static).update(self.title_text())
        self.query_one("#sign-in-status", Static).update("")
        show_errors(self, {})
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_quit":
            return self.quitting
        return True

    def tallying(self, done: int, total: int) -> None:
        """The database is open, and the figures of past months are being counted for the summaries
        (the first start after an upgrade: seconds for years of visits): how far, so that the wait
        does not look like a hang."""
        if not self.quitting:
            self.query_one("#sign-in-status", Static).update(
                _("Counting the figures of past months for the summaries: {percent} %").format(
                    percent=done * 100 // max(total, 1)))

    def database_ready(self) -> None:
        self.query_one("#sign-in", Vertical).remove_class("-hidden-form")
        if self.focused is None:
            self.query_one("#username", Input).focus()
        self.query_one("#sign-in-status", Static).update("")
        if self._pending is not None:
            self._submit(self._pending)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "username":
            self.query_one("#pin", Input).focus()
            return
        # pydantic loads after the first paint (an Enter typed before waits for it here).
        from pydantic import ValidationError

        from forms.fields import field_messages
        from forms.staff import SignIn

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
            self._keys_wait = self._keys_wait or self.app.key_gate.hold()

    def _let_keys_go(self) -> None:
        if self._keys_wait is not None:
            self._keys_wait()
            self._keys_wait = None

    def on_screen_suspend(self) -> None:
        self._let_keys_go()  # the database did not open: the screen that says so takes the keys
        if self not in self.app.screen_stack:
            # Signed in (or unlocked): a kept screen holds no PIN while the desk is in use. One only
            # covered (the help) keeps what was typed.
            self.query_one("#pin", Input).value = ""

    def _submit(self, form: SignIn) -> None:
        self._pending = None
        try:
            self._checked(form)
        finally:
            self._let_keys_go()  # the check holds them from here on

    def _checking(self) -> None:
        """The PIN leaves its field as it is checked: a refused one is typed again anyway, and the
        screen kept under the desk holds none. (Cleared as the desk showed, it cost the sign-in
        two frames more after the desk's first.)"""
        self.query_one("#sign-in-status", Static).update(_("Checking…"))
        self.query_one("#pin", Input).value = ""

    def _checked(self, form: SignIn) -> None:
        if self.quitting:
            self._quit_with(form)
            return
        self._checking()
        app, services, workstation = self.app, self.app.services, self.app.settings.workstation

        def sign_in() -> ShiftStart:
            # The database's modules: loaded once it is open.
            from tui.live import own_write_seen
            from workflows.shift import start_shift

            # The sign-in's own write: no second read of the board for it.
            return start_shift(services, form.username, form.pin, workstation, partial(own_write_seen, app))

        self.app.run_db(sign_in, self.app.signed_in, self.refused, quiet=True, hold_keys=True)

    def _quit_with(self, form: SignIn) -> None:
        self._checking()
        staff = self.app.services.staff
        self.app.run_db(lambda: staff.check_pin(form.username, form.pin), self._quit_if_allowed,
                        self.refused, quiet=True, hold_keys=True)

    def may_quit(self, member: StaffMember) -> bool:
        """Any active worker may quit from the sign-in screen: nobody's work is open here."""
        return True

    def _quit_if_allowed(self, member: StaffMember) -> None:
        if self.quitting and self.may_quit(member):
            self.app.quit_confirmed(member)
        else:
            self.refused(_("Only the worker who locked the screen or an administrator can quit here."))

    def refused(self, message: str) -> None:
        self.query_one("#sign-in-status", Static).update("")
        pin = self.query_one("#pin", Input)
        pin.value = ""
        show_errors(self, {"pin": message})
