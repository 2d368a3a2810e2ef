"""The desk is told once when a client's step-out time runs out: a notice (and the bell) at every
desk, the first time its board shows the time up, never again at each refresh."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from forms.choices import VisitStatus
from forms.i18n import _
from forms.waits import step_out_over, stepped_out

if TYPE_CHECKING:
    from textual.timer import Timer

    from storage.views import QueueSnapshot
    from tui.screens.desk import DeskScreen

NOTICE_SECONDS = 30.0
EARLIEST_READ_SECONDS = 0.5


class StepOutNotices:
    """Kept by the desk screen: for each worker signed in, each step out (a visit and the moment it
    ends) is told once; a new step out of the same client is told again."""

    def __init__(self, desk: DeskScreen) -> None:
        self.desk = desk
        self.told: set[tuple[int, datetime]] = set()
        self._next_read: Timer | None = None

    def forget(self) -> None:
        """A new worker at the desk: nothing told yet, and no read of the board waiting."""
        self.told.clear()
        self._no_read_waiting()

    def _no_read_waiting(self) -> None:
        if self._next_read is not None:
            self._next_read.stop()
            self._next_read = None

    def seen(self, snapshot: QueueSnapshot, now: datetime) -> None:
        """After each reading of the board: tell the ends not told yet, and read the board again
        when the next step out ends (its end changes nothing in the database, so no other desk's
        change would bring the board back then)."""
        out = [(e, e.stepped_out_until) for e in snapshot.entries
               if e.status is VisitStatus.WAITING and e.stepped_out_until is not None]
        for entry, until in out:
            key = (entry.id, until)
            if step_out_over(until, now) and key not in self.told:
                self.told.add(key)
                who = " ".join(part for part in (entry.ticket, entry.call_name) if part)
                self.desk.app.bell()
                self.desk.app.notify(
                    _("{who}: the time to step out is up. They wait in their place and call next takes them "
                      "again; i marks them back.").format(who=who),
                    title=_("Stepped out: time up"), severity="warning", timeout=NOTICE_SECONDS)
        self._no_read_waiting()
        ends = [until for _entry, until in out if stepped_out(until, now)]
        if ends:
            seconds = max(EARLIEST_READ_SECONDS, (min(ends) - now).total_seconds() + 0.2)
            self._next_read = self.desk.set_timer(seconds, self.desk.refresh_queue, name="step-out-end")
