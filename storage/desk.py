"""The desk's operations: admit, triage, call, start, finish, left; every one commits at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from forms.choices import (
    AuditAction,
    ConsentKind,
    ConsentMethod,
    FeedbackInstruction,
    OutcomeAction,
    PrintOutcome,
    Urgency,
    VisitStatus,
)
from forms.i18n import _
from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.queue import estimate_waits
from forms.timefmt import local, service_day, utc_now
from storage import drafts
from storage.audit import COMMAND_LINE, Actor, record
from storage.db import Database
from storage.errors import DayFull, StorageError, TransitionRefused
from storage.models import Consent, PrintJob, Referral, ResponsibleWorker, Staff, UTCDateTime, Visit
from storage.sqltime import seconds_between
from storage.staff import workers_present
from storage.views import (
    CalledTicket,
    ConsentRecord,
    DisplayBoard,
    DayCounters,
    PrintedHandout,
    QueueEntry,
    QueueSnapshot,
    VisitDetail,
    WorkerOnVisit,
)

OPEN = (VisitStatus.WAITING, VisitStatus.CALLED, VisitStatus.IN_SESSION)
URGENCY_RANK = case({u.value: u.rank for u in Urgency}, value=Visit.urgency, else_=len(Urgency))
QUEUE_ORDER = (URGENCY_RANK, Visit.arrived_at, Visit.id)
TICKET_LOCK = 4242
"""PostgreSQL advisory lock class for the day's ticket numbers."""
ACTION_COLUMNS = {
    OutcomeAction.GUIDANCE: "did_guidance",
    OutcomeAction.REFERRAL: "did_referral",
    OutcomeAction.APPOINTMENT: "did_appointment",
    OutcomeAction.WORKER_NAMED: "did_worker_named",
    OutcomeAction.CONSENT: "did_consent",
}


