"""The desk's "Handed to me": the visits a colleague handed to the worker on duty, each with its
triage and the handing worker's note; shown (like the acute alert) until the worker calls them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.widgets import Static

from forms.i18n import _
from forms.profile import ServiceProfile
from forms.timefmt import format_time
from tui.visit_text import triage_line
from tui.widgets.steady_text import show_text

if TYPE_CHECKING:
    from storage.views import HandedOver


def handed_text(handed: Sequence[HandedOver], profile: ServiceProfile) -> str:
    """"→ HANDED TO ME (1) — call next: c" and a line per visit (empty: none)."""
    if not handed:
        return ""
    lines = ["→ " + _("HANDED TO ME ({n}) — call next takes them first: c").format(n=len(handed))]
    for h in handed:
        who = " ".join(part for part in (h.entry.ticket, h.entry.call_name) if part)
        note = _("from {name} at {time}: {reason}").format(
            name=h.from_name, time=format_time(h.at), reason=h.reason or "–")
        lines.append(f"  {who} · {triage_line(h.entry, profile)} · {note}")
    return "\n".join(lines)


class HandoverBanner(Static):
    """Hidden while nothing is handed to the worker; the screen tells it (attributes down) what to show."""

    def show(self, handed: Sequence[HandedOver], profile: ServiceProfile) -> None:
        show_text(self, handed_text(handed, profile))
        self.display = bool(handed)
