"""A summary of a day or a period for the service owner: plain data, filled by storage."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import ValidationInfo, field_validator

from forms.base import FrozenModel
from forms.fairness import Fairness
from forms.fields import RequiredDate, fail, not_before
from forms.i18n import _

NOT_RECORDED = "not_recorded"
"""The key under which visits without the field are counted."""


class Durations(FrozenModel):
    """Minutes: median, 90th percentile and longest (None when there is nothing to measure)."""

    count: int = 0
    median: float | None = None
    p90: float | None = None
    longest: float | None = None


class OpenVisit(FrozenModel):
    id: int
    ticket: str
    service_day: date
    status: str
    arrived_at: datetime


class TicketOfDay(FrozenModel):
    """A visit named by its ticket and day only."""

    ticket: str
    service_day: date


class FeedbackCoverage(FrozenModel):
    """How the finished visits got the feedback instruction: printed, other_way, declined, missing."""

    finished: int = 0
    ways: dict[str, int] = {}

    @property
    def given(self) -> int:
        return self.ways.get("printed", 0) + self.ways.get("other_way", 0)

    @property
    def share(self) -> float | None:
        return self.given / self.finished if self.finished else None

    @property
    def complete(self) -> bool:
        return self.given == self.finished


class HandoutLine(FrozenModel):
    kind: str
    language: str
    copies: int


class WorkerLine(FrozenModel):
    staff_id: int
    name: str
    visits: int
    meeting: Durations
    away_minutes: int = 0
    """Minutes away from the desk while signed in (forms.away), within the summary's days."""


class Kykyviisari(FrozenModel):
    """The Kykyviisari self-assessment at the follow-ups closed in the period: done before the
    service, after it, and both (recorded done at any contact of the follow-up)."""

    closed: int = 0
    before: int = 0
    after: int = 0
    both: int = 0


class FollowUpFigures(FrozenModel):
    """The follow-ups in a summary. Each figure counts by its own day: `open`, `due_today` and
    `overdue` are the state at `as_of` (when the summary was made, whatever its period); `set` by
    the day it was made (its visit finished); contacts, referral progress and health checks by
    the contact's day; `closed` and `kykyviisari` by the closing day; answers by the answer's day."""

    as_of: datetime | None = None
    open: int = 0
    due_today: int = 0
    overdue: int = 0
    set: int = 0
    contacts: int = 0
    reached: int = 0
    """Contacts that reached the client (the rest are attempts that did not)."""
    closed: dict[str, int] = {}
    """The reason the service ended (a profile end reason, or forms.followup.NOT_REACHED) → follow-ups."""
    referrals: dict[str, dict[str, int]] = {}
    """Destination → forms.choices.ReferralProgress → referrals, by each referral's latest progress
    recorded in the period."""
    health_checks: dict[str, int] = {}
    """forms.choices.HealthCheck → follow-ups asked in the period (a visit referred to the health
    check for the unemployed), by the latest answer in the period."""
    kykyviisari: Kykyviisari = Kykyviisari()
    answers: dict[str, dict[str, int]] = {}
    """The clients' own answers: question id → scale id → answers."""
    worker_views: dict[str, dict[str, int]] = {}
    """The workers' views, apart: question id → scale id → answers."""

    @property
    def in_period(self) -> bool:
        """Anything happened to a follow-up within the period."""
        return bool(self.set or self.contacts or self.closed or self.answers or self.worker_views)


class SiteLine(FrozenModel):
    """One walk-in site's figures beside the others' in a summary of several sites."""

    site: str
    """A location id of the profile."""
    visits: int = 0
    finished: int = 0
    by_channel: dict[str, int] = {}
    by_urgency: dict[str, int] = {}
    waiting: Durations = Durations()
    """Arrival to first call, the visits that waited until called."""
    feedback: FeedbackCoverage = FeedbackCoverage()
    follow_ups: int = 0
    """Follow-ups set in the period (by the day each was made)."""


class Summary(FrozenModel):
    day_from: date
    day_to: date
    sites: list[str] = []
    """The walk-in sites the figures cover (location ids of the profile), in the profile's order."""
    whole_service: bool = True
    """Every site's figures, and those of no site (a print for no visit): not narrowed to `sites`."""
    by_site: list[SiteLine] = []
    """Each site side by side, when the summary covers more than one."""
    visits: int = 0
    finished: int = 0
    left: int = 0
    """Left without being seen."""
    no_show: int = 0
    """Called the profile's number of times and never came: apart from `left`."""
    still_open: int = 0
    open_visits: list[OpenVisit] = []
    awaiting_documentation: list[TicketOfDay] = []
    """Client matters not yet marked documented in the client information system
    (forms.documentation): in the summary of a day only, the desk's to-do list."""
    by_channel: dict[str, int] = {}
    by_life_situation: dict[str, int] = {}
    by_municipality: dict[str, int] = {}
    by_language: dict[str, int] = {}
    """Client language code (the profile's) → visits."""
    interpreter_needed: int = 0
    """Visits whose intake says an interpreter was needed."""
    by_age_group: dict[str, int] = {}
    by_urgency: dict[str, int] = {}
    overrides: int = 0
    waiting: Durations = Durations()
    """Arrival to first call."""
    past_threshold: dict[str, int] = {}
    """Urgency → visits that waited until called longer than the profile's threshold for it."""
    waiting_by_urgency: dict[str, Durations] = {}
    """Urgency → its waits until called (from the same tally as `past_threshold`)."""
    meeting: Durations = Durations()
    """Start to finish."""
    handovers: int = 0
    """Warm handovers to a named colleague (a visit handed on twice counts twice)."""
    handover_to_call: Durations = Durations()
    """From a handover to the first call after it (the handovers taken)."""
    actions: dict[str, int] = {}
    referrals: dict[str, int] = {}
    handouts: list[HandoutLine] = []
    written_prints: int = 0
    """Written to a file as the worker asked (`walkin print --out`), not printed by design."""
    failed_prints: int = 0
    """Not printed: the PDF was kept instead."""
    lost_prints: int = 0
    """Neither printed nor saved."""
    unconfirmed_prints: int = 0
    """Sent to a printer with no outcome on record: still printing, or the desk stopped meanwhile."""
    feedback: FeedbackCoverage = FeedbackCoverage()
    workers: list[WorkerLine] = []
    per_day: dict[date, int] = {}
    per_weekday_hour: dict[str, int] = {}
    """"weekday-hour" (0 is Monday, Helsinki hours) → visits."""
    follow_ups: FollowUpFigures = FollowUpFigures()
    fairness: Fairness | None = None
    """Fair triage (forms.fairness): in the summary of a period, not of a single day."""

    @property
    def days(self) -> int:
        return (self.day_to - self.day_from).days + 1


class DateRange(FrozenModel):
    """A custom period for the summary, both days included."""

    day_from: RequiredDate
    day_to: RequiredDate

    @field_validator("day_to")
    @classmethod
    def _not_before(cls, value: date, info: ValidationInfo) -> date:
        start = info.data.get("day_from")
        not_before(start, value)
        if start is not None and (value - start).days > 3660:
            raise fail("range_long", _("At most ten years at a time."))
        return value
