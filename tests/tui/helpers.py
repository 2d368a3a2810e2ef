"""Driving the real app with Pilot: start it, sign in, wait for its database work."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from typing import Any

from rich.console import Console
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from forms.intake import IntakeForm
from forms.profile import load_profile
from forms.settings import Settings
from storage.services import Services, open_services
from storage.views import QueueEntry
from tests.conftest import PIN, FakeClock, add_worker
from tui.app import WalkinApp
from tui.widgets.form_field import FormField


def prepared(settings: Settings, clock: FakeClock) -> Services:
    """The app's own database with one worker, kaisa with the test PIN."""
    services = open_services(settings.database_url, load_profile(), clock=clock)
    add_worker(services)
    return services


async def settle(pilot: Pilot[None]) -> None:
    """Let thread workers finish and their results reach the screen (not the one that follows
    the queue: it runs as long as the app). A worker the app cancels (a sign-out drops the
    queue's pending reads) has finished all the same; one that failed still fails the test."""
    for _ in range(3):
        for worker in [w for w in pilot.app.workers if w.group != "watch"]:
            with suppress(WorkerCancelled):
                await worker.wait()
        await pilot.pause()


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Wait for something the app does in its own time (at most 10 s)."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app did not get there in 10 s")


async def sign_in(pilot: Pilot[None], username: str = "kaisa") -> None:
    app = pilot.app
    assert isinstance(app, WalkinApp)
    await until(pilot, lambda: app.ready)
    await pilot.press(*username, "enter", *PIN, "enter")
    await until(pilot, lambda: app.worker_on_duty is not None)
    await settle(pilot)


def new_app(settings: Settings, clock: FakeClock) -> WalkinApp:
    return WalkinApp(settings, clock=clock)


@asynccontextmanager
async def at_sign_in(
    settings: Settings, clock: FakeClock, size: tuple[int, int] = (120, 36), prepare: bool = True,
    toasts: bool = False,
) -> AsyncIterator[tuple[Pilot[None], WalkinApp, Services]]:
    """The app on its own database (with kaisa unless `prepare=False`: she exists), its database
    open and the sign-in form ready; `toasts`: notifications are drawn (Pilot leaves them out)."""
    if prepare:
        services = prepared(settings, clock)
    else:
        services = open_services(settings.database_url, load_profile(), clock=clock)
    app = new_app(settings, clock)
    try:
        async with app.run_test(size=size, notifications=toasts) as pilot:
            await until(pilot, lambda: app.ready)
            await settle(pilot)
            yield pilot, app, services
    finally:
        services.close()


@asynccontextmanager
async def signed_in(
    settings: Settings, clock: FakeClock, size: tuple[int, int] = (120, 36), prepare: bool = True,
    toasts: bool = False,
) -> AsyncIterator[tuple[Pilot[None], WalkinApp, Services]]:
    """The app on its own database, kaisa signed in at the desk (`prepare=False`: she exists)."""
    async with at_sign_in(settings, clock, size, prepare, toasts) as (pilot, app, services):
        await sign_in(pilot)
        yield pilot, app, services


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    """Press each key and let its database work reach the screen before the next one."""
    for key in pressed:
        await pilot.press(key)
        await settle(pilot)


def error_beside(app: WalkinApp, field: str) -> str:
    """The validation message shown beside a field of the current screen ("" when none)."""
    return str(app.screen.query_one(f"#field-{field}", FormField).query_one(".field-error").render())


def screen_text(app: WalkinApp) -> str:
    """The terminal as the worker sees it now, as plain text (what a screenshot would hold)."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), force_terminal=True,
                      record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


def summary_text(app: WalkinApp) -> str:
    """The whole text of the summary on the screen, scrolled out of view or not."""
    from tui.widgets.long_text import LongText

    return app.screen.query_one("#summary-body", LongText).text


def database_steps(app: WalkinApp) -> list[str]:
    """Each database step the app runs from here on (`run_db`), by its job's name."""
    steps: list[str] = []
    run_db = app.run_db

    def counted(job: Any, *args: Any, **kwargs: Any) -> None:
        steps.append(job.__qualname__)
        run_db(job, *args, **kwargs)

    app.run_db = counted  # type: ignore[method-assign]
    return steps


def notices(app: WalkinApp) -> str:
    """The messages of the notifications on screen now."""
    return "\n".join(n.message for n in app._notifications)


async def type_ahead(pilot: Pilot[None], *pressed: str) -> None:
    """Keys that arrive together, as a terminal hands them over while the desk is busy (a board
    redrawn, a database write): all are queued before the first is handled. `pilot.press` waits
    for the app between keys, which a practised worker does not."""
    from textual import events
    from textual.keys import _character_to_key

    characters = {"space": " ", "enter": "\r", "tab": "\t"}
    for key in pressed:
        single = len(key) == 1
        name = _character_to_key(key) if single and not key.isalnum() else key
        pilot.app.post_message(events.Key(name, key if single else characters.get(key)))
    # The key gate lets them through one at a time, each once the screen is quiet: on a busy
    # machine that outlasts a settle's few pauses.
    gate = getattr(pilot.app, "key_gate", None)
    await settle(pilot)
    if gate is not None:
        await until(pilot, lambda: not gate.busy)
        await settle(pilot)


async def waiting_on_the_board(pilot: Pilot[None], services: Services, *names: str) -> list[QueueEntry]:
    """Walk-ins with these names queued in this order, once the desk's board shows them all."""
    from tui.screens import DeskScreen

    worker = services.staff.active_members()[0]
    entries = [services.desk.admit(IntakeForm(call_name=name), worker.id) for name in names]
    desk = pilot.app.screen
    assert isinstance(desk, DeskScreen)
    await until(pilot, lambda: desk.snapshot is not None and len(desk.snapshot.entries) == len(names))
    return entries
