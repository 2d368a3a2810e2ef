"""The desk's away line: "Away: lunch, since 11.42" for the worker here, and who else is away."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import Static

from forms.away import describe
from forms.i18n import _
from storage.views import AwayNow
from tui.widgets.steady_text import show_text


class AwayLine(Static):
    """Hidden while nobody signed in is away."""

    DEFAULT_CSS = """
    AwayLine { height: auto; padding: 0 1; display: none; }
    AwayLine.mine { background: $warning 30%; text-style: bold; }
    """

    def show(self, away: Sequence[AwayNow], staff_id: int | None) -> None:
        mine = next((a for a in away if a.staff_id == staff_id), None)
        others = [a for a in away if a.staff_id != staff_id]
        parts = []
        if mine is not None:
            parts.append(_("Away: {what} (back: w, or call next)").format(
                what=describe(mine.reason, mine.note, mine.since)))
        if others:
            parts.append(_("Away: {who}").format(who="; ".join(
                f"{a.name} ({describe(a.reason, a.note, a.since)})" for a in others)))
        self.set_class(mine is not None, "mine")
        show_text(self, "   ".join(parts))
        self.display = bool(parts)