class Desk:
    def __init__(
        self,
        db: Database,
        ticket_prefix: str = "A",
        session_minutes: int = 20,
        clock: Callable[[], datetime] = utc_now,
        workstation: str | None = None,
    ) -> None:
        self.db = db
        self.ticket_prefix = ticket_prefix
        self.session_minutes = session_minutes
        self.clock = clock
        self.workstation = workstation

    def _audit(self, session: Session, staff_id: int | None, action: AuditAction,
               visit_id: int | None, detail: str | None = None) -> None:
        actor = Actor(staff_id, self.workstation) if staff_id is not None else COMMAND_LINE
        record(session, self.clock(), actor, action, visit_id, detail)

    # ------------------------------------------------------------- intake ---
    def admit(self, form: IntakeForm, staff_id: int, drop_draft: str | None = None) -> QueueEntry:
        """Queue a walk-in with the day's next ticket; retried when two desks take the same.
        `drop_draft`: the kind of the worker's draft that this form was, deleted in the same
        transaction (a crash never leaves the visit queued and the draft back at sign-in)."""
        for attempt in range(8):
            try:
                with self.db.writing() as session:
                    visit = self._new_visit(session, form, staff_id)
                    self._audit(session, staff_id, AuditAction.ADMIT, visit.id)
                    if drop_draft is not None:
                        drafts.drop(session, staff_id, drop_draft)
                    return _entry(visit, None)
            except StorageError as error:
                if not isinstance(error.__cause__, IntegrityError) or attempt == 7:
                    raise
        raise AssertionError("unreachable")

    def _new_visit(self, session: Session, form: IntakeForm, staff_id: int) -> Visit:
        now = self.clock()
        day = service_day(now)
        if not self.db.is_sqlite:
            # Desks taking tickets at the same moment queue here for the day's next number, instead
            # of colliding on the unique constraint (which stays, with the retry, as the guarantee).
            session.execute(select(func.pg_advisory_xact_lock(TICKET_LOCK, day.toordinal())))
        last = session.scalar(select(func.max(Visit.ticket_no)).where(Visit.service_day == day))
        number = (last or 0) + 1
        if number > 999:
            raise DayFull(_("All 999 ticket numbers of today are used."))
        visit = Visit(
            service_day=day,
            ticket_no=number,
            ticket=f"{self.ticket_prefix}{number:03d}",
            status=VisitStatus.WAITING.value,
            arrived_at=now,
            arrival_hour=local(now).hour,
            updated_at=now,
            admitted_by_id=staff_id,
            workstation=self.workstation,
            urgency=Urgency.NORMAL.value,
            **_codes(form.model_dump()),
        )
        session.add(visit)
        session.flush()
        return visit

    def record_triage(
        self,
        visit_id: int,
        answers: dict[str, Any],
        urgency: Urgency,
        rule_ids: Sequence[str],
        staff_id: int,
        override: Urgency | None = None,
        override_reason: str | None = None,
    ) -> None:
        now = self.clock()
        self._move(
            visit_id,
            OPEN,
            staff_id,
            AuditAction.TRIAGE,
            triage_answers=answers,
            triage_urgency=urgency.value,
            triage_rules=list(rule_ids),
            urgency=(override or urgency).value,
            override_reason=override_reason if override else None,
            triaged_at=now,
            triaged_by_id=staff_id,
        )

    # -------------------------------------------------------------- queue ---
    def snapshot(self) -> QueueSnapshot:
        now = self.clock()
        today = service_day(now)
        with self.db.reading() as session:
            entries = tuple(self._entries(session, Visit.status.in_([s.value for s in OPEN])))
            done = dict(
                session.execute(
                    select(Visit.status, func.count())
                    .where(Visit.service_day == today, Visit.status.in_(["finished", "left"]))
                    .group_by(Visit.status)
                ).all()
            )
            workers = session.scalar(workers_present(now))
            sessions = session.execute(
                select(Visit.started_at, Visit.finished_at).where(
                    Visit.service_day == today,
                    Visit.status == "finished",
                    Visit.started_at.is_not(None),
                )
            ).all()
        lengths = [(end - start).total_seconds() / 60 for start, end in sessions]
        session_minutes = sum(lengths) / len(lengths) if lengths else self.session_minutes
        waiting = [e for e in entries if e.status is VisitStatus.WAITING]
        in_session = len(entries) - len(waiting)
        estimates = estimate_waits(len(waiting), in_session, workers or 1, session_minutes)
        return QueueSnapshot(
            entries=entries,
            counters=DayCounters(
                waiting=len(waiting),
                in_session=in_session,
                finished=done.get("finished", 0),
                left=done.get("left", 0),
            ),
            workers_signed_in=workers or 0,
            session_minutes=session_minutes,
            estimates={e.id: minutes for e, minutes in zip(waiting, estimates, strict=True)},
        )

    def display_board(self, shown: int = 6) -> DisplayBoard:
        """The tickets called today, those still being called first, then the latest calls."""
        today = service_day(self.clock())
        calling = Visit.status == VisitStatus.CALLED.value
        with self.db.reading() as session:
            rows = session.execute(
                select(Visit.ticket, Visit.called_to, Visit.call_name, calling)
                .where(Visit.service_day == today, Visit.called_at.is_not(None))
                .order_by(calling.desc(), Visit.updated_at.desc()).limit(shown))
            called = tuple(CalledTicket(t, to, name, bool(now)) for t, to, name, now in rows)
            waiting = session.scalar(select(func.count()).select_from(Visit).where(
                Visit.status == VisitStatus.WAITING.value)) or 0
        return DisplayBoard(called, waiting)

    def _entries(self, session: Session, *where: Any) -> Iterable[QueueEntry]:
        rows = session.execute(
            select(Visit, Staff.display_name)
            .outerjoin(Staff, Staff.id == Visit.called_by_id)
            .where(*where)
            .order_by(*QUEUE_ORDER)
        )
        return (_entry(visit, called_by) for visit, called_by in rows)

    def visit(self, visit_id: int, viewer: int | None = None) -> VisitDetail:
        """A visit's details; `viewer`: a worker opens them, which the audit trail records."""
        if viewer is not None:
            with self.db.writing() as session:
                self._audit(session, viewer, AuditAction.VIEW, visit_id)
        with self.db.reading() as session:
            visit = session.scalar(
                select(Visit)
                .where(Visit.id == visit_id)
                .options(
                    selectinload(Visit.referrals),
                    selectinload(Visit.workers).joinedload(ResponsibleWorker.staff),
                    selectinload(Visit.called_by),
                    selectinload(Visit.consents),
                )
            )
            if visit is None:
                raise StorageError(_("The visit is no longer there."))
            jobs = session.scalars(
                select(PrintJob).where(PrintJob.visit_id == visit_id).order_by(PrintJob.id)
            )
            names = dict(session.execute(select(Staff.id, Staff.display_name)).all())
            return _detail(visit, [printed(job) for job in jobs], names)

    def find_today(self, ticket: str) -> int | None:
        """The id of today's visit with this ticket."""
        with self.db.reading() as session:
            return session.scalar(
                select(Visit.id).where(
                    Visit.ticket == ticket.strip().upper(), Visit.service_day == service_day(self.clock())
                )
            )

    def record_feedback_instruction(self, visit_id: int, how: FeedbackInstruction, staff_id: int) -> None:
        """How the client got the feedback instruction; asked when a visit ends without the sheet."""
        with self.db.writing() as session:
            self._feedback_instruction(session, visit_id, how, staff_id)

    def _feedback_instruction(self, session: Session, visit_id: int, how: FeedbackInstruction,
                              staff_id: int) -> None:
        session.execute(
            update(Visit).where(Visit.id == visit_id).values(feedback_instruction=how.value, updated_at=self.clock())
        )
        self._audit(session, staff_id, AuditAction.FEEDBACK, visit_id, how.value)

    def record_print(
        self, visit_id: int | None, kind: str, language: str, copies: int, outcome: PrintOutcome,
        printer: str | None, file_path: str | None, error: str | None, staff_id: int | None,
    ) -> None:
        """A print job whose outcome is known at once (the demo data)."""
        outcome = PrintOutcome(outcome)
        with self.db.writing() as session:
            job = self._new_print(session, visit_id, kind, language, copies, outcome, staff_id)
            self._print_outcome(session, job, outcome, printer, file_path, error)

    def begin_print(self, visit_id: int | None, kind: str, language: str, copies: int,
                    staff_id: int | None) -> int:
        """Record a print before it goes to the printer, as "sending": a crash while it prints
        leaves it on record (and not counted as printed). Its id is for `end_print`."""
        with self.db.writing() as session:
            return self._new_print(session, visit_id, kind, language, copies, PrintOutcome.SENDING, staff_id).id

    def end_print(self, job_id: int, outcome: PrintOutcome, printer: str | None, file_path: str | None,
                  error: str | None) -> None:
        """How a print begun with `begin_print` went."""
        with self.db.writing() as session:
            job = session.get(PrintJob, job_id)
            if job is None:
                raise StorageError(_("The print job is no longer on record."))
            self._print_outcome(session, job, outcome, printer, file_path, error)

    def _new_print(self, session: Session, visit_id: int | None, kind: str, language: str, copies: int,
                   outcome: PrintOutcome, staff_id: int | None) -> PrintJob:
        now = self.clock()
        job = PrintJob(visit_id=visit_id, service_day=service_day(now), kind=kind, language=language,
                       copies=copies, outcome=outcome.value, staff_id=staff_id, created_at=now)
        session.add(job)
        session.flush()
        self._audit(session, staff_id, AuditAction.PRINT, visit_id, f"{kind} {language} x{copies} {outcome.value}")
        return job

    def _print_outcome(self, session: Session, job: PrintJob, outcome: PrintOutcome, printer: str | None,
                       file_path: str | None, error: str | None) -> None:
        """A feedback sheet that reached a printer counts as the instruction given."""
        outcome = PrintOutcome(outcome)
        job.outcome, job.printer, job.file_path, job.error = outcome.value, printer, file_path, error and error[:400]
        if job.visit_id is not None and job.kind == "feedback" and outcome is PrintOutcome.PRINTED:
            session.execute(
                update(Visit).where(Visit.id == job.visit_id).values(
                    feedback_instruction=FeedbackInstruction.PRINTED.value
                )
            )

    def record_consent(self, visit_id: int, kind: ConsentKind, method: ConsentMethod, staff_id: int) -> None:
        now = self.clock()
        with self.db.writing() as session:
            session.add(Consent(visit_id=visit_id, kind=kind.value, method=method.value, given_at=now,
                                given_by_id=staff_id))
            session.execute(update(Visit).where(Visit.id == visit_id).values(did_consent=True, updated_at=now))
            self._audit(session, staff_id, AuditAction.CONSENT, visit_id, f"{kind.value} {method.value}")

    def withdraw_consent(self, consent_id: int, method: ConsentMethod, staff_id: int) -> None:
        """The client takes a consent back; both stay on record."""
        now = self.clock()
        with self.db.writing() as session:
            consent = session.get(Consent, consent_id)
            if consent is None or consent.withdrawn_at is not None:
                raise TransitionRefused(_("That consent is already withdrawn."))
            consent.withdrawn_at, consent.withdrawn_by_id, consent.withdrawal_method = now, staff_id, method.value
            session.execute(update(Visit).where(Visit.id == consent.visit_id).values(updated_at=now))
            self._audit(session, staff_id, AuditAction.CONSENT_WITHDRAWN, consent.visit_id,
                        f"{consent.kind} {method.value}")

    # ------------------------------------------------------------ actions ---
    def call_next(self, staff_id: int) -> QueueEntry | None:
        """The first waiting visit in queue order, called by this worker; two desks never get one."""
        with self.db.writing() as session:
            visit_id = session.scalar(
                select(Visit.id)
                .where(Visit.status == VisitStatus.WAITING.value)
                .order_by(*QUEUE_ORDER)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            if visit_id is None:
                return None
            self._move_in(session, visit_id, [VisitStatus.WAITING], staff_id, AuditAction.CALL,
                          **self._call_values(staff_id))
            return next(iter(self._entries(session, Visit.id == visit_id)))

    def call(self, visit_id: int, staff_id: int) -> None:
        self._move(visit_id, [VisitStatus.WAITING], staff_id, AuditAction.CALL, **self._call_values(staff_id))

    def start(self, visit_id: int, staff_id: int) -> None:
        now = self.clock()
        self._move(
            visit_id,
            [VisitStatus.WAITING, VisitStatus.CALLED],
            staff_id,
            AuditAction.START,
            status=VisitStatus.IN_SESSION.value,
            called_at=_keep(Visit.called_at, now),
            wait_seconds=func.coalesce(Visit.wait_seconds, seconds_between(Visit.arrived_at, _at(now))),
            called_by_id=func.coalesce(Visit.called_by_id, staff_id),
            started_at=_keep(Visit.started_at, now),
        )

    def return_to_queue(self, visit_id: int, staff_id: int) -> None:
        self._move(visit_id, [VisitStatus.CALLED, VisitStatus.IN_SESSION], staff_id, AuditAction.REQUEUE,
                   status="waiting")

    def mark_left(self, visit_id: int, staff_id: int) -> None:
        """Left without being seen: from the queue, or called but never came."""
        self._move(
            visit_id,
            [VisitStatus.WAITING, VisitStatus.CALLED],
            staff_id,
            AuditAction.LEFT,
            status=VisitStatus.LEFT.value,
            left_at=self.clock(),
        )

    def finish(self, visit_id: int, outcome: Outcome, staff_id: int,
               feedback: FeedbackInstruction | None = None, drop_draft: str | None = None) -> None:
        """Finish with the outcome, and in the same transaction the worker's answer about the
        feedback instruction (if asked) and the drop of their draft of the form (`drop_draft`):
        a finish refused (another desk finished it first) stores none of them."""
        now = self.clock()
        with self.db.writing() as session:
            self._move_in(
                session,
                visit_id,
                [VisitStatus.CALLED, VisitStatus.IN_SESSION],
                staff_id,
                AuditAction.FINISH,
                status=VisitStatus.FINISHED.value,
                called_at=_keep(Visit.called_at, now),
                started_at=func.coalesce(Visit.started_at, Visit.called_at, _at(now)),
                finished_at=now,
                wait_seconds=func.coalesce(Visit.wait_seconds, seconds_between(Visit.arrived_at, _at(now))),
                session_seconds=seconds_between(
                    func.coalesce(Visit.started_at, Visit.called_at, _at(now)), _at(now)),
                finished_by_id=staff_id,
                follow_up_on=outcome.follow_up_on,
                next_appointment_at=outcome.next_appointment,
                outcome_note=outcome.note,
                **{column: action in outcome.actions for action, column in ACTION_COLUMNS.items()},
            )
            session.add_all(Referral(visit_id=visit_id, destination=d) for d in outcome.referrals)
            session.add_all(
                ResponsibleWorker(visit_id=visit_id, **worker.model_dump()) for worker in outcome.workers
            )
            if feedback is not None:
                self._feedback_instruction(session, visit_id, feedback, staff_id)
            if drop_draft is not None:
                drafts.drop(session, staff_id, drop_draft)

    def _call_values(self, staff_id: int) -> dict[str, Any]:
        now = self.clock()
        return {
            "status": VisitStatus.CALLED.value,
            "called_at": _keep(Visit.called_at, now),
            "called_by_id": staff_id,
            "called_to": self.workstation,
            "wait_seconds": func.coalesce(Visit.wait_seconds, seconds_between(Visit.arrived_at, _at(now))),
        }

    def _move(self, visit_id: int, allowed: Iterable[VisitStatus], staff_id: int, action: AuditAction,
              **values: Any) -> None:
        with self.db.writing() as session:
            self._move_in(session, visit_id, allowed, staff_id, action, **values)

    def _move_in(self, session: Session, visit_id: int, allowed: Iterable[VisitStatus], staff_id: int,
                 action: AuditAction, **values: Any) -> None:
        """Change a visit only if it is still in an allowed state: the race between desks is lost
        cleanly, with a message, never half. The audit event goes in with the change."""
        result = session.execute(
            update(Visit)
            .where(Visit.id == visit_id, Visit.status.in_([s.value for s in allowed]))
            .values(updated_at=self.clock(), **values)
        )
        if result.rowcount == 0:
            row = session.execute(select(Visit.ticket, Visit.status).where(Visit.id == visit_id)).first()
            if row is None:
                raise TransitionRefused(_("The visit is no longer there."))
            raise TransitionRefused(
                _("Ticket {ticket} is already {status}.").format(
                    ticket=row.ticket, status=VisitStatus(row.status).label
                )
            )
        self._audit(session, staff_id, action, visit_id)


def _at(moment: datetime) -> ColumnElement[datetime]:
    """A moment as an SQL value that goes through the UTC column type, also inside functions."""
    return literal(moment, UTCDateTime())


def _keep(column: object, moment: datetime) -> ColumnElement[datetime]:
    """The column's time if it has one, else `moment`: a first call stays the first call."""
    return func.coalesce(column, _at(moment))


def _codes(values: dict[str, Any]) -> dict[str, Any]:
    """Enum members to their stored codes."""
    return {k: getattr(v, "value", v) for k, v in values.items()}


def _entry(visit: Visit, called_by: str | None) -> QueueEntry:
    return QueueEntry(
        id=visit.id,
        ticket=visit.ticket,
        service_day=visit.service_day,
        status=VisitStatus(visit.status),
        urgency=Urgency(visit.urgency),
        arrived_at=visit.arrived_at,
        call_name=visit.call_name,
        language=visit.language,
        triaged=visit.triaged_at is not None,
        triage_rules=tuple(visit.triage_rules or ()),
        called_by=called_by,
        updated_at=visit.updated_at,
    )


def _detail(visit: Visit, handouts: list[PrintedHandout], names: dict[int, str]) -> VisitDetail:
    return VisitDetail(
        entry=_entry(visit, visit.called_by.display_name if visit.called_by else None),
        life_situation=visit.life_situation,
        referral_channel=visit.referral_channel,
        municipality=visit.municipality,
        age_group=visit.age_group,
        callback_phone=visit.callback_phone,
        triage_urgency=Urgency(visit.triage_urgency) if visit.triage_urgency else None,
        override_reason=visit.override_reason,
        triage_answers=dict(visit.triage_answers or {}),
        called_at=visit.called_at,
        started_at=visit.started_at,
        finished_at=visit.finished_at,
        left_at=visit.left_at,
        actions=frozenset(a.value for a, column in ACTION_COLUMNS.items() if getattr(visit, column)),
        referrals=tuple(r.destination for r in visit.referrals),
        workers=tuple(_worker(w) for w in visit.workers),
        follow_up_on=visit.follow_up_on,
        next_appointment_at=visit.next_appointment_at,
        outcome_note=visit.outcome_note,
        feedback_instruction=visit.feedback_instruction,
        handouts=tuple(handouts),
        consents=tuple(
            ConsentRecord(c.id, c.kind, c.method, c.given_at, names.get(c.given_by_id, "?"), c.withdrawn_at,
                          names.get(c.withdrawn_by_id) if c.withdrawn_by_id else None, c.withdrawal_method)
            for c in visit.consents),
        purged=visit.purged_at is not None,
    )


def _worker(worker: ResponsibleWorker) -> WorkerOnVisit:
    staff = worker.staff
    if staff is not None:
        return WorkerOnVisit(
            staff.id, staff.display_name, None, staff.phone, staff.job_title, staff.email,
            staff.phone_hours, staff.location,
        )
    return WorkerOnVisit(None, worker.name or "", worker.organisation, worker.phone)


def printed(job: PrintJob) -> PrintedHandout:
    return PrintedHandout(
        job.kind, job.language, job.copies, job.outcome, job.printer, job.file_path, job.error,
        job.created_at,
    )
