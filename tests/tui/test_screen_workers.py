"""How the app reaches its screens and its workers: declared messages and commands, not getattr
hooks; screen-owned database reads, whose late answers never land on a screen that is gone or
over a newer one; and one place that reports a worker's failure, a failing answer included."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import pytest

from forms.choices import VisitStatus
from forms.intake import IntakeForm
from forms.settings import Settings
from storage.services import Services
from storage.views import QueueSnapshot
from tests.conftest import FakeClock
from tests.tui.helpers import notices, screen_text, settle, signed_in, until
from tui.app import WalkinApp
from tui.messages import QueueChanged
from tui.screens.desk import DeskScreen
from tui.screens.visit import VisitScreen


class Held:
    """Wraps a database read so that its first call, its answer already made, waits for `go`."""

    def __init__(self, read: Callable[..., Any]) -> None:
        self.read = read
        self.calls = 0
        self._counting = threading.Lock()
        self.waiting = threading.Event()
        self.go = threading.Event()

    def __call__(self, *args: Any) -> Any:
        # Which call this is, taken before the read: a second read can start while the first is
        # under way (the visit screen reads again on a change), and must not make the first pass.
        with self._counting:
            self.calls += 1
            first = self.calls == 1
        answer = self.read(*args)
        if first:
            self.waiting.set()
            assert self.go.wait(10)
        return answer


async def test_a_failing_answer_is_reported_and_logged_and_the_desk_goes_on(
        settings: Settings, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR, logger="walkin")
    async with signed_in(settings, clock) as (pilot, app, services):
        client = "Aino Esimerkki"

        def show(_count: int) -> None:
            raise ValueError(f"no room for {client}")

        app.run_db(services.staff.count, show)
        await settle(pilot)
        assert "Näytöllä meni jotain vikaan" in notices(app)
        assert "ValueError" in caplog.text and "in show" in caplog.text
        assert "Aino" not in caplog.text, "the message may quote a client: only its type is logged"
        answers: list[int] = []
        app.run_db(services.staff.count, answers.append)
        await settle(pilot)
        assert app.is_running and answers == [1]


async def test_the_command_palette_offers_the_desk_s_commands(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, _services):
        await pilot.press("ctrl+p")
        await until(pilot, lambda: "Hae toimintoa…" in screen_text(app))  # the prompt in Finnish
        await pilot.press(*"kutsu seuraava")
        await until(pilot, lambda: "jono: kutsu seuraava" in screen_text(app))
        await pilot.press("enter")
        await until(pilot, lambda: "Kukaan ei odota." in notices(app))
        assert isinstance(app.screen, DeskScreen)


async def test_the_command_palette_says_no_matches_in_the_desk_s_language(
        settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, _services):
        await pilot.press("ctrl+p")
        await until(pilot, lambda: "Hae toimintoa…" in screen_text(app))
        await pilot.press(*"zzq")
        await until(pilot, lambda: "Ei osumia" in screen_text(app))
        assert "No matches" not in screen_text(app)


async def test_the_open_visit_follows_a_change_made_at_another_desk(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        kaisa = services.staff.find("kaisa")
        assert kaisa is not None
        visit = services.desk.admit(IntakeForm(call_name="Aino"), kaisa.id)
        await app.push_screen(VisitScreen(visit.id))
        screen = app.screen
        assert isinstance(screen, VisitScreen)
        await until(pilot, lambda: screen.detail is not None)
        services.desk.call(visit.id, kaisa.id)  # another desk: no key pressed here
        await until(pilot, lambda: screen.detail is not None and screen.detail.entry.status is VisitStatus.CALLED)


async def test_a_late_answer_does_not_land_on_a_visit_screen_that_is_gone(
        settings: Settings, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        kaisa = services.staff.find("kaisa")
        assert kaisa is not None
        visit = services.desk.admit(IntakeForm(call_name="Aino"), kaisa.id)
        await until(pilot, lambda: "Aino" in screen_text(app))  # the board has followed the change
        held = Held(app.services.desk.visit)
        monkeypatch.setattr(app.services.desk, "visit", held)
        shown_on: list[bool] = []
        monkeypatch.setattr(VisitScreen, "_show", lambda self, _detail: shown_on.append(self.is_attached))
        await app.push_screen(VisitScreen(visit.id))
        await until(pilot, held.waiting.is_set)
        await pilot.press("escape")  # back to the board while the details are still on the way
        await until(pilot, lambda: isinstance(app.screen, DeskScreen))
        held.go.set()
        await settle(pilot)
        assert False not in shown_on and app.is_running
        assert "vikaan" not in notices(app)


def board_read_held(app: WalkinApp, services: Services,
                    monkeypatch: pytest.MonkeyPatch) -> tuple[DeskScreen, Held, int]:
    """The desk on show, its board's reads held (Held) and started by the test alone (the queue
    watcher stopped), and kaisa's id."""
    kaisa = services.staff.find("kaisa")
    assert kaisa is not None
    desk = app.screen
    assert isinstance(desk, DeskScreen)
    app.workers.cancel_group(app, "watch")
    held = Held(app.services.desk.snapshot)
    monkeypatch.setattr(app.services.desk, "snapshot", held)
    return desk, held, kaisa.id


async def test_a_late_queue_read_does_not_overwrite_a_newer_one(
        settings: Settings, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        desk, held, kaisa = board_read_held(app, services, monkeypatch)
        desk.refresh_queue()  # reads the empty queue, and is slow to answer
        await until(pilot, held.waiting.is_set)
        services.desk.admit(IntakeForm(call_name="Aino"), kaisa)
        desk.refresh_queue()
        await until(pilot, lambda: "Aino" in screen_text(app))
        held.go.set()
        await settle(pilot)
        assert desk.snapshot is not None and [e.call_name for e in desk.snapshot.entries] == ["Aino"]
        assert "Aino" in screen_text(app)


async def test_a_queue_change_while_the_board_is_read_shows_that_read_then_reads_again(
        settings: Settings, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """As after a sign-in, whose own write the queue watcher reports while the first board is read:
    that read is shown, not cancelled for another (the board and the keys held for it waited a
    whole read longer), and the change is read next."""
    async with signed_in(settings, clock) as (pilot, app, services):
        desk, held, kaisa = board_read_held(app, services, monkeypatch)
        shown: list[list[str | None]] = []
        show = DeskScreen._show

        def show_and_note(self: DeskScreen, snapshot: QueueSnapshot) -> None:
            shown.append([e.call_name for e in snapshot.entries])
            show(self, snapshot)

        monkeypatch.setattr(DeskScreen, "_show", show_and_note)
        desk.refresh_queue()  # reads the empty queue, and is slow to answer
        await until(pilot, held.waiting.is_set)
        services.desk.admit(IntakeForm(call_name="Aino"), kaisa)
        desk.post_message(QueueChanged())
        await pilot.pause(0.2)
        assert held.calls == 1, "the read on its way goes on"
        held.go.set()
        await until(pilot, lambda: "Aino" in screen_text(app))
        await settle(pilot)
        assert shown == [[], ["Aino"]] and held.calls == 2
