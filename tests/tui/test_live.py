"""Several desks, one queue: a change at one desk shows at another within 2 s without a key
(LISTEN/NOTIFY on PostgreSQL, the file's data_version on SQLite), the cursor stays where the
worker left it, and the waiting-room display follows the calls."""

from __future__ import annotations

import time
from pathlib import Path

from forms.intake import IntakeForm
from forms.profile import DEFAULT_PROFILE, load_profile
from forms.settings import Settings
from storage.services import open_services
from tests.conftest import FakeClock
from tests.tui.helpers import keys, prepared, screen_text, sign_in, until
from tui.app import WalkinApp
from tui.display_app import DisplayApp
from tui.widgets import QueueBoard


def on(settings: Settings, db_url: str) -> Settings:
    return settings.model_copy(update={"database": settings.database.model_copy(update={"url": db_url})})


async def test_a_walk_in_at_another_desk_appears_within_two_seconds(
        db_url: str, settings: Settings, clock: FakeClock) -> None:
    settings = on(settings, db_url)
    services = prepared(settings, clock)
    kaisa = services.staff.find("kaisa")
    assert kaisa is not None
    for name in ("Aino", "Eelis"):
        services.desk.admit(IntakeForm(call_name=name), kaisa.id)
    app = WalkinApp(settings, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
        await keys(pilot, "down")
        board = app.screen.query_one(QueueBoard)
        assert board.cursor_row == 1
        other_desk = open_services(db_url, load_profile(), clock=clock, workstation="desk-2")
        started = time.monotonic()
        other_desk.desk.admit(IntakeForm(call_name="Venla"), kaisa.id)
        await until(pilot, lambda: "Venla" in screen_text(app))
        assert time.monotonic() - started < 2.0
        assert board.cursor_row == 1 and board.selected_id is not None
        other_desk.close()
    services.close()


async def test_the_display_follows_calls_and_shows_no_names(
        db_url: str, settings: Settings, clock: FakeClock, tmp_path: Path) -> None:
    settings = on(settings, db_url)
    services = prepared(settings, clock)
    kaisa = services.staff.find("kaisa")
    assert kaisa is not None
    services.desk.admit(IntakeForm(call_name="Aino"), kaisa.id)
    room_2 = open_services(db_url, load_profile(), clock=clock, workstation="Huone 2")
    display = DisplayApp(settings, clock=clock)
    async with display.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "Jonossa: 1" in screen_text(display))
        started = time.monotonic()
        room_2.desk.call_next(kaisa.id)
        await until(pilot, lambda: "A001 → Huone 2" in screen_text(display))
        assert time.monotonic() - started < 2.0
        shown = screen_text(display)
        assert "Nyt vuorossa" in shown and "Jonossa: 0" in shown and "Aino" not in shown
    room_2.close()
    services.close()


async def test_the_display_shows_names_when_the_profile_allows(settings: Settings, clock: FakeClock,
                                                               tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text(DEFAULT_PROFILE.read_text(encoding="utf-8").replace("show_names = false", "show_names = true"),
                       encoding="utf-8")
    settings = settings.model_copy(update={"profile": profile})
    services = prepared(settings, clock)
    kaisa = services.staff.find("kaisa")
    assert kaisa is not None
    services.desk.admit(IntakeForm(call_name="Aino"), kaisa.id)
    services.desk.call_next(kaisa.id)
    display = DisplayApp(settings, clock=clock)
    async with display.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "A001 Aino" in screen_text(display))
    services.close()


async def test_a_change_that_lands_as_the_desk_closes_is_no_lost_connection(
        settings: Settings, clock: FakeClock) -> None:
    """The watcher hands a change over while the app is closing, its screens gone: the app lets
    it pass (an error raised there, the watcher logged "database connection lost" on every such
    quit)."""
    prepared(settings, clock).close()
    app = WalkinApp(settings, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
    assert not app.screen_stack
    app._queue_changed()
    assert not [w for w in app.workers if w.group != "watch"], "nothing read for a closed desk"
