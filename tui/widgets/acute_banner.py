"""The acute alert above the queue board: every acute visit nobody has called yet, shown at every
desk until one of them is called (not a notification that times out)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from textual.widgets import Static

from forms.i18n import _
from forms.timefmt import minutes_between
from tui.widgets.steady_text import show_text

if TYPE_CHECKING:
    from storage.views import QueueEntry


def acute_text(alerts: Sequence[QueueEntry], now: datetime) -> str:
    """"!! ACUTE CLIENT WAITING: A012 Maija 4 min — call next: c" (empty: no alert)."""
    if not alerts:
        return ""
    who = ", ".join(
        " ".join(part for part in (e.ticket, e.call_name, _("{minutes} min").format(
            minutes=minutes_between(e.arrived_at, now))) if part) for e in alerts)
    return "!! " + _("ACUTE CLIENT WAITING: {who} — call next: c").format(who=who)


class AcuteBanner(Static):
    """Hidden while no acute visit waits; the app tells it (attributes down) what to show."""

    def show(self, alerts: Sequence[QueueEntry], now: datetime) -> None:
        show_text(self, acute_text(alerts, now))
        self.display = bool(alerts)
