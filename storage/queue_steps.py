"""The queue's steps on a visit, each a guarded change that commits at once with its audit row:
admit, triage, call, call again, start, return to the queue, mark left, did not show, finish,
put back a visit closed by mistake, correct a finished visit's outcome, and step out and back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, literal, literal_column, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from forms.choices import AuditAction, FeedbackInstruction, Urgency, VisitStatus
from forms.i18n import _
from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.timefmt import local, service_day
from forms.transitions import OPEN, PUT_BACK, QueueStep, allows, no_show_due, transition
from forms.waits import stepped_out
from storage import drafts
from storage.audit import Actor
from storage.away import end_away
from storage.db import changed_rows
from storage.desk_base import DeskBase
from storage.errors import DayFull, StorageError, TransitionRefused
from storage.models import (
    AwayPeriod,
    DeskSession,
    FollowUp,
    FollowUpContact,
    Referral,
    ResponsibleWorker,
    Staff,
    UTCDateTime,
    Visit,
    VisitHandover,
)
from storage.presence import present_staff
from storage.queue_reads import callable_by, not_stepped_out, own_first, queue_order
from storage.sqltime import seconds_between
from storage.view_mapping import ACTION_COLUMNS, queue_entry
from storage.views import DayClosing, QueueEntry

DAY_CLOSED = "day_closed"
"""The audit detail of a visit marked left by closing the day, not by a worker's `l`."""
TICKET_LOCK = 4242
"""PostgreSQL advisory lock class for the day's ticket numbers."""


