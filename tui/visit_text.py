"""How visits are written on screen: urgency with a symbol, waiting minutes, triage in one line."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from forms.choices import Urgency
from forms.i18n import _
from forms.timefmt import minutes_between

if TYPE_CHECKING:
    from forms.profile import ServiceProfile
    from storage.views import QueueEntry


def urgency_text(urgency: Urgency) -> str:
    """A symbol and a word: urgency is never told by colour alone."""
    return f"{urgency.symbol} {urgency.label}"


def waiting_minutes(entry: QueueEntry, now: datetime) -> str:
    return _("{minutes} min").format(minutes=minutes_between(entry.arrived_at, now))


def triage_line(entry: QueueEntry, profile: ServiceProfile) -> str:
    if not entry.triaged:
        return _("not triaged")
    if not entry.triage_rules:
        return _("no special needs")
    shorts = []
    for rule_id in entry.triage_rules:
        rule = profile.triage.rule(rule_id)
        shorts.append(str(rule.short) if rule else rule_id)
    return ", ".join(shorts)


def call_name(entry: QueueEntry) -> str:
    return entry.call_name or "–"
