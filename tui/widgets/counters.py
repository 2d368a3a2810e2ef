"""Today's counters above the queue board, and the worker's follow-ups due."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from forms.i18n import _
from tui.widgets.steady_text import show_text

if TYPE_CHECKING:
    from storage.views import FollowUpCounts, QueueSnapshot


def follow_ups_text(counts: FollowUpCounts | None) -> str:
    """"Follow-ups: 3 today, 1 overdue"; nothing when none is due."""
    if counts is None or not (counts.today or counts.overdue):
        return ""
    parts = [_("{n} today").format(n=counts.today)] if counts.today else []
    parts += [_("{n} overdue").format(n=counts.overdue)] if counts.overdue else []
    return _("Follow-ups: {counts}").format(counts=", ".join(parts))


class DayCountersBar(Static):
    snapshot: QueueSnapshot | None = None
    follow_ups: FollowUpCounts | None = None

    def show(self, snapshot: QueueSnapshot) -> None:
        self.snapshot = snapshot
        self._render_counters()

    def renew(self, snapshot: QueueSnapshot | None, follow_ups: FollowUpCounts | None) -> None:
        """For the worker signing in (their follow-ups are theirs): the board and counts read with
        their sign-in, else nothing until their first read lands."""
        self.snapshot, self.follow_ups = snapshot, follow_ups
        if snapshot is None:
            show_text(self, "")
        else:
            self._render_counters()

    def show_follow_ups(self, counts: FollowUpCounts) -> None:
        self.follow_ups = counts
        self._render_counters()

    def _render_counters(self) -> None:
        if self.snapshot is None:
            return
        c = self.snapshot.counters
        day = "  ".join(
            [
                _("Waiting {n}").format(n=c.waiting),
                _("In a meeting {n}").format(n=c.in_meeting),
                _("Done {n}").format(n=c.finished),
                _("Left {n}").format(n=c.left),
                # only once there is one: the bar fits one line of 80 columns without it
                *([_("Did not show {n}").format(n=c.no_show)] if c.no_show else []),
                *(["⏰ " + _("Over the waiting limit {n}").format(n=c.past_threshold)] if c.past_threshold else []),
                # client matters not yet marked documented in the client information system
                *([_("To document {n}").format(n=c.to_document)] if c.to_document else []),
                _("Workers at desk {n}").format(n=self.snapshot.workers_signed_in),
            ]
        )
        follow_ups = follow_ups_text(self.follow_ups)
        if not follow_ups:
            show_text(self, day)
            return
        # The worker's own follow-ups on the same line when they fit, else whole on a line of their own.
        fits = len(day) + 2 + len(follow_ups) <= self.content_size.width
        show_text(self, day + ("  " if fits else "\n") + follow_ups)

    def on_resize(self) -> None:
        self._render_counters()