class QueueSteps(DeskBase):
    """Admitting a walk-in and the guarded steps of forms.transitions."""

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
                    return queue_entry(visit, None)
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
        # The site's own series: visits are never deleted (erasing empties their personal fields),
        # so the site's count of the day numbers the next one.
        number = 1 + (session.scalar(select(func.count()).select_from(Visit)
                                     .where(Visit.service_day == day, self.here())) or 0)
        if number > 999:
            raise DayFull(_("All 999 ticket numbers of today are used."))
        visit = Visit(
            service_day=day,
            ticket_no=(last or 0) + 1,
            ticket=f"{self.ticket_prefix}{number:03d}",
            site=self.site,
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

    def change_intake(self, visit_id: int, form: IntakeForm, staff_id: int) -> None:
        """The intake completed or corrected while the visit is open (the name to call, the
        language, the callback phone given later). The audit row names the fields changed, not
        their values; nothing changed, nothing is written."""
        values = _codes(form.model_dump())
        with self.db.writing() as session:
            visit = session.get(Visit, visit_id)
            if visit is not None and visit.restricted_at is not None:
                # The form showed no name or phone (hidden), so saving it would erase them.
                raise TransitionRefused(_("The processing of this visit's data is restricted: its intake "
                                          "cannot be changed until an administrator lifts the restriction."))
            changed = [name for name, value in values.items() if visit is None or getattr(visit, name) != value]
            if changed:
                self._move_in(session, visit_id, QueueStep.EDIT_INTAKE, staff_id, AuditAction.INTAKE_CHANGED,
                              ",".join(changed), **values)

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
            QueueStep.TRIAGE,
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

    # ------------------------------------------------------------ actions ---
    def call_next(self, staff_id: int) -> QueueEntry | None:
        """The first waiting visit in this worker's order: the visits handed to them first, then
        the queue's order (the board's, with the fair-wait rule of the profile) at this site, or
        handed to this worker from another site, passing by a visit
        handed to another worker at work now (forms.handover); two desks never get one. A client
        stepped out is passed by until back or their time is up (a step out racing this call waits
        for its row lock on PostgreSQL and is then refused, or is skipped as locked; SQLite writes
        one at a time)."""
        with self.db.writing() as session:
            # The moment is taken once the write has begun (SQLite: the database's lock held), so a
            # colleague's away or a step out committed just before is judged at a later moment.
            session.connection()
            now = self.clock()
            first = (
                select(Visit.id)
                .where(Visit.status.in_([s.value for s in transition(QueueStep.CALL).applies_to]),
                       or_(self.here(), Visit.handed_to_id == staff_id),
                       callable_by(staff_id, now), not_stepped_out(now))
                .order_by(own_first(staff_id), *queue_order(now, self.queue_rules))
                .limit(1)
                .with_for_update(skip_locked=True)
                .correlate(None)  # its own look at the table, not the row being updated
                .scalar_subquery()
            )
            # One statement picks, locks and calls the visit (PostgreSQL locks the row the subquery
            # found, skipping one another desk holds; SQLite writes one at a time), and returns
            # what the desk shows: the status guard is the subquery's, so no second look is needed.
            # Named in full: SQLAlchemy writes SQLite's RETURNING columns unqualified, and a bare
            # "id" inside the subquery would be the handover's own.
            untaken = (select(VisitHandover.id)
                       .where(VisitHandover.visit_id == literal_column(f"{Visit.__tablename__}.id"),
                              VisitHandover.taken_at.is_(None)).exists())
            caller = select(Staff.display_name).where(Staff.id == staff_id).scalar_subquery()
            row = session.execute(
                update(Visit).where(Visit.id == first)
                .values(updated_at=now, status=VisitStatus.CALLED.value, stepped_out_until=None,
                        **self._call_values(staff_id))
                .returning(Visit, caller, untaken)
                .execution_options(synchronize_session=False)
            ).first()
            if row is None:
                return None
            visit, called_by, handed = row
            self._after_step(session, visit.id, staff_id, AuditAction.CALL)
            if handed:
                take_handover(session, visit.id, staff_id, now)
            return queue_entry(visit, called_by)

    def call(self, visit_id: int, staff_id: int) -> None:
        """Call the chosen visit, also one handed to someone else (forms.handover: a worker's own
        choice), which takes the handover."""
        with self.db.writing() as session:
            self._move_in(session, visit_id, QueueStep.CALL, staff_id, AuditAction.CALL,
                          **self._call_values(staff_id))
            take_handover(session, visit_id, staff_id, self.clock())

    def call_again(self, visit_id: int, staff_id: int) -> None:
        """Call a called ticket once more (the client did not hear): one more call counted, and
        the latest call's time moves, so the display shows it first again. Audited like a call."""
        self._move(visit_id, QueueStep.CALL_AGAIN, staff_id, AuditAction.CALL_AGAIN,
                   **self._call_values(staff_id))

    def step_out(self, visit_id: int, staff_id: int) -> datetime:
        """A waiting client steps out for the profile's minutes, keeping their place (the arrival
        is untouched); the end of it, which the audit row names. Refused while they are out (two
        desks stepping one client out at once: the first one counts); once the time is up, a new
        step out gives the full time again."""
        now = self.clock()
        until = self.queue_rules.step_out_until(now)
        with self.db.writing() as session:
            row = session.execute(select(Visit.ticket, Visit.stepped_out_until).where(Visit.id == visit_id)).first()
            if row is not None and stepped_out(row.stepped_out_until, now):
                raise TransitionRefused(_("{ticket} has already stepped out.").format(ticket=row.ticket))
            self._move_in(session, visit_id, QueueStep.STEP_OUT, staff_id, AuditAction.STEP_OUT,
                          until.isoformat(timespec="seconds"), not_stepped_out(now), stepped_out_until=until)
        return until

    def step_back(self, visit_id: int, staff_id: int) -> None:
        """The client who stepped out is back (or the desk clears a time that ran out): waiting in
        the same place as before. Refused for a visit not stepped out."""
        with self.db.writing() as session:
            row = session.execute(select(Visit.ticket, Visit.status, Visit.stepped_out_until)
                                  .where(Visit.id == visit_id)).first()
            if row is not None and row.status == VisitStatus.WAITING.value and row.stepped_out_until is None:
                raise TransitionRefused(_("{ticket} has not stepped out.").format(ticket=row.ticket))
            self._move_in(session, visit_id, QueueStep.STEP_BACK, staff_id, AuditAction.STEP_BACK, None,
                          Visit.stepped_out_until.is_not(None), stepped_out_until=None)

    def mark_no_show(self, visit_id: int, staff_id: int) -> None:
        """Called the profile's number of times and never came: closed as "did not show", counted
        apart from "left without being seen". Refused before enough calls."""
        with self.db.writing() as session:
            calls = session.scalar(select(Visit.calls).where(Visit.id == visit_id))
            if calls is not None and not no_show_due(calls, self.queue_rules.calls_before_no_show):
                raise TransitionRefused(
                    _("Called {calls} times: \"did not show\" needs {needed} calls.").format(
                        calls=calls, needed=self.queue_rules.calls_before_no_show))
            self._move_in(session, visit_id, QueueStep.MARK_NO_SHOW, staff_id, AuditAction.NO_SHOW, None,
                          Visit.calls >= self.queue_rules.calls_before_no_show, no_show_at=self.clock())

    def start(self, visit_id: int, staff_id: int) -> None:
        now = self.clock()
        with self.db.writing() as session:
            self._move_in(
                session,
                visit_id,
                QueueStep.START,
                staff_id,
                AuditAction.START,
                called_at=_keep(Visit.called_at, now),
                wait_seconds=func.coalesce(Visit.wait_seconds, seconds_between(Visit.arrived_at, _at(now))),
                called_by_id=func.coalesce(Visit.called_by_id, staff_id),
                started_at=_keep(Visit.started_at, now),
                handed_to_id=None,
            )
            take_handover(session, visit_id, staff_id, now)  # started straight from the queue

    def return_to_queue(self, visit_id: int, staff_id: int) -> None:
        self._move(visit_id, QueueStep.RETURN_TO_QUEUE, staff_id, AuditAction.REQUEUE)

    def mark_left(self, visit_id: int, staff_id: int) -> None:
        """Left without being seen: from the queue, or called but never came."""
        self._move(
            visit_id,
            QueueStep.MARK_LEFT,
            staff_id,
            AuditAction.LEFT,
            left_at=self.clock(),
        )

    def day_closing(self, staff_id: int, site: str | None = None) -> DayClosing:
        """What `close_day` by this worker at `site` (None: this workstation's) would close now,
        and what it would leave open."""
        today = service_day(self.clock())
        with self.db.reading() as session:
            to_close = session.scalars(select(Visit.ticket).where(self._closable(today, staff_id, site))
                                       .order_by(Visit.ticket_no)).all()
            still_open = session.scalar(select(func.count()).where(
                Visit.service_day == today, self.here(site), Visit.status.in_([s.value for s in OPEN]))) or 0
        return DayClosing(tuple(to_close), still_open - len(to_close), site or self.site)

    def close_day(self, staff_id: int, site: str | None = None) -> tuple[str, ...]:
        """Mark today's open visits left without being seen, in one commit, each with its own audit
        row ("day_closed"), as `mark_left` would one by one; the tickets closed. Only visits no
        desk is busy with: waiting, or called by this worker or one no longer at any desk (a
        meeting was a meeting, and a call at another desk is theirs). Two desks closing the day at
        once close each visit once: the UPDATE skips a row the other already marked left (SQLite
        writes one at a time; PostgreSQL re-reads a row it waited for), and only the rows it
        returns are audited. `site`: the site whose day is closed (None: this workstation's; the
        summary closes the site it shows)."""
        now = self.clock()
        with self.db.writing() as session:
            closed = session.execute(
                update(Visit).where(self._closable(service_day(now), staff_id, site))
                .values(status=VisitStatus.LEFT.value, left_at=now, updated_at=now, stepped_out_until=None)
                .returning(Visit.id, Visit.ticket, Visit.ticket_no)
                .execution_options(synchronize_session=False)
            ).all()
            for visit_id, _ticket, _no in closed:
                self._audit(session, staff_id, AuditAction.LEFT, visit_id, DAY_CLOSED)
        return tuple(ticket for _id, ticket, _no in sorted(closed, key=lambda row: row.ticket_no))

    def _closable(self, day: date, staff_id: int, site: str | None) -> ColumnElement[bool]:
        """The visits of `day` at `site` that closing the day may mark left (see `close_day`)."""
        others_here = present_staff(self.clock()).where(DeskSession.staff_id != staff_id)
        return and_(Visit.service_day == day, self.here(site), or_(
            Visit.status == VisitStatus.WAITING.value,
            and_(Visit.status == VisitStatus.CALLED.value,
                 or_(Visit.called_by_id.is_(None), Visit.called_by_id.not_in(others_here)))))

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
                QueueStep.FINISH,
                staff_id,
                AuditAction.FINISH,
                called_at=_keep(Visit.called_at, now),
                started_at=func.coalesce(Visit.started_at, Visit.called_at, _at(now)),
                finished_at=now,
                wait_seconds=func.coalesce(Visit.wait_seconds, seconds_between(Visit.arrived_at, _at(now))),
                meeting_seconds=seconds_between(
                    func.coalesce(Visit.started_at, Visit.called_at, _at(now)), _at(now)),
                finished_by_id=staff_id,
                **_outcome_values(outcome),
            )
            _add_people(session, visit_id, outcome)
            keep_follow_up(session, visit_id, outcome, staff_id, now)
            if feedback is not None:
                self._feedback_instruction(session, visit_id, feedback, staff_id)
            if drop_draft is not None:
                drafts.drop(session, staff_id, drop_draft)

    def put_back(self, visit_id: int, staff_id: int, step: QueueStep) -> None:
        """Undo a closing step taken by mistake, the same service day only (a past day's figures
        stay as they were counted). `step` is one of forms.transitions.PUT_BACK: a visit marked
        left or "did not show" goes back to the queue with its arrival time, so its place, kept (and
        its calls counted so far); a finished one goes
        back in the meeting with its outcome undone (finished again, it is counted once). The
        audit row names the step, who and when."""
        if step not in PUT_BACK:
            raise ValueError(step)
        values: dict[str, Any] = {
            QueueStep.PUT_BACK_LEFT: {"left_at": None},
            QueueStep.PUT_BACK_NO_SHOW: {"no_show_at": None},
        }.get(step) or {
            "finished_at": None, "finished_by_id": None, "meeting_seconds": None,
            **_outcome_values(Outcome()),
        }
        with self.db.writing() as session:
            self._today_only(session, visit_id, _("Only a visit of today can be put back."))
            self._move_in(session, visit_id, step, staff_id, AuditAction.PUT_BACK, step.value,
                          **values)
            if step is QueueStep.PUT_BACK_FINISHED:
                _drop_people(session, visit_id)
                keep_follow_up(session, visit_id, Outcome(), staff_id, self.clock())

    def correct_outcome(self, visit_id: int, outcome: Outcome, staff_id: int) -> list[str]:
        """Replace a finished visit's outcome with a corrected one, the same service day only; the
        visit stays finished, its times as they were. The audit row names the fields changed (who
        and when, as every row), never their values; nothing changed, nothing is written. Returns
        the names of the fields changed. The day's tallies follow by themselves: today's figures
        are counted from the visits, and a change to a visit or a referral drops its day's tally."""
        values = _outcome_values(outcome)
        with self.db.writing() as session:
            self._today_only(session, visit_id, _("Only an outcome of today can be corrected."))
            visit = session.get(Visit, visit_id)
            changed = [] if visit is None else [
                field for field, columns in OUTCOME_FIELDS.items()
                if any(getattr(visit, column) != values[column] for column in columns)]
            referrals = list(session.scalars(
                select(Referral.destination).where(Referral.visit_id == visit_id).order_by(Referral.id)))
            if referrals != list(outcome.referrals):
                changed.append("referrals")
            workers = [tuple(row) for row in session.execute(
                select(*(getattr(ResponsibleWorker, k) for k in WORKER_FIELDS))
                .where(ResponsibleWorker.visit_id == visit_id).order_by(ResponsibleWorker.id))]
            if workers != [tuple(getattr(w, k) for k in WORKER_FIELDS) for w in outcome.workers]:
                changed.append("workers")
            # Not finished (or gone): refused by the guard, even with nothing to change.
            if visit is None or not allows(QueueStep.CORRECT_OUTCOME, VisitStatus(visit.status)) or changed:
                self._move_in(session, visit_id, QueueStep.CORRECT_OUTCOME, staff_id,
                              AuditAction.OUTCOME_CORRECTED, ",".join(changed), **values)
                _drop_people(session, visit_id)
                _add_people(session, visit_id, outcome)
                if {"follow_up_on", "workers"} & set(changed):
                    finisher = (visit and visit.finished_by_id) or staff_id
                    keep_follow_up(session, visit_id, outcome, finisher, self.clock(),
                                   worker_changed="workers" in changed)
            return changed

    def _today_only(self, session: Session, visit_id: int, refusal: str) -> None:
        """forms.transitions.SAME_DAY: a correction of a past day would change figures already
        counted and reported."""
        day = session.scalar(select(Visit.service_day).where(Visit.id == visit_id))
        if day is not None and day != service_day(self.clock()):
            raise TransitionRefused(refusal)

    def _call_values(self, staff_id: int) -> dict[str, Any]:
        now = self.clock()
        return {
            "called_at": _keep(Visit.called_at, now),
            "called_by_id": staff_id,
            "called_to": self.workstation,
            "calls": Visit.calls + 1,
            "last_called_at": now,
            "handed_to_id": None,  # called: no longer waiting for anyone (the chain keeps who)
            "wait_seconds": func.coalesce(Visit.wait_seconds, seconds_between(Visit.arrived_at, _at(now))),
        }

    def _move(self, visit_id: int, step: QueueStep, staff_id: int, action: AuditAction,
              detail: str | None = None, /, **values: Any) -> None:
        with self.db.writing() as session:
            self._move_in(session, visit_id, step, staff_id, action, detail, **values)

    def _move_in(self, session: Session, visit_id: int, step: QueueStep, staff_id: int,
                 action: AuditAction, detail: str | None = None,
                 where: ColumnElement[bool] | None = None, /, **values: Any) -> None:
        """Take `step` only if the visit is still in a status the queue's table allows it from
        (and meets `where`): the race between desks is lost cleanly, with a message, never half.
        The status it leads to comes from the table too, and a step out ends with any change of
        status (a call, a start, left...). The audit event goes in with the change."""
        rule = transition(step)
        if rule.leads_to is not None:
            values["status"] = rule.leads_to.value
            values.setdefault("stepped_out_until", None)
        result = session.execute(
            update(Visit)
            .where(Visit.id == visit_id, Visit.status.in_([s.value for s in rule.applies_to]),
                   *(() if where is None else (where,)))
            .values(updated_at=self.clock(), **values)
        )
        if changed_rows(result) == 0:
            row = session.execute(select(Visit.ticket, Visit.status).where(Visit.id == visit_id)).first()
            if row is None:
                raise TransitionRefused(_("The visit is no longer there."))
            raise TransitionRefused(
                _("Ticket {ticket} is already {status}.").format(
                    ticket=row.ticket, status=VisitStatus(row.status).label
                )
            )
        self._after_step(session, visit_id, staff_id, action, detail)

    def _after_step(self, session: Session, visit_id: int, staff_id: int, action: AuditAction,
                    detail: str | None = None) -> None:
        """What goes in with every queue step: its audit row, and the worker's away ended."""
        self._audit(session, staff_id, action, visit_id, detail)
        if staff_id is not None:
            # Any queue step a worker takes (call next, above all) means they are back at the desk.
            end_away(session, self.clock(), Actor(staff_id, self.workstation), AwayPeriod.staff_id == staff_id)


