"""What storage hands to the screens: plain frozen records, no sessions attached.

The people, one word each:
- an *account* is a login: the `Staff` model (storage/models.py) and its record here,
  `StaffMember`; a `StaffMember` signed in at this desk is the *worker* on duty
  (`WalkinApp.worker_on_duty`);
- a *responsible worker* is the person an outcome names, one of the staff or someone outside the
  desk: `NamedWorker` in the finish form (forms/outcome.py), the `ResponsibleWorker` row, and
  `WorkerOnVisit` here as the visit screen and the contact card show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from forms.choices import AwayReason, FollowUpBy, Urgency, VisitStatus


@dataclass(frozen=True, slots=True)
class StaffMember:
    id: int
    username: str
    display_name: str
    job_title: str
    role: str
    phone: str | None = None
    phone_hours: str | None = None
    email: str | None = None
    location: str | None = None
    active: bool = True


@dataclass(frozen=True, slots=True)
class QueueEntry:
    """One row of the queue board."""

    id: int
    ticket: str
    service_day: date
    status: VisitStatus
    urgency: Urgency
    arrived_at: datetime
    call_name: str | None
    language: str
    triaged: bool
    triage_rules: tuple[str, ...]
    called_by: str | None
    updated_at: datetime
    calls: int = 0
    """How many times the ticket was called (a call again counts)."""
    handed_to_id: int | None = None
    """The worker this waiting visit is handed to (forms.handover), if any."""
    stepped_out_until: datetime | None = None
    """Waiting, but stepped out until then (forms.waits.stepped_out); None: not stepped out."""
    restricted: bool = False
    """Processing restricted (GDPR Art. 18): `call_name` is None here whatever is stored, so every
    screen shows the ticket only; no handouts are printed for it."""


@dataclass(frozen=True, slots=True)
class WorkerOnVisit:
    staff_id: int | None
    name: str
    organisation: str | None
    phone: str | None
    job_title: str | None = None
    email: str | None = None
    phone_hours: str | None = None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class PrintedHandout:
    kind: str
    language: str
    copies: int
    outcome: str
    printer: str | None
    file_path: str | None
    error: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class VisitDetail:
    """Everything about one visit that the visit screen shows."""

    entry: QueueEntry
    life_situation: str | None
    arrival_channel: str | None
    municipality: str | None
    age_group: str | None
    callback_phone: str | None
    triage_urgency: Urgency | None
    override_reason: str | None
    triage_answers: dict[str, Any]
    called_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    left_at: datetime | None
    actions: frozenset[str]
    referrals: tuple[str, ...]
    workers: tuple[WorkerOnVisit, ...]
    follow_up_on: date | None
    next_appointment_at: datetime | None
    outcome_note: str | None
    feedback_instruction: str | None
    handouts: tuple[PrintedHandout, ...]
    consents: tuple[ConsentRecord, ...] = ()
    purged: bool = False
    last_called_at: datetime | None = None
    no_show_at: datetime | None = None
    appointment_place: str | None = None
    follow_up_by: str | None = None
    """worker or client (forms.choices.FollowUpBy); None on visits finished before it was asked."""
    handovers: tuple[HandoverRecord, ...] = ()
    """The visit's handover chain, first first."""
    documented_at: datetime | None = None
    """When it was marked documented in the client information system (forms.documentation)."""
    documented_by: str | None = None
    interpreter_needed: bool = False


@dataclass(frozen=True, slots=True)
class HandoverRecord:
    """One link of a visit's handover chain, as the visit screen shows it."""

    from_name: str
    to_name: str
    at: datetime
    reason: str | None
    """None once erased (retention)."""
    taken_at: datetime | None = None
    taken_by: str | None = None
    to_site: str | None = None
    """The site where the colleague was, when it was not the visit's own."""


@dataclass(frozen=True, slots=True)
class HandedOver:
    """A visit waiting for the worker it was handed to: the desk's "Handed to me"."""

    entry: QueueEntry
    from_name: str
    at: datetime
    reason: str | None


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    id: int
    kind: str
    method: str
    given_at: datetime
    given_by: str
    withdrawn_at: datetime | None = None
    withdrawn_by: str | None = None
    withdrawal_method: str | None = None
    text_version: str | None = None
    """The version of the consent text it was given under (None: no text in the profile, or
    recorded before texts had versions)."""


