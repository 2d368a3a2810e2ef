"""Printing handouts from a screen: the use case in a worker thread, each outcome a notice."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from workflows.handouts import Request, Told, produce_all

if TYPE_CHECKING:
    from tui.app import WalkinApp


def print_from_screen(app: WalkinApp, requests: list[Request], visit_id: int | None,
                      then: Callable[[], object] | None = None) -> None:
    """Print in a worker thread and tell the worker how each handout went as soon as it is known
    (one notice each); never blocks the screen, and leaving the screen meanwhile is fine."""
    services, settings, profile, on_duty = app.services, app.settings, app.profile, app.worker_on_duty

    def tell(told: Told) -> None:
        app.call_from_thread(notify_handout, app, told)

    app.run_db(lambda: produce_all(requests, services, settings, profile, visit_id, on_duty, tell),
               lambda _none: then() if then is not None else None)


def notify_handout(app: WalkinApp, told: Told) -> None:
    """One handout's outcome as a notice: longer, and a warning, when it did not print."""
    app.notify(told.message, severity="information" if told.printed else "warning",
               timeout=8 if told.printed else 15)
