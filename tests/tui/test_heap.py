"""Python's cycle collector at a desk (tui.heap): no full collection while keys open and close
screens, what a closed screen leaves is still freed, and the full collection comes in a quiet
moment and frees what was frozen and has gone since."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from time import monotonic

import pytest

from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import FakeClock
from tests.scenarios import stamp
from tests.tui.helpers import keys, prepared, settle, signed_in, until
from tui import heap
from tui.app import WalkinApp
from tui.cli import desk_start
from tui.screens import DeskScreen
from tui.screens.start_failed import StartFailedScreen


class Cycle:
    """An object only a reference cycle keeps: freed by the collector, never by its count alone."""

    def __init__(self) -> None:
        self.me = self


@contextmanager
def collections() -> Iterator[list[tuple[int, int]]]:
    """Each collection made meanwhile: its generation, and how many objects it freed."""
    seen: list[tuple[int, int]] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            seen.append((info["generation"], info["collected"]))

    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)


async def test_keys_that_open_and_close_screens_make_no_full_collection(settings: Settings,
                                                                        clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        services.desk.admit(IntakeForm(call_name="Aino"), services.staff.find("kaisa").id)  # type: ignore[union-attr]
        await keys(pilot, "y", "escape")  # the summary's modules imported once, as in a day
        with collections() as seen:
            for _round in range(4):
                for key, back in (("n", "escape"), ("y", "escape"), ("enter", "escape")):
                    await keys(pilot, key)
                    assert not isinstance(app.screen, DeskScreen), key
                    await keys(pilot, back)
                    assert isinstance(app.screen, DeskScreen), back
        assert [generation for generation, _freed in seen if generation == 2] == []
        assert gc.get_freeze_count() > 0, "what the desk started with is frozen"


async def test_a_closed_screen_is_still_freed_and_a_quiet_moment_frees_the_frozen(
        settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, _services):
        await keys(pilot, "v")  # today's visits: a screen built for each use (tui.reuse keeps others)
        today = weakref.ref(app.screen)
        frozen = Cycle()
        gone_since = weakref.ref(frozen)
        heap.freeze()  # as a quiet moment would: today's visits, on show, are frozen too
        del frozen
        await keys(pilot, "escape")
        gc.collect()
        assert gone_since() is not None and today() is not None, "frozen: not collected yet"

        app._last_input = monotonic()
        for _ in range(heap.SECOND_GENERATION_COLLECTIONS_BETWEEN):
            gc.collect(1)
        app._collect_when_idle()
        assert gone_since() is not None, "a key was just pressed: not a quiet moment"

        app._last_input = monotonic() - heap.QUIET_SECONDS
        app._collect_when_idle()
        assert gone_since() is None and today() is None
        assert not heap.collect_in_quiet(), "nothing made since: no collection"


async def test_between_keys_the_young_objects_are_collected_not_while_a_key_settles(
        settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, _services):
        young: list[list[int]] = []

        def made() -> int:
            young.extend([i] for i in range(heap.YOUNG_WORTH_COLLECTING + 500))
            return gc.get_count()[0]

        gc.collect(1)  # a young generation near Python's own threshold would collect by itself below
        with collections() as seen:
            app._last_input = monotonic()
            assert made() >= heap.YOUNG_WORTH_COLLECTING
            app._collect_when_idle()
            assert seen == [], "a key just pressed: the next may come at once"

            app._last_input = monotonic() - heap.BETWEEN_KEYS_SECONDS
            release = app.key_gate.hold()  # a key's work still to land
            app._collect_when_idle()
            assert seen == []
            release()
            await settle(pilot)
            await until(pilot, lambda: not app.key_gate.busy)
            seen.clear()

            app._last_input = monotonic() - heap.BETWEEN_KEYS_SECONDS
            made()
            app._collect_when_idle()
            assert [generation for generation, _freed in seen] in ([0], [1])
            assert gc.get_count()[0] < heap.YOUNG_WORTH_COLLECTING
            seen.clear()
            app._collect_when_idle()
            assert seen == [], "nothing made since: no collection"


async def test_the_app_that_ends_leaves_nothing_frozen(settings: Settings, clock: FakeClock) -> None:
    before = gc.get_threshold()
    async with signed_in(settings, clock):
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == heap.YOUNG_THRESHOLDS
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


async def test_the_desk_start_runs_without_the_collector_until_the_database_opens(
        settings: Settings, clock: FakeClock) -> None:
    prepared(settings, clock).close()
    start = desk_start({})
    assert not gc.isenabled(), "Textual, SQLAlchemy and the desk imported without the collector"
    app = WalkinApp(start)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: app.ready)
        assert gc.isenabled() and gc.get_threshold() == heap.YOUNG_THRESHOLDS
        assert gc.get_freeze_count() > 0, "what the start imported is frozen"
    assert gc.isenabled()


async def test_a_start_that_stops_on_a_failure_has_the_collector_on(settings: Settings, clock: FakeClock) -> None:
    prepared(settings, clock).close()
    stamp(settings.database_url, "0099")  # a newer database: the start-failed screen
    app = WalkinApp(desk_start({}))
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartFailedScreen))
        assert gc.isenabled()


def test_walkin_whose_desk_never_ran_leaves_the_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.cli

    monkeypatch.setattr(tui.cli, "run_desk", lambda start: 0)
    assert tui.cli.main([]) == 0
    assert gc.isenabled()
