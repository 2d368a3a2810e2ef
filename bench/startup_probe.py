"""Run by bench in a fresh process: start the real app the way `walkin` starts it, headless (or
with `terminal` in the terminal it runs in), sign in, and report (on stdout, in ms since BENCH_T0)
when the desk has painted its queue; `first-paint` reports when the first screen is ready instead."""

from __future__ import annotations

import os
import sys
import time

from tui.cli import desk_start, run_desk

# As `walkin` starts: the settings to load first (which hold the collector off and import the app).
start = desk_start({})
from tui.app import WalkinApp  # noqa: E402
from tui.screens.sign_in import SignInScreen  # noqa: E402

mode = sys.argv[1]
terminal = sys.argv[2:] == ["terminal"]
"""Drawn in the terminal it runs in (timed as a whole process), not headless."""


def ready_now(app: WalkinApp) -> None:
    app.elapsed_ms = (time.time() - float(os.environ["BENCH_T0"])) * 1000  # type: ignore[attr-defined]
    app.exit()


if mode == "first-paint":
    original_ready = WalkinApp._ready

    async def ready_then_exit(self: WalkinApp) -> None:
        await original_ready(self)
        self.call_after_refresh(ready_now, self)

    WalkinApp._ready = ready_then_exit  # type: ignore[method-assign]
else:

    def sign_in_at_once(self: SignInScreen) -> None:
        # The desk's screen is imported by now, as the app imports it (in its start-up thread).
        from forms.staff import SignIn
        from tui.screens.desk import DeskScreen

        original_show = DeskScreen._show

        def show_then_exit(self: DeskScreen, snapshot: object) -> None:
            original_show(self, snapshot)  # type: ignore[arg-type]
            self.app.call_after_refresh(ready_now, self.app)

        DeskScreen._show = show_then_exit  # type: ignore[method-assign]
        self._submit(SignIn(username="bench", pin="4826"))

    SignInScreen.database_ready = sign_in_at_once  # type: ignore[method-assign]

apps: list[WalkinApp] = []


def run(app: WalkinApp) -> None:
    apps.append(app)
    app.run(headless=not terminal, size=None if terminal else (120, 36))


run_desk(start, run)  # type: ignore[arg-type]
print(f"{apps[-1].elapsed_ms:.1f}", flush=True)  # type: ignore[attr-defined]
# Not the settings still loading in their thread after a first-paint exit, nor the interpreter's
# teardown: `walkin` ends so too (tui.cli.entry).
os._exit(0)
