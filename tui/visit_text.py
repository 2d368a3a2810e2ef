"""How visits are written on screen: urgency with a symbol, waiting minutes, triage in one line."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from forms.choices import Urgency, VisitStatus
from forms.i18n import _
from forms.timefmt import format_time, minutes_between
from forms.waits import standing as wait_standing
from forms.waits import step_out_minutes_left, step_out_over, stepped_out

if TYPE_CHECKING:
    from forms.profile import ServiceProfile
    from storage.views import HandoverRecord, QueueEntry


def urgency_text(urgency: Urgency) -> str:
    """A symbol and a word: urgency is never told by colour alone."""
    return f"{urgency.symbol} {urgency.label}"


def waiting_minutes(entry: QueueEntry, now: datetime) -> str:
    return _("{minutes} min").format(minutes=minutes_between(entry.arrived_at, now))


def wait_marks(entry: QueueEntry, now: datetime, profile: ServiceProfile) -> tuple[str, str]:
    """(after the urgency, after the waiting minutes) for a visit still waiting: why it moved up
    ("↑ raised: waited 130 min") and whether it waited past its threshold ("⏰ over limit"), each a
    symbol and a word, never colour alone."""
    if entry.status is not VisitStatus.WAITING:
        return "", ""
    standing = wait_standing(entry.urgency, entry.arrived_at, now, profile.queue)
    raised = "↑ " + _("raised: waited {minutes} min").format(minutes=standing.waited_minutes)
    return raised if standing.raised else "", "⏰ " + _("over limit") if standing.past_threshold else ""


def step_out_text(entry: QueueEntry, now: datetime) -> str:
    """A waiting client stepped out: "⏸ stepped out, 12 min left", or "⏰ stepped out, time up"
    once the time has run out without a "back" ("" when not stepped out)."""
    until = entry.stepped_out_until
    if entry.status is not VisitStatus.WAITING or until is None:
        return ""
    if stepped_out(until, now):
        return "⏸ " + _("stepped out, {minutes} min left").format(minutes=step_out_minutes_left(until, now))
    return "⏰ " + _("stepped out, time up") if step_out_over(until, now) else ""


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


def handover_link(h: HandoverRecord, profile: ServiceProfile) -> str:
    """One link of a visit's handover chain: "10.05 Kaisa → Olli: reason; called 10.17 by Olli",
    with the colleague's site when it was another ("→ Olli (Village Wellbeing Station)")."""
    to = f"{h.to_name} ({profile.site_name(h.to_site)})" if h.to_site else h.to_name
    text = f"{format_time(h.at)} {h.from_name} → {to}: {h.reason or '–'}"
    if h.taken_at is not None:
        text += "; " + _("called {time} by {name}").format(time=format_time(h.taken_at), name=h.taken_by or "?")
    return text
