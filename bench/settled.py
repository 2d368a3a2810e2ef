"""When the app has answered a key, when its screen is settled and when its frame is drawn, looked
at every millisecond: Pilot's own pause waits for the process to look idle in steps of 20 ms, a
floor of tens of ms under every figure that is Pilot's, not the app's."""

from __future__ import annotations

import asyncio
import unicodedata
from typing import Any

from textual import events
from textual.keys import _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.worker import WorkerState

LOOK_SECONDS = 0.001
GIVE_UP_SECONDS = 30.0
"""A screen that never settles (a timer that keeps posting): the bench fails rather than hangs."""
UNFINISHED = (WorkerState.PENDING, WorkerState.RUNNING)


def press(pilot: Pilot[Any], key: str) -> None:
    """The key into the app's queue at once, as a terminal hands it over (Pilot's press waits for
    the process to look idle after each key)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        character: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        character = key if len(key) == 1 else None
    event = events.Key(key, character)
    event.set_sender(pilot.app)
    pilot.app.post_message(event)


def _gate_busy(pilot: Pilot[Any]) -> bool:
    gate = getattr(pilot.app, "key_gate", None)
    return bool(gate is not None and gate.busy)


def _working(pilot: Pilot[Any]) -> bool:
    """A worker created (started or not) and not done; the queue's watcher runs as long as the app."""
    return any(w.state in UNFINISHED for w in pilot.app.workers if w.group != "watch")


def _queued(pilot: Pilot[Any]) -> bool:
    try:
        pumps = [pilot.app, *pilot.app.screen.walk_children(with_self=True)]
    except Exception:  # no screen yet, or it is closing
        pumps = [pilot.app]
    return any(pump.message_queue_size for pump in pumps)


def _screen_pending(pilot: Pilot[Any]) -> bool:
    gate = getattr(pilot.app, "key_gate", None)
    return bool(gate is not None and gate._screen_pending())


async def _until(pilot: Pilot[Any], busy: Any, draw: bool) -> None:
    """Look until `busy(pilot)` is false and every queue empty; with `draw`, the screen's pending
    layout and drawing are done at once (its timer would do them within a frame) until none is left.
    Then a barrier: every pump of the screen handles what it had (a message taken off its queue
    and still being handled looks like an empty queue), and the looks start again until all is
    still quiet after it."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + GIVE_UP_SECONDS
    while loop.time() < deadline:
        if busy(pilot) or _queued(pilot):
            await asyncio.sleep(LOOK_SECONDS)
            continue
        if draw and _screen_pending(pilot):
            pilot.app.screen._on_timer_update()
            await asyncio.sleep(LOOK_SECONDS)  # its callbacks after the refresh are handled meanwhile
            continue
        await pilot._wait_for_screen()
        if not (busy(pilot) or _queued(pilot) or (draw and _screen_pending(pilot))):
            if draw:
                pilot.app.screen._on_timer_update()
            return
    raise AssertionError(f"the screen did not settle in {GIVE_UP_SECONDS:.0f} s")


async def answered(pilot: Pilot[Any]) -> None:
    """The key handled: the app's key gate would let the next key through now."""
    await _until(pilot, _gate_busy, draw=False)


async def drawn(pilot: Pilot[Any]) -> None:
    """Every message the change sent handled and the frame with it drawn (not waiting for the
    screen's frame timer, which would draw it within 1/60 s)."""
    await _until(pilot, lambda _pilot: False, draw=True)


async def settled(pilot: Pilot[Any]) -> None:
    """Ready for the next key with everything it set off done: the key gate open, no worker but the
    queue's watcher created or running, every queue empty, nothing pending on the screen, drawn."""
    await _until(pilot, lambda p: _gate_busy(p) or _working(p), draw=True)