OUTCOME_FIELDS: dict[str, tuple[str, ...]] = {
    "actions": tuple(ACTION_COLUMNS.values()),
    "follow_up_on": ("follow_up_on",),
    "follow_up_by": ("follow_up_by",),
    "next_appointment": ("next_appointment_at",),
    "appointment_place": ("appointment_place",),
    "note": ("outcome_note",),
}
"""The outcome's fields (as the finish form names them) and the visit columns that hold them; a
correction's audit row names the fields."""

WORKER_FIELDS = ("staff_id", "name", "organisation", "phone")


def _outcome_values(outcome: Outcome) -> dict[str, Any]:
    """The visit columns that hold an outcome (an empty Outcome: the columns cleared)."""
    return {
        "follow_up_on": outcome.follow_up_on,
        "follow_up_by": outcome.follow_up_by.value if outcome.follow_up_on else None,
        "next_appointment_at": outcome.next_appointment,
        "appointment_place": outcome.appointment_place,
        "outcome_note": outcome.note,
        **{column: action in outcome.actions for action, column in ACTION_COLUMNS.items()},
    }


def _add_people(session: Session, visit_id: int, outcome: Outcome) -> None:
    """The outcome's referrals and named responsible workers."""
    session.add_all(Referral(visit_id=visit_id, destination=d) for d in outcome.referrals)
    session.add_all(ResponsibleWorker(visit_id=visit_id, **worker.model_dump()) for worker in outcome.workers)


