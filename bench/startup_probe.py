"""Run by bench in a fresh process: start the real app headless, sign in, exit once the desk
has painted its queue. `first-paint` mode exits when the first screen is ready instead."""

from __future__ import annotations

import sys

from forms.i18n import set_language
from forms.settings import Settings
from forms.staff import SignIn
from tui.app import WalkinApp
from tui.screens import DeskScreen, SignInScreen

mode = sys.argv[1]
set_language("fi")

if mode == "first-paint":
    original_ready = WalkinApp._ready

    async def ready_then_exit(self: WalkinApp) -> None:
        await original_ready(self)
        self.call_after_refresh(self.exit)

    WalkinApp._ready = ready_then_exit  # type: ignore[method-assign]
else:
    def sign_in_at_once(self: SignInScreen) -> None:
        self._submit(SignIn(username="bench", pin="1234"))

    original_show = DeskScreen._show

    def show_then_exit(self: DeskScreen, snapshot: object) -> None:
        original_show(self, snapshot)  # type: ignore[arg-type]
        self.app.call_after_refresh(self.app.exit)

    SignInScreen.database_ready = sign_in_at_once  # type: ignore[method-assign]
    DeskScreen._show = show_then_exit  # type: ignore[method-assign]

WalkinApp(Settings()).run(headless=True, size=(120, 36))
