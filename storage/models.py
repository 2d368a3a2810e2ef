"""Typed SQLAlchemy models: staff, visits with their triage and outcome, sign-ins, drafts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from forms.choices import HandoutKind


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC in both databases, always handed out aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime, date: Date, dict[str, Any]: JSON, list[Any]: JSON}


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    job_title: Mapped[str] = mapped_column(String(80))
    phone: Mapped[str | None] = mapped_column(String(30))
    phone_hours: Mapped[str | None] = mapped_column(String(80))
    email: Mapped[str | None] = mapped_column(String(120))
    location: Mapped[str | None] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16), default="desk")
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class StaffSite(Base):
    """The sites an administrator's figures are limited to (a role scope): an administrator with no
    rows here sees every site's (migration 0025)."""

    __tablename__ = "staff_site"

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True)
    site: Mapped[str] = mapped_column(String(40), primary_key=True)


class PinLockout(Base):
    """Wrong PINs and locks by the username typed, whether or not such an account exists: an
    unknown username is answered exactly as a known one, so the answers tell no one which exist."""

    __tablename__ = "pin_lockout"

    username: Mapped[str] = mapped_column(String(32), primary_key=True)
    wrong_pins: Mapped[int] = mapped_column(default=0)
    """Wrong PINs in a row since the last right one or the last lock."""
    lockouts: Mapped[int] = mapped_column(default=0)
    """Locks since the last right PIN or new PIN; each one lasts longer."""
    locked_until: Mapped[datetime | None]


