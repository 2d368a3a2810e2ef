"""The lock screen: after a few idle minutes, or Ctrl+L / F12. It shows no client data; the
screens below it are not drawn. The same worker unlocks with the PIN; another worker signs in
(switch user) and the first one's unsaved intake or outcome stays as their draft."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from forms.choices import StaffRole
from forms.i18n import N_, _
from forms.staff import SignIn
from storage.views import StaffMember
from tui.messages import AcuteAlertsChanged
from tui.screens.sign_in import SignInScreen


class LockScreen(SignInScreen):
    """Kept (tui.reuse) and renewed for each lock: built anew, it took most of Ctrl+L's 100 ms."""

    HELP = N_("The screen is locked. Your PIN opens it where you left off. Another worker can sign in "
              "here with their own username: your unfinished intake or outcome waits for you as a draft. "
              "Ctrl+Q quits only with your PIN or an administrator's username and PIN.")
    AUTO_FOCUS = "#field-pin Input"
    BINDINGS = [Binding("f3", "other_worker", N_("Another worker"), id="lock.other_worker")]

    locked: StaffMember

    def renew(self, locked: StaffMember) -> None:
        """The screen for `locked`'s desk: their name and username, and nothing of the lock before
        (another worker's name, a username or PIN typed, a message, a quit begun)."""
        self.locked = locked
        self.username = locked.username
        if not self.is_mounted:
            return  # composed for `locked`
        super().renew()
        self.query_one("#lock-who", Static).update(self.who_text())
        self.show_acute()

    def title_text(self) -> str:
        return _("Locked")

    def quit_hint(self) -> str:
        return _("{name}: your PIN quits; or an administrator's username and PIN. Esc: back without "
                 "quitting.").format(name=self.locked.display_name)

    def may_quit(self, member: StaffMember) -> bool:
        """Only the worker whose desk this is, or an administrator: another worker quitting would
        end the locked worker's session unseen."""
        return member.id == self.locked.id or member.role == StaffRole.ADMIN

    def heading(self) -> ComposeResult:
        yield from super().heading()
        yield Static(self.who_text(), id="lock-who", markup=False)
        yield Static("", id="lock-acute", markup=False)

    def who_text(self) -> str:
        return _("{name}: your PIN opens the screen. Another worker: F3, then your own username and "
                 "PIN.").format(name=self.locked.display_name)

    def on_mount(self) -> None:
        self.show_acute()

    @on(AcuteAlertsChanged)
    def show_acute(self) -> None:
        """A colleague passing by must know to open the desk, and nobody else may learn who: no
        name and no ticket (in the waiting room a ticket points at a person), only that someone
        acute is waiting. The bell rings here too."""
        alert = self.query_one("#lock-acute", Static)
        alert.update("!! " + _("An acute client is waiting.") if self.app.acute_alerts else "")
        alert.display = bool(self.app.acute_alerts)

    def action_other_worker(self) -> None:
        username = self.query_one("#username", Input)
        username.value = ""
        self.query_one("#pin", Input).value = ""
        username.focus()

    def _submit(self, form: SignIn) -> None:
        if self.quitting:
            super()._submit(form)
            return
        if form.username != self.locked.username:
            super()._submit(form)  # switch user: the app signs the first worker out
            return
        self._pending = None
        staff = self.app.services.staff
        self.app.run_db(lambda: staff.check_pin(form.username, form.pin), lambda _member: self.app.unlock(),
                        self.refused, quiet=True)
