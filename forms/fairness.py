"""Fair triage, watched: whether a group of clients waits clearly longer than the others of the same
urgency (the documented rule below), and how often workers changed the urgency a triage rule gave."""

from __future__ import annotations

from forms.base import FrozenModel
from forms.choices import Urgency

MIN_VISITS = 20
"""A group needs at least this many waits of one urgency before it can be flagged: fewer are chance."""
RATIO = 1.5
"""…and its median wait more than this many times the median of all the other visits of that urgency."""

NO_RULE = ""
"""The override line of the visits that no rule fired for (the worker chose the urgency alone)."""


def waits_clearly_longer(visits: int, median: float | None, others_median: float | None) -> bool:
    """The documented rule: within one urgency, a group waits clearly longer when it has at least
    MIN_VISITS waits and its median is more than RATIO × the median of all the other visits of that
    urgency together (exactly RATIO × is not flagged). Without others to compare with, never."""
    if visits < MIN_VISITS or median is None or others_median is None:
        return False
    return median > RATIO * others_median


class GroupWait(FrozenModel):
    """The waits until called of one group of one urgency, beside all the other visits of that urgency."""

    group: str
    """The grouping, e.g. "language" (storage.fairness.GROUPS)."""
    key: str
    """The group's value, e.g. "sv"; forms.summary.NOT_RECORDED when the field was left empty."""
    urgency: str
    visits: int
    median: float | None = None
    others: int = 0
    others_median: float | None = None

    @property
    def flagged(self) -> bool:
        return waits_clearly_longer(self.visits, self.median, self.others_median)

    @property
    def ratio(self) -> float | None:
        """The group's median over the others'; None when either is missing or the others' is 0."""
        if self.median is None or not self.others_median:
            return None
        return self.median / self.others_median


class RuleOverrides(FrozenModel):
    """How often a worker's urgency differed from the triage's suggestion, for the visits a rule fired for."""

    rule: str
    """A rule id of the profile (or one since removed), or NO_RULE."""
    fired: int
    raised: int = 0
    """The worker chose a more urgent one."""
    lowered: int = 0

    @property
    def changed(self) -> int:
        return self.raised + self.lowered

    @property
    def share(self) -> float | None:
        return self.changed / self.fired if self.fired else None


class Fairness(FrozenModel):
    """A period's fair-triage figures: the waits by group within each urgency, and the overrides per rule."""

    groups: list[GroupWait] = []
    """By grouping (in storage.fairness.GROUPS' order), then urgency (most urgent first), then key."""
    rules: list[RuleOverrides] = []
    """By rule id, NO_RULE last (forms.summary_view puts them in the profile's order)."""

    @property
    def flagged(self) -> list[GroupWait]:
        """The groups that wait clearly longer, the largest ratio first."""
        return sorted((g for g in self.groups if g.flagged), key=lambda g: -(g.ratio or float("inf")))


def direction(suggested: str, chosen: str) -> int:
    """-1 the worker raised the urgency (more urgent), 1 lowered it, 0 kept it (or an unknown code)."""
    known = Urgency._value2member_map_
    if suggested == chosen or suggested not in known or chosen not in known:
        return 0
    return -1 if Urgency(chosen).rank < Urgency(suggested).rank else 1