class Visit(Base):
    """One walk-in, from intake to finish; personal fields are nullable so they can be erased."""

    __tablename__ = "visit"
    __table_args__ = (
        UniqueConstraint("service_day", "ticket_no", name="uq_visit_day_ticket"),
        Index("uq_visit_day_site_ticket", "service_day", "site", "ticket", unique=True),
        Index("ix_visit_site_status", "site", "status"),
        Index("ix_visit_status_day", "status", "service_day"),
        Index("ix_visit_purge", "purged_at", "service_day"),
        Index("ix_visit_revision", "revision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_day: Mapped[date]
    """Helsinki calendar day of arrival; tickets restart and summaries count by it."""
    ticket_no: Mapped[int]
    """The day's arrival number across all sites (unique per day): the order of arrival."""
    ticket: Mapped[str] = mapped_column(String(8))
    """The ticket the client holds: the site's letters and its number at the site that day."""
    site: Mapped[str] = mapped_column(String(40))
    """The walk-in site where the visit arrived (a location id of the profile): its queue, its
    display, its figures. A handover to a worker at another site keeps it."""
    status: Mapped[str] = mapped_column(String(12), default="waiting")
    arrived_at: Mapped[datetime]
    arrival_hour: Mapped[int | None]
    """Helsinki hour of arrival, for "when do people come": SQLite has no time zones to compute it."""
    admitted_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    workstation: Mapped[str | None] = mapped_column(String(60))
    updated_at: Mapped[datetime] = mapped_column(index=True)

    # intake
    call_name: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8), default="fi")
    """A code of the profile's client languages (forms.profile.ClientLanguageChoice)."""
    interpreter_needed: Mapped[bool] = mapped_column(default=False, server_default=false())
    life_situation: Mapped[str | None] = mapped_column(String(24))
    arrival_channel: Mapped[str | None] = mapped_column("referral_channel", String(24))
    """How they heard of us; the column keeps its first name (no migration for a word)."""
    municipality: Mapped[str | None] = mapped_column(String(60))
    age_group: Mapped[str | None] = mapped_column(String(12))
    callback_phone: Mapped[str | None] = mapped_column(String(30))

    # triage
    urgency: Mapped[str] = mapped_column(String(8), default="normal")
    """Effective urgency, after any override; orders the queue."""
    triage_urgency: Mapped[str | None] = mapped_column(String(8))
    override_reason: Mapped[str | None] = mapped_column(String(200))
    triage_answers: Mapped[dict[str, Any] | None]
    triage_rules: Mapped[list[Any] | None]
    triaged_at: Mapped[datetime | None]
    triaged_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    # the meeting
    called_at: Mapped[datetime | None]
    """First call; a return to the queue keeps it, so waiting time means until first call."""
    called_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    called_to: Mapped[str | None] = mapped_column(String(60))
    """The workstation that called the ticket (the latest call), for the waiting-room display."""
    calls: Mapped[int] = mapped_column(default=0, server_default="0")
    """How many times the ticket was called (a call again counts): "did not show" needs enough."""
    last_called_at: Mapped[datetime | None]
    """The latest call: the display shows the latest first, so a call again comes to the top."""
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    finished_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    left_at: Mapped[datetime | None]
    no_show_at: Mapped[datetime | None]
    """When "did not show" was recorded."""
    handed_to_id: Mapped[int | None]
    """The worker this waiting visit is handed to (the latest VisitHandover's, until someone calls
    it): their call next takes it first, and others' pass it by while they are at a desk
    (forms.handover). Kept here, not only in the chain, so the queue orders by a column. No
    foreign key: SQLite could not drop the column again on a downgrade (the chain has the keys)."""
    stepped_out_until: Mapped[datetime | None]
    """A waiting client stepped out until then (their place kept): call next passes them by until
    it, or until they are back. Cleared by "back" and by any step that changes the status."""
    wait_seconds: Mapped[int | None]
    """Arrival to first call, kept when called so summaries group integers, not timestamps."""
    meeting_seconds: Mapped[int | None] = mapped_column("session_seconds")
    """Start to finish, kept when finished."""

    # outcome
    did_guidance: Mapped[bool] = mapped_column(default=False)
    did_referral: Mapped[bool] = mapped_column(default=False)
    did_appointment: Mapped[bool] = mapped_column(default=False)
    did_worker_named: Mapped[bool] = mapped_column(default=False)
    did_consent: Mapped[bool] = mapped_column(default=False)
    follow_up_on: Mapped[date | None]
    follow_up_by: Mapped[str | None] = mapped_column(String(8))
    """Who gets in touch by the follow-up date: worker or client (none: the worker)."""
    next_appointment_at: Mapped[datetime | None]
    """The booked appointment, for the contact card and the memo."""
    appointment_place: Mapped[str | None] = mapped_column(String(200))
    """Where the booked appointment is (free text, printed on the memo)."""
    outcome_note: Mapped[str | None] = mapped_column(Text)
    feedback_instruction: Mapped[str | None] = mapped_column(String(12))
    """How the client got the feedback instruction: printed, other_way, or declined."""
    purged_at: Mapped[datetime | None]
    """When the personal fields were erased (retention, or at once on request); counts and times stay."""
    documented_at: Mapped[datetime | None]
    """When a worker marked this client matter documented in the county's client information
    system (forms.documentation); none: not yet, or not a client matter."""
    documented_by_id: Mapped[int | None]
    """Who marked it. No foreign key: SQLite could not drop the column again on a downgrade."""
    restricted_at: Mapped[datetime | None]
    """Processing restricted (GDPR Art. 18) since then: no handouts, and the screens show the ticket
    only, until an administrator lifts it (None)."""
    restricted_by_id: Mapped[int | None]
    """The administrator who restricted it. No foreign key, as `handed_to_id`: SQLite could not
    drop the column again on a downgrade (the audit trail has who, with its keys)."""
    revision: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    """Set by the database on every insert and update (migration 0027), never by this code: a desk
    reads again only the visits changed since its last read (storage.queue_reads)."""

    referrals: Mapped[list[Referral]] = relationship(
        cascade="all, delete-orphan", order_by="Referral.id"
    )
    workers: Mapped[list[ResponsibleWorker]] = relationship(
        cascade="all, delete-orphan", order_by="ResponsibleWorker.id"
    )
    consents: Mapped[list[Consent]] = relationship(cascade="all, delete-orphan", order_by="Consent.id")
    called_by: Mapped[Staff | None] = relationship(foreign_keys=[called_by_id])