def _drop_people(session: Session, visit_id: int) -> None:
    session.execute(delete(Referral).where(Referral.visit_id == visit_id))
    session.execute(delete(ResponsibleWorker).where(ResponsibleWorker.visit_id == visit_id))


def keep_follow_up(session: Session, visit_id: int, outcome: Outcome, finished_by: int, now: datetime,
                   worker_changed: bool = True) -> None:
    """The visit's open follow-up follows its outcome, in the step's transaction: made when the
    outcome sets a follow-up date (due that day, with the first named responsible worker who is
    staff, else the worker who finished), moved when the date or (`worker_changed`) the workers
    change, and deleted when the date is gone and no contact was recorded yet (one with contacts
    stays: its history is the service's). A closed follow-up is left as it was closed."""
    staff_id = next((w.staff_id for w in outcome.workers if w.staff_id is not None), finished_by)
    follow_up = session.scalar(select(FollowUp).where(FollowUp.visit_id == visit_id).with_for_update())
    if follow_up is None:
        if outcome.follow_up_on is not None:
            session.add(FollowUp(visit_id=visit_id, staff_id=staff_id, due_on=outcome.follow_up_on, created_at=now))
        return
    if follow_up.closed_at is not None:
        return
    if outcome.follow_up_on is None:
        if not session.scalar(select(func.count()).where(FollowUpContact.follow_up_id == follow_up.id)):
            session.delete(follow_up)
        return
    follow_up.due_on = outcome.follow_up_on
    if worker_changed:
        follow_up.staff_id = staff_id


def take_handover(session: Session, visit_id: int, staff_id: int, now: datetime) -> None:
    """The visit was called (or its meeting started) after a handover: the latest handover, if not
    taken yet, is taken now by this worker (the time from handover to meeting counts to here)."""
    latest = select(func.max(VisitHandover.id)).where(VisitHandover.visit_id == visit_id).scalar_subquery()
    session.execute(update(VisitHandover)
                    .where(VisitHandover.id == latest, VisitHandover.taken_at.is_(None))
                    .values(taken_at=now, taken_by_id=staff_id)
                    .execution_options(synchronize_session=False))


def _at(moment: datetime) -> ColumnElement[datetime]:
    """A moment as an SQL value that goes through the UTC column type, also inside functions."""
    return literal(moment, UTCDateTime())


def _keep(column: InstrumentedAttribute[datetime | None], moment: datetime) -> ColumnElement[datetime]:
    """The column's time if it has one, else `moment`: a first call stays the first call."""
    return func.coalesce(column, _at(moment))


def _codes(values: dict[str, Any]) -> dict[str, Any]:
    """Enum members to their stored codes."""
    return {k: getattr(v, "value", v) for k, v in values.items()}
