"""`walkin`'s start: the sign-in screen paints before pydantic and the settings load, nothing typed
meanwhile is lost, and settings the desk cannot start with are still said in full."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.widgets import Input

from forms.settings import Settings
from tests.conftest import PIN, FakeClock
from tests.tui.helpers import prepared, until
from tui.app import SettingsToLoad, WalkinApp
from tui.cli import desk_start, run_desk
from tui.screens import IntakeScreen, SignInScreen

ROOT = Path(__file__).parents[2]

FIRST_PAINT = """
import json, sys
from tui.app import WalkinApp
from tui.cli import desk_start

seen = {}

def painted(app):
    seen["screen"] = type(app.screen).__name__
    seen["pydantic"] = "pydantic" in sys.modules
    seen["sqlalchemy"] = "sqlalchemy" in sys.modules
    seen["settings"] = hasattr(app, "settings")
    app.exit()

ready = WalkinApp._ready

async def ready_then_look(self):
    await ready(self)
    self.call_after_refresh(painted, self)

WalkinApp._ready = ready_then_look
WalkinApp(desk_start({})).run(headless=True, size=(120, 36))
print(json.dumps(seen))
"""


def test_the_sign_in_screen_paints_before_pydantic_sqlalchemy_and_the_settings_load(settings: Settings) -> None:
    done = subprocess.run([sys.executable, "-c", FIRST_PAINT], cwd=ROOT, capture_output=True, text=True,
                          check=True, timeout=60)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"screen": "SignInScreen", "pydantic": False, "sqlalchemy": False, "settings": False}


DESK_PAINT = """
import json, sys
from tui.app import WalkinApp
from tui.cli import desk_start
from tui.screens.desk import OPENED_FROM_THE_DESK, DeskScreen
from tui.screens.sign_in import SignInScreen

seen = {}

def sign_in_at_once(self):
    from forms.staff import SignIn

    self._submit(SignIn(username="kaisa", pin=sys.argv[1]))

WATCHED = (*OPENED_FROM_THE_DESK, "sqlalchemy.dialects.postgresql")

def painted(app):
    seen["at the paint"] = sorted(name for name in WATCHED if name in sys.modules)
    app.set_interval(0.05, lambda: all(name in sys.modules for name in OPENED_FROM_THE_DESK) and app.exit())

show = DeskScreen._show

def show_then_look(self, snapshot):
    show(self, snapshot)
    if not seen:
        self.app.call_after_refresh(painted, self.app)

SignInScreen.database_ready = sign_in_at_once
DeskScreen._show = show_then_look
WalkinApp(desk_start({})).run(headless=True, size=(120, 36))
seen["later"] = sorted(name for name in WATCHED if name in sys.modules)
print(json.dumps(seen))
"""


def test_the_desk_shows_before_the_screens_it_opens_load_and_never_loads_postgresql_on_sqlite(
        settings: Settings, clock: FakeClock) -> None:
    """In a fresh process, signed in at once: the desk's first showing waits for none of the screens
    its keys open (they load in a thread after it), nor for the PostgreSQL dialect, on SQLite."""
    from tui.screens.desk import OPENED_FROM_THE_DESK

    prepared(settings, clock).close()
    done = subprocess.run([sys.executable, "-c", DESK_PAINT, PIN], cwd=ROOT, capture_output=True, text=True,
                          check=True, timeout=60)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"at the paint": [], "later": sorted(OPENED_FROM_THE_DESK)}


def held(start: SettingsToLoad, gate: threading.Event) -> SettingsToLoad:
    """The same start, its settings read only once `gate` is set."""

    def load() -> Settings:
        assert gate.wait(20)
        return start.load()

    return SettingsToLoad(start.view, load)


# ctrl+j: an Enter typed before the app took the keyboard over comes as a line feed.
@pytest.mark.parametrize("first_enter", ["enter", "ctrl+j"])
async def test_keys_typed_while_the_settings_load_reach_the_desk(
        settings: Settings, clock: FakeClock, first_enter: str) -> None:
    prepared(settings, clock).close()
    gate = threading.Event()
    app = WalkinApp(held(desk_start({}), gate))
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, SignInScreen)
        for key in (*"kaisa", first_enter, *PIN, "enter", "n", *"Eino"):
            await pilot.press(key)  # each handled at once: not the database's turn yet
        await pilot.pause(0.2)
        assert not hasattr(app, "settings") and not app.ready  # all typed before the settings loaded
        gate.set()
        # Shown is not yet composed: the form's first showing builds it as it goes on top.
        await until(pilot, lambda: isinstance(app.screen, IntakeScreen) and app.screen.is_mounted)
        await until(pilot, lambda: app.screen.query_one("#field-call_name Input", Input).value == "Eino")
        assert app.worker_on_duty is not None and app.worker_on_duty.username == "kaisa"
        assert app.settings.workstation == "desk-1"


def test_settings_the_desk_cannot_start_with_are_said_once_the_screen_is_gone(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("WALKIN_IDLE_LOCK_MINUTES", "true")
    assert run_desk(desk_start({"language": "en"}), lambda app: app.run(headless=True, size=(120, 36))) == 2
    assert "WALKIN_IDLE_LOCK_MINUTES: idle_lock_minutes must be a number, without quotes." in capsys.readouterr().err


def test_a_data_folder_that_is_a_file_is_said_once_the_screen_is_gone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("WALKIN_HOME", str(tmp_path / "a-file"))
    assert run_desk(desk_start({"language": "en"}), lambda app: app.run(headless=True, size=(120, 36))) == 1
    assert str(tmp_path / "a-file") in capsys.readouterr().err


async def test_the_first_view_follows_the_settings_file(settings: Settings, clock: FakeClock) -> None:
    settings.home.mkdir(parents=True, exist_ok=True)
    (settings.home / "settings.toml").write_text('language = "sv"\ntheme = "high_contrast"\nlarge_text = true\n')
    prepared(settings, clock).close()
    app = WalkinApp(desk_start({}))
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.high_contrast and app.large_text
        assert "Logga in" in str(app.screen.query_one("#sign-in-title").render())
        await until(pilot, lambda: app.ready)
        assert app.settings.language == "sv"


def test_walkin_without_arguments_starts_the_desk_without_building_the_parser(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.cli

    started: list[SettingsToLoad] = []
    monkeypatch.setattr(tui.cli, "_parser", lambda: pytest.fail("the parser of every subcommand was built"))
    monkeypatch.setattr(tui.cli, "run_desk", lambda start: started.append(start) or 0)
    assert tui.cli.main([]) == 0
    assert [type(start) for start in started] == [SettingsToLoad]
