"""The reference point for start-up: a minimal Textual app (Header, Input, DataTable, Footer)
under the same harness, so the desk's figure can be read against what Textual itself costs."""

import os
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


app = Minimal()
app.run(headless=True, size=(120, 36))
print(f"{app.elapsed_ms:.1f}")
