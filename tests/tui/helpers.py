"""Driving the real app with Pilot: start it, sign in, wait for its database work."""

from __future__ import annotations

from textual.pilot import Pilot

from forms.profile import load_profile
from forms.settings import Settings
from storage.services import Services, open_services
from tests.conftest import FakeClock, add_worker
from tui.app import WalkinApp


def prepared(settings: Settings, clock: FakeClock) -> Services:
    """The app's own database with one worker, kaisa / 1234."""
    services = open_services(settings.database_url, load_profile(), clock=clock)
    add_worker(services)
    return services


async def settle(pilot: Pilot[None]) -> None:
    """Let thread workers finish and their results reach the screen."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def sign_in(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press(*"kaisa", "enter", *"1234", "enter")
    await settle(pilot)


def new_app(settings: Settings, clock: FakeClock) -> WalkinApp:
    return WalkinApp(settings, clock=clock)
