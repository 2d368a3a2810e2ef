"""The visit's use cases without Textual, on SQLite and PostgreSQL: admit drops the intake draft in
the same commit; finish stores the feedback answer only with the finish, and keeps it when the
sheet asked for at once does not print."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, FeedbackInstruction, PrintOutcome, VisitStatus
from forms.intake import IntakeForm
from forms.outcome import Finishing, Outcome
from forms.profile import ServiceProfile
from forms.settings import Settings
from storage.errors import TransitionRefused
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import add_worker
from tests.cups import Cups
from workflows.handouts import Told
from workflows.visits import FINISH_DRAFT, INTAKE_DRAFT, admit, finish


def test_admit_queues_the_visit_and_drops_the_draft_in_one_commit(services: Services, worker: StaffMember) -> None:
    services.drafts.save(worker.id, INTAKE_DRAFT, {"call_name": "Eelis"})
    commits: list[object] = []

    def committed(connection: object) -> None:
        commits.append(connection)

    event.listen(services.db.engine, "commit", committed)
    try:
        entry = admit(services, IntakeForm(call_name="Eelis"), worker.id)
    finally:
        event.remove(services.db.engine, "commit", committed)
    assert len(commits) == 1, "the visit and the draft's drop are one transaction"
    assert [e.ticket for e in services.desk.snapshot().entries] == [entry.ticket]
    assert services.drafts.load(worker.id, INTAKE_DRAFT) is None


def test_a_failure_in_the_draft_drop_queues_nothing(services: Services, worker: StaffMember,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    services.drafts.save(worker.id, INTAKE_DRAFT, {"call_name": "Eelis"})

    def cut(*_args: object) -> None:
        raise RuntimeError("the desk stopped here")

    monkeypatch.setattr("storage.drafts.drop", cut)
    with pytest.raises(RuntimeError):
        admit(services, IntakeForm(call_name="Eelis"), worker.id)
    assert services.desk.snapshot().entries == (), "no visit queued without its draft dropped"
    assert services.drafts.load(worker.id, INTAKE_DRAFT) == {"call_name": "Eelis"}


@pytest.fixture
def called(services: Services, worker: StaffMember) -> int:
    visit = services.desk.admit(IntakeForm(), worker.id)
    services.desk.call(visit.id, worker.id)
    services.drafts.save(worker.id, FINISH_DRAFT, {"visit_id": visit.id, "note": "soittaa maanantaina"})
    return visit.id


def test_a_refused_finish_stores_no_feedback_answer(services: Services, settings: Settings, profile: ServiceProfile,
                                                    worker: StaffMember, called: int) -> None:
    other = add_worker(services, "ville", "Ville Esimerkki")
    services.desk.finish(called, Outcome(), other.id)  # another desk was first
    finished: list[bool] = []
    with pytest.raises(TransitionRefused):
        finish(services, settings, profile, called, Finishing(outcome=Outcome(), feedback=FeedbackInstruction.DECLINED),
               worker, finished=lambda: finished.append(True))
    assert finished == []
    assert services.desk.visit(called).feedback_instruction is None
    assert services.audit.events(AuditQuery(action=AuditAction.FEEDBACK)) == []
    assert services.drafts.load(worker.id, FINISH_DRAFT) is not None, "nothing of the refused step is stored"


def test_finish_stores_the_answer_and_drops_the_draft(services: Services, settings: Settings,
                                                      profile: ServiceProfile, worker: StaffMember,
                                                      called: int) -> None:
    finish(services, settings, profile, called, Finishing(outcome=Outcome(), feedback=FeedbackInstruction.OTHER_WAY),
           worker)
    detail = services.desk.visit(called)
    assert (detail.entry.status, detail.feedback_instruction) == (VisitStatus.FINISHED, "other_way")
    assert detail.handouts == ()
    assert services.drafts.load(worker.id, FINISH_DRAFT) is None


def test_a_failed_print_now_keeps_the_answer_and_records_the_failed_print(
        services: Services, settings: Settings, profile: ServiceProfile, worker: StaffMember, called: int,
        cups: Cups) -> None:
    no_printer = settings.model_copy(update={"printer": "NoSuchPrinter"})
    told: list[Told] = []
    order: list[str] = []
    finish(services, no_printer, profile, called, Finishing(outcome=Outcome(), feedback=FeedbackInstruction.PRINTED),
           worker, finished=lambda: order.append("finished"), tell=lambda t: (order.append("told"), told.append(t)))
    assert order == ["finished", "told"], "the worker hears of the finish before the printer answers"
    detail = services.desk.visit(called)
    assert detail.entry.status is VisitStatus.FINISHED
    assert detail.feedback_instruction == "printed", "the answer the worker gave is kept"
    [job] = detail.handouts
    assert (job.kind, job.outcome) == ("feedback", PrintOutcome.SAVED)
    assert job.error and "NoSuchPrinter ei ole" in job.error
    assert job.file_path and Path(job.file_path).exists()
    assert len(told) == 1 and not told[0].printed
    assert services.reports.summary(detail.entry.service_day).feedback.complete