class Referral(Base):
    __tablename__ = "visit_referral"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    destination: Mapped[str] = mapped_column(String(40))


class ResponsibleWorker(Base):
    """A named responsible worker: one of the staff, or someone outside the desk."""

    __tablename__ = "responsible_worker"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    name: Mapped[str | None] = mapped_column(String(80))
    organisation: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(30))

    staff: Mapped[Staff | None] = relationship(lazy="joined")


class VisitHandover(Base):
    """A warm handover of a visit to a named colleague: from whom, to whom, when, why. Handing on
    again (back, or to someone else) adds a row: the rows of a visit are its chain. `taken_at`: the
    first call after the handover, by whoever called (the time from handover to meeting)."""

    __tablename__ = "visit_handover"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    from_staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    to_staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    at: Mapped[datetime]
    reason: Mapped[str | None] = mapped_column(String(200))
    """Erased with the visit's other personal fields after the retention days."""
    taken_at: Mapped[datetime | None]
    taken_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    to_site: Mapped[str | None] = mapped_column(String(40))
    """The site where the colleague was signed in, when it is not the visit's own."""


class FollowUp(Base):
    """The follow-up of a finished visit that set a follow-up date: due on `due_on` with its
    responsible worker (a named responsible worker who is staff, else the one who finished), open
    until closed with the reason the service ended (forms.followup). One per visit."""

    __tablename__ = "follow_up"
    __table_args__ = (
        Index("ix_follow_up_open_due", "staff_id", "due_on",
              sqlite_where=text("closed_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), unique=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    due_on: Mapped[date] = mapped_column(index=True)
    failed_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    """Contacts in a row that did not reach the client; a reached contact starts it again."""
    created_at: Mapped[datetime] = mapped_column(index=True)
    """When it was set (the visit finished): the summaries count the follow-ups set by its day."""
    closed_at: Mapped[datetime | None]
    closed_on: Mapped[date | None] = mapped_column(index=True)
    """The Helsinki day it was closed, for the summaries."""
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    end_reason: Mapped[str | None] = mapped_column(String(24))
    """An end reason of the profile, or forms.followup.NOT_REACHED."""

    contacts: Mapped[list[FollowUpContact]] = relationship(
        cascade="all, delete-orphan", order_by="FollowUpContact.id")


class FollowUpContact(Base):
    """One contact (or attempt) at a follow-up, by whom and when, and what it found out."""

    __tablename__ = "follow_up_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(ForeignKey("follow_up.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    day: Mapped[date] = mapped_column(index=True)
    """The Helsinki day of the contact, for the summaries."""
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    reached: Mapped[bool]
    health_check: Mapped[str | None] = mapped_column(String(8))
    """A forms.choices.HealthCheck, asked when the visit was referred to the health check."""
    kykyviisari_before: Mapped[bool | None]
    kykyviisari_after: Mapped[bool | None]
    next_on: Mapped[date | None]
    end_reason: Mapped[str | None] = mapped_column(String(24))

    referrals: Mapped[list[FollowUpReferral]] = relationship(
        cascade="all, delete-orphan", order_by="FollowUpReferral.id")


class FollowUpReferral(Base):
    """How one referral of the visit stood at a follow-up contact (forms.choices.ReferralProgress)."""

    __tablename__ = "follow_up_referral"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("follow_up_contact.id", ondelete="CASCADE"), index=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("visit_referral.id", ondelete="CASCADE"))
    destination: Mapped[str] = mapped_column(String(40))
    """The referral's destination, kept here so the summaries count without a join."""
    progress: Mapped[str] = mapped_column(String(12))


class FollowUpAnswer(Base):
    """A client's answer (or the worker's view) to a follow-up question. Deliberately linked to no
    visit, contact or worker: anonymous from the start, so erasing personal fields never touches it
    and it can never be traced back to the client. Tallied by its day: a change deletes the day's
    tally (migration 0016)."""

    __tablename__ = "follow_up_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(index=True)
    question: Mapped[str] = mapped_column(String(24))
    respondent: Mapped[str] = mapped_column(String(8))
    answer: Mapped[str] = mapped_column(String(24))
    site: Mapped[str | None] = mapped_column(String(40))
    """The walk-in site of the follow-up's visit (a site is no personal data): the figures per site
    (migration 0025)."""


class Consent(Base):
    """A consent the client gave (recording their details, a network meeting), and its withdrawal."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    method: Mapped[str] = mapped_column(String(8))
    given_at: Mapped[datetime]
    given_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    withdrawal_method: Mapped[str | None] = mapped_column(String(8))
    text_version: Mapped[str | None] = mapped_column(String(20))
    """The version of the profile's consent text it was given under; None: recorded before texts
    had versions (migration 0019)."""


class DeskSession(Base):
    """A worker signed in at a workstation; counts toward the wait-time estimate."""

    __tablename__ = "desk_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    workstation: Mapped[str] = mapped_column(String(60))
    site: Mapped[str | None] = mapped_column(String(40))
    """The workstation's site: the wait estimate counts the workers at the site, and a handover
    names the site where the colleague is. None: signed in before sites existed."""
    signed_in_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    signed_out_at: Mapped[datetime | None]


class AwayPeriod(Base):
    """A worker away from the desk (lunch, a phone call) while signed in: the wait estimates leave
    them out, other desks see it, the summaries count the time. At most one open period per worker
    (the partial unique index), so two desks cannot start two at once."""

    __tablename__ = "away_period"
    __table_args__ = (
        Index("uq_away_period_open", "staff_id", unique=True,
              sqlite_where=text("ended_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    desk_session_id: Mapped[int] = mapped_column(ForeignKey("desk_session.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(index=True)
    ended_at: Mapped[datetime | None]
    reason: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(String(60))


class Draft(Base):
    """A half-typed form, kept per worker so a crash or a closed terminal loses nothing."""

    __tablename__ = "draft"
    __table_args__ = (UniqueConstraint("staff_id", "kind", name="uq_draft_staff_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[str] = mapped_column(String(16))
    data: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]



class PrintJob(Base):
    """Every handout sent to a printer or saved as a file, and how it went."""

    __tablename__ = "print_job"
    __table_args__ = (Index("ix_print_job_day", "service_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id", ondelete="SET NULL"), index=True)
    service_day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(40))
    """A forms.choices.HandoutKind (anything else is refused: `_known_kind`)."""
    language: Mapped[str] = mapped_column(String(8))
    """A forms.choices.HandoutLanguage: fi, selko (plain Finnish), sv or en."""
    copies: Mapped[int]
    outcome: Mapped[str] = mapped_column(String(8))
    """A forms.choices.PrintOutcome: sending (recorded before it went out; it stays so when the
    desk stopped while printing), printed, saved (the PDF kept in the data folder because no
    printer took it, or the printer is paused), written (to the file the worker asked for), or
    failed (neither). `copies`: sheets printed (`lp -n`); ten-up contact cards are ten to a sheet."""
    printer: Mapped[str | None] = mapped_column(String(120))
    file_path: Mapped[str | None] = mapped_column(String(400))
    error: Mapped[str | None] = mapped_column(String(400))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    """Empty for a print from the command line, where nobody is signed in."""
    created_at: Mapped[datetime]

    @validates("kind")
    def _known_kind(self, _key: str, kind: str) -> str:
        """A kind the desk does not know is a mistake in the code: said at once, on SQLite too."""
        try:
            return HandoutKind(kind).value
        except ValueError:
            raise ValueError(f"print_job.kind: unknown handout kind {kind!r}") from None


class VisitRevision(Base):
    """SQLite's counter of visit revisions: each insert or update of a visit takes the next number
    (triggers of migration 0027). PostgreSQL uses its transaction ids and leaves this unused."""

    __tablename__ = "visit_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class DayTally(Base):
    """One figure of one day's summary at one site: (measure, key) → n, e.g. ("status", "left") → 3.

    A cache of the visits, so that a year's summary adds up a few hundred rows a day. Triggers
    (migration 0004) delete a day's rows whenever a visit, referral or print of that day changes;
    the next summary that needs the day counts it again (storage/tallies.py)."""

    __tablename__ = "day_tally"
    __table_args__ = {"sqlite_with_rowid": False}

    service_day: Mapped[date] = mapped_column(primary_key=True)
    site: Mapped[str] = mapped_column(String(40), primary_key=True, default="")
    """The walk-in site the figure belongs to; "" for a row of no site (the tally's version, a print
    made for no visit), which only the whole service's figures count (migration 0025)."""
    measure: Mapped[str] = mapped_column(String(24), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    n: Mapped[int]


class MonthTally(Base):
    """One figure of one month at one site, the sum of its day tallies, and the month's visits by day
    ("visits_on", key: the day of the month) and by weekday and hour ("weekday_hour", "0-09").

    Made only when every day of the month is tallied, and dropped with any of its day tallies (a
    trigger on `day_tally`, migration 0026): a year's summary adds up twelve months."""

    __tablename__ = "month_tally"
    __table_args__ = {"sqlite_with_rowid": False}

    month: Mapped[date] = mapped_column(primary_key=True)
    """The month's first day."""
    site: Mapped[str] = mapped_column(String(40), primary_key=True)
    measure: Mapped[str] = mapped_column(String(24), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    n: Mapped[int]


class AuditEvent(Base):
    """Who did what, to which visit, when: written with the change itself, never changed after
    (triggers refuse UPDATE and DELETE)."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    actor: Mapped[str | None] = mapped_column(String(80))
    """For the command line, where nobody signs in: the operating-system user."""
    workstation: Mapped[str | None] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(24))
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"), index=True)
    detail: Mapped[str | None] = mapped_column(String(200))
    """Never personal data: a handout kind, a period, a username."""


class PrivacyRequest(Base):
    """The register of data-subject requests: when received, what was asked, by when it is due,
    when done and by whom. It holds no name or phone of the person: the visits it concerns are
    linked (`PrivacyRequestVisit`), and lose their personal fields as any other."""

    __tablename__ = "privacy_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    received_on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(16))
    """A forms.choices.PrivacyRequestKind."""
    due_on: Mapped[date]
    """A month after receipt (GDPR Art. 12(3))."""
    done_at: Mapped[datetime | None]
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    visits: Mapped[list[PrivacyRequestVisit]] = relationship(
        cascade="all, delete-orphan", order_by="PrivacyRequestVisit.visit_id")


class PrivacyRequestVisit(Base):
    """A visit a request concerns (found by the administrator, and handled for it)."""

    __tablename__ = "privacy_request_visit"

    request_id: Mapped[int] = mapped_column(ForeignKey("privacy_request.id", ondelete="CASCADE"), primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), primary_key=True, index=True)
class AuditPurge(Base):
    """One row: the floor below which the purge may delete audit events. NULL but inside the
    purge's own transaction, which sets it, deletes and clears it (migration 0020)."""

    __tablename__ = "audit_purge"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    floor: Mapped[datetime | None]


def partial_indexes_for_postgresql() -> None:
    """The partial indexes' condition for PostgreSQL too, the same as SQLite's. Given when a
    PostgreSQL database is opened, not in the index itself: naming a dialect's option loads that
    dialect (sqlalchemy.dialects.postgresql), which a desk on SQLite never needs at its start."""
    for table in Base.metadata.tables.values():
        for index in table.indexes:
            if (where := index.dialect_kwargs.get("sqlite_where")) is not None:
                index.dialect_kwargs["postgresql_where"] = where
