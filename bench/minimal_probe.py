"""The reference point for start-up: a minimal Textual app (Header, Input, DataTable, Footer)
under the same harness, so the desk's figure can be read against what Textual itself costs."""

import os
import sys
import time

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Input


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Input()
        yield DataTable()
        yield Footer()

    def on_ready(self) -> None:
        self.call_after_refresh(self.ready_now)

    def ready_now(self) -> None:
        self.elapsed_ms = (time.time() - float(os.environ["BENCH_T0"])) * 1000
        self.exit()


# `terminal`: drawn in the terminal it runs in (timed as a whole process), not headless.
terminal = sys.argv[1:] == ["terminal"]
app = Minimal()
app.run(headless=not terminal, size=None if terminal else (120, 36))
print(f"{app.elapsed_ms:.1f}", flush=True)
os._exit(0)  # as `walkin` ends (tui.cli.entry), and as the desk's probe ends