@dataclass(frozen=True, slots=True)
class DayCounters:
    waiting: int = 0
    in_meeting: int = 0
    finished: int = 0
    left: int = 0
    no_show: int = 0
    past_threshold: int = 0
    """Waiting longer than the profile's threshold of their urgency."""
    to_document: int = 0
    """Today's client matters not yet marked documented in the client information system."""


@dataclass(frozen=True, slots=True)
class CalledTicket:
    ticket: str
    called_to: str | None
    call_name: str | None
    calling: bool
    """Called and not yet come to the meeting: the one to show biggest."""
    calls: int = 1
    """More than one: a repeat call (the client did not hear), marked and drawing the eye."""

    @property
    def repeated(self) -> bool:
        return self.calls > 1


@dataclass(frozen=True, slots=True)
class DisplayBoard:
    """What the waiting room sees: the latest calls of the day and how many wait."""

    called: tuple[CalledTicket, ...]
    waiting: int


@dataclass(frozen=True, slots=True)
class AwayNow:
    """A worker signed in and away from the desk: their desk's line, and what other desks show."""

    staff_id: int
    name: str
    reason: AwayReason
    note: str | None
    since: datetime


@dataclass(frozen=True, slots=True)
class QueueSnapshot:
    """The board, the counters and the estimate inputs, read in one transaction."""

    entries: tuple[QueueEntry, ...]
    counters: DayCounters
    workers_signed_in: int
    meeting_minutes: float
    estimates: dict[int, int] = field(default_factory=dict)
    away: tuple[AwayNow, ...] = ()
    """Workers signed in but away; `workers_signed_in` counts only those at work."""


@dataclass(frozen=True, slots=True)
class DayClosing:
    """Today's open visits at the end of the day: the tickets that closing the day marks left
    without being seen, and how many stay open (a meeting, or a call by a worker still at a desk)."""

    to_close: tuple[str, ...]
    staying_open: int
    site: str
    """The site whose day it is (the summary closes the site it shows)."""


@dataclass(frozen=True, slots=True)
class FollowUpLine:
    """One open follow-up on the list: whose, when, and how to reach the client."""

    id: int
    visit_id: int
    ticket: str
    service_day: date
    """The day of the visit."""
    due_on: date
    staff_id: int
    staff_name: str
    by: FollowUpBy
    """Who gets in touch: the worker, or the client (the worker checks that they did)."""
    failed_attempts: int
    """Contacts in a row that did not reach the client."""
    consent_to_contact: bool
    """The client's consent to be contacted (forms.choices.ConsentKind.CONTACT) stands."""
    call_name: str | None
    """Only while the consent stands and the personal fields are kept; else None."""
    callback_phone: str | None
    destinations: tuple[str, ...] = ()
    """The visit's referral destinations (profile ids), in the order of the finish form."""


@dataclass(frozen=True, slots=True)
class FollowUpCounts:
    """The desk's counters: open follow-ups due today, and due on an earlier day."""

    today: int = 0
    overdue: int = 0


@dataclass(frozen=True, slots=True)
class ReferralToFollow:
    """A referral of the visit whose progress a follow-up contact asks."""

    id: int
    destination: str


@dataclass(frozen=True, slots=True)
class FollowUpContactRecord:
    """A contact (or attempt) so far: when, by whom, and what it led to."""

    at: datetime
    staff_name: str
    reached: bool
    next_on: date | None
    end_reason: str | None
    health_check: str | None = None
    kykyviisari_before: bool | None = None
    kykyviisari_after: bool | None = None
    referrals: tuple[tuple[str, str], ...] = ()
    """(destination, forms.choices.ReferralProgress code) of each referral asked."""


@dataclass(frozen=True, slots=True)
class FollowUpDetail:
    """What the contact form needs: the line, the referrals to ask, whether to ask the health
    check, the contacts so far, and the closing once closed."""

    line: FollowUpLine
    referrals: tuple[ReferralToFollow, ...]
    asks_health_check: bool
    """The visit was referred to the profile's health check destination."""
    contacts: tuple[FollowUpContactRecord, ...]
    kykyviisari_before: bool | None
    """The latest answer an earlier contact recorded about the Kykyviisari before (None: never asked)."""
    closed_at: datetime | None = None
    closed_by: str | None = None
    end_reason: str | None = None

    @property
    def kykyviisari_before_recorded(self) -> bool:
        return self.kykyviisari_before is not None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None
