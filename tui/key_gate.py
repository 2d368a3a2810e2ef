"""Type-ahead that lands where it was meant: each key is handled, focus moved and the next screen
drawn before the following key goes anywhere.

Why the app needs it: Textual hands each key to the widget focused *when the app reads the key*,
by posting it into that widget's queue. Moving on (a question answered, Enter in a field, a new
screen after a database write) happens a few messages later. Keys that arrive together (a terminal
hands over everything typed while the desk was busy redrawing a board of 40 visits) were all
posted to the old widget first: a `y` meant for question 6 answered question 3, "Ohjaaja" joined
the name, the last Enter was lost. So the app lets one key through at a time and keeps the rest
in order until the screen has handled everything that key set off, and for as long as a step
that leads to another screen (queueing a visit, signing in) is being written."""

from __future__ import annotations

import asyncio
import contextvars
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events
from textual._context import active_app, active_message_pump
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from textual.app import App

QUIET_LOOKS = 3
"""Looks in a row that find every queue empty: then the next key goes on."""
LOOK_SECONDS = 0.002
WAIT_SECONDS = 2.0
"""A screen busy for longer than this (a timer that keeps posting) does not keep the keys waiting."""
HOLD_SECONDS = 30.0
"""The longest a database step keeps keys waiting: past the busy timeout, so only a bug reaches it."""


class KeyGate:
    """`admit(key)` in the app's `on_event`; `hold()` around a step that opens the next screen."""

    def __init__(self, app: App[object]) -> None:
        self._app = app
        self._waiting: deque[events.Key] = deque()
        self._released: events.Key | None = None
        self._settling: asyncio.Task[None] | None = None
        self._holds = 0
        self._escapable: list[Callable[[], None]] = []

    @property
    def busy(self) -> bool:
        return bool(self._settling or self._holds or self._waiting or self._released)

    def admit(self, event: events.Key) -> bool:
        """True: the app handles the key now; False: the gate keeps it until its turn."""
        if event is self._released:
            self._released = None
        elif event.key == "escape" and self._escapable and len(self._escapable) == self._holds:
            # Only a screen waiting to show itself holds the keys: Esc leaves it, in its turn.
            for release in list(self._escapable):
                release()
            self._waiting.append(event)
            return False
        elif self.busy:
            self._waiting.append(event)
            return False
        # Starts once the app has passed the key on: its first pass includes the key's own queue.
        self._settle()
        return True

    def hold(self, escapable: bool = False) -> Callable[[], None]:
        """Keep every key until the returned function is called (once the next screen is up).
        `escapable`: an Esc ends the hold (a screen still reading what to show can be left; a
        database step that is being written cannot be taken back by a key)."""
        self._holds += 1
        timeout: asyncio.TimerHandle | None = None
        done = False

        def release() -> None:
            nonlocal done
            if done:
                return
            done = True
            if timeout is not None:
                timeout.cancel()
            if release in self._escapable:
                self._escapable.remove(release)
            self._holds -= 1
            self._settle()  # the next screen composes and takes the focus before a key goes on

        # A timeout cancelled early stays in asyncio's schedule until its time comes, with the
        # context it was made in: made in the screen's (as a Textual timer is), it kept each screen
        # that held the keys alive for HOLD_SECONDS after it closed. The app's own context instead.
        context = contextvars.Context()
        context.run(active_app.set, self._app)
        context.run(active_message_pump.set, self._app)
        timeout = asyncio.get_running_loop().call_later(HOLD_SECONDS, release, context=context)
        if escapable:
            self._escapable.append(release)
        return release

    def replay(self, key: str, character: str | None) -> None:
        """A key a question took as "not now" that was meant for the screen behind it: it goes
        there once the question has closed, before any key typed after it."""
        event = events.Key(key, character)
        event.set_sender(self._app)
        self._waiting.appendleft(event)
        self._settle()

    def _settle(self) -> None:
        if self._settling is None:
            self._settling = asyncio.create_task(self._until_quiet())

    async def _until_quiet(self) -> None:
        """Wait until the app and its screen have nothing left to handle, seen on a few looks in a
        row (a handled message often posts the next one: a bubble, a focus move, a new screen's
        widgets). Only looks: a message posted into a widget that is closing would run its
        leftover callbacks (the header's title) after its children are gone."""
        try:
            quiet, waited = 0, 0.0
            while quiet < QUIET_LOOKS and waited < WAIT_SECONDS:
                await asyncio.sleep(LOOK_SECONDS)
                waited += LOOK_SECONDS
                busy = any(p.message_queue_size for p in self._pumps())
                if not busy and self._screen_pending():
                    # Textual would draw it on its frame timer, on a 1/60 s grid: a key answered
                    # in steps (a screen, its layout, what its callbacks change) waited a frame
                    # for each step, 20-30 ms of every key. Drawn now, once every queue is empty.
                    self._draw_now()
                    busy = True
                quiet = 0 if busy else quiet + 1
        finally:
            self._settling = None
            self._next()

    def _next(self) -> None:
        if self._holds or self._released or self._settling or not self._waiting:
            return
        self._released = self._waiting.popleft()
        self._app.post_message(self._released)

    def _screen_pending(self) -> bool:
        """The screen still has a layout, a drawing or callbacks after its refresh to come (Textual
        does them on a timer, up to a frame later). Tab follows the layout: a Tab handled before a
        form that just grew is laid out skipped the new fields and the answers after it landed a
        few lists too early."""
        try:
            screen = self._app.screen
        except Exception:  # no screen yet, or it is closing
            return False
        return bool(screen._layout_required or screen._scroll_required or screen._repaint_required
                    or screen._recompose_required or screen._dirty_widgets or screen._callbacks)

    def _draw_now(self) -> None:
        """What the screen's frame timer does (Pilot's pauses do the same), for a screen in place."""
        screen = self._app.screen
        if screen.is_current and screen.is_running and not screen._closing:
            screen._on_timer_update()

    def _pumps(self) -> list[MessagePump]:
        """The app and every widget of its screen, the header and footer too: a screen closed
        while they still mount or redraw fails (and they are quick when the desk is not busy)."""
        try:
            return [self._app, *self._app.screen.walk_children(with_self=True)]
        except Exception:  # no screen yet, or it is closing: the app's own queue is what there is
            return [self._app]
