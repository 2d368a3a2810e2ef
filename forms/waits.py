"""The queue's waiting rules from the profile: the threshold per urgency past which a wait is too
long, and the fair-wait rule that raises a normal visit past its threshold to the soon rank.

The order of the queue is (rank, arrival, id): rank 0 is served first. A visit's rank is its
urgency's, except that a normal visit that has waited longer than the normal threshold is ranked
as soon (`raise_normal_after_threshold`): acute clients still go first, but a normal client is
never passed over indefinitely by a steady stream of soon ones. storage.queue_reads.queue_order
is the same rule in SQL; a test keeps the two alike.

A waiting client may step out for a while (`step_out_minutes`): they keep their place (their
arrival is untouched), call next passes them by until they are back or their time is up, and then
takes them again in that place."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import Field

from forms.base import StrictModel
from forms.choices import Urgency
from forms.timefmt import minutes_between


class WaitThresholds(StrictModel):
    """Minutes a visit of each urgency may wait before it is marked as waiting too long."""

    acute: int = Field(default=0, ge=0, le=24 * 60)
    soon: int = Field(default=30, ge=0, le=24 * 60)
    normal: int = Field(default=120, ge=0, le=24 * 60)

    def of(self, urgency: Urgency) -> int:
        return int(getattr(self, urgency.value))


class QueueRules(StrictModel):
    """The profile's `[queue]` table."""

    thresholds: WaitThresholds = WaitThresholds()
    raise_normal_after_threshold: bool = True
    """A normal visit waiting longer than its threshold is ranked as soon (fair waits)."""
    calls_before_no_show: int = Field(default=3, ge=1, le=10)
    """How many times a ticket is called before "did not show" may be recorded for it."""
    step_out_minutes: int = Field(default=15, ge=1, le=120)
    """How long a waiting client may step out (smoke, a phone call, a child) keeping their place."""

    def step_out_until(self, now: datetime) -> datetime:
        """The end of a step out begun now, to the whole second (the audit trail names it)."""
        end = now + timedelta(minutes=self.step_out_minutes)
        return end if not end.microsecond else end.replace(microsecond=0) + timedelta(seconds=1)

    def raise_cutoff(self, now: datetime) -> datetime | None:
        """A normal visit that arrived before this moment is raised (None: the rule is off)."""
        if not self.raise_normal_after_threshold:
            return None
        return now - timedelta(minutes=self.thresholds.normal)


@dataclass(frozen=True, slots=True)
class WaitStanding:
    """Where one waiting visit stands under the rules at a moment."""

    rank: int
    """0 is served first."""
    raised: bool
    """Ranked above its urgency because it waited past the normal threshold."""
    past_threshold: bool
    waited_minutes: int


def standing(urgency: Urgency, arrived_at: datetime, now: datetime, rules: QueueRules) -> WaitStanding:
    return Standings(now, rules).of(urgency, arrived_at)


class Standings:
    """standing() of many visits at one moment: the rules' cutoff and limits worked out once, and
    each visit's standing once (a board of hundreds asks for all of them on every read, and its
    order, counters and rows ask again)."""

    __slots__ = ("_cutoff", "_known", "_limits", "now")

    def __init__(self, now: datetime, rules: QueueRules) -> None:
        self.now = now
        self._cutoff = rules.raise_cutoff(now)
        self._limits = {urgency: rules.thresholds.of(urgency) for urgency in Urgency}
        self._known: dict[tuple[Urgency, datetime], WaitStanding] = {}

    def of(self, urgency: Urgency, arrived_at: datetime) -> WaitStanding:
        known = self._known.get((urgency, arrived_at))
        if known is None:
            raised = self.raised(urgency, arrived_at)
            waited = minutes_between(arrived_at, self.now)
            known = self._known[(urgency, arrived_at)] = WaitStanding(
                RANKS[Urgency.SOON] if raised else RANKS[urgency], raised, self.past_threshold(urgency, arrived_at),
                waited)
        return known

    def raised(self, urgency: Urgency, arrived_at: datetime) -> bool:
        return urgency is Urgency.NORMAL and self._cutoff is not None and arrived_at < self._cutoff

    def past_threshold(self, urgency: Urgency, arrived_at: datetime) -> bool:
        # In whole minutes, as the board shows the wait and the summaries count it: an acute client
        # (limit 0) is marked from their first full minute, not from their first second.
        return minutes_between(arrived_at, self.now) > self._limits[urgency]

    def key(self, urgency: Urgency, arrived_at: datetime, visit_id: int) -> tuple[int, datetime, int]:
        """queue_key at this moment."""
        return RANKS[Urgency.SOON] if self.raised(urgency, arrived_at) else RANKS[urgency], arrived_at, visit_id


RANKS = {urgency: urgency.rank for urgency in Urgency}


def queue_key(urgency: Urgency, arrived_at: datetime, visit_id: int, now: datetime,
              rules: QueueRules) -> tuple[int, datetime, int]:
    """The sort key of a waiting visit: the order "call next" takes them in."""
    return Standings(now, rules).key(urgency, arrived_at, visit_id)


def past_threshold_minutes(urgency: Urgency, waited_minutes: int, rules: QueueRules) -> bool:
    """For the summaries, which count waits in whole minutes: waited more minutes than the
    threshold of the visit's urgency."""
    return waited_minutes > rules.thresholds.of(urgency)


def stepped_out(until: datetime | None, now: datetime) -> bool:
    """Out for a while and not yet due back: call next passes the visit by, keeping its place."""
    return until is not None and now < until


def step_out_over(until: datetime | None, now: datetime) -> bool:
    """Stepped out and the time is up without a "back": the desk is told, and call next takes the
    visit again in its place."""
    return until is not None and now >= until


def step_out_minutes_left(until: datetime, now: datetime) -> int:
    """Whole minutes left of a step out, rounded up (1 in its last minute; 0 once it is over)."""
    return max(0, math.ceil((until - now).total_seconds() / 60))
