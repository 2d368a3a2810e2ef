"""Today's counters above the queue board."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from forms.i18n import _

if TYPE_CHECKING:
    from storage.views import QueueSnapshot


class DayCountersBar(Static):
    def show(self, snapshot: QueueSnapshot) -> None:
        c = snapshot.counters
        self.update(
            "  ".join(
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
                    _("Workers at desk {n}").format(n=snapshot.workers_signed_in),
                ]
            )
        )
