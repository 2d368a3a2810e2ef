"""A visit's record beyond the queue: its details (each opening audited), the feedback
instruction, print jobs and consents."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from forms.choices import AuditAction, ConsentKind, ConsentMethod, FeedbackInstruction, PrintOutcome
from forms.i18n import _
from forms.timefmt import service_day
from storage.desk_base import DeskBase
from storage.errors import StorageError, TransitionRefused
from storage.handovers import chain
from storage.models import Consent, PrintJob, ResponsibleWorker, Staff, Visit
from storage.view_mapping import printed, visit_detail
from storage.views import VisitDetail


class VisitRecords(DeskBase):
    """A visit's details, and what is recorded on it besides its place in the queue."""

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
            detail = visit_detail(visit, [printed(job) for job in jobs], names)
            return replace(detail, handovers=chain(session, visit_id))

    def record_feedback_instruction(self, visit_id: int, how: FeedbackInstruction, staff_id: int) -> None:
        """How the client got the feedback instruction; asked when a visit ends without the sheet."""
        with self.db.writing() as session:
            self._feedback_instruction(session, visit_id, how, staff_id)

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

    def record_consent(self, visit_id: int, kind: ConsentKind, method: ConsentMethod, staff_id: int,
                       text_version: str | None = None) -> None:
        """`text_version`: the version of the profile's text for `kind` the client was given (None:
        the profile has no text for it)."""
        now = self.clock()
        with self.db.writing() as session:
            session.add(Consent(visit_id=visit_id, kind=kind.value, method=method.value, given_at=now,
                                given_by_id=staff_id, text_version=text_version))
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
