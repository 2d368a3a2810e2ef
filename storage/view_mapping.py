"""Visit rows to the frozen view records of storage.views, and outcome actions to their columns."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case

from forms.choices import OutcomeAction, Urgency, VisitStatus
from storage.models import PrintJob, ResponsibleWorker, Visit
from storage.views import (
    ConsentRecord,
    PrintedHandout,
    QueueEntry,
    VisitDetail,
    WorkerOnVisit,
)

ACTION_COLUMNS = {
    OutcomeAction.GUIDANCE: "did_guidance",
    OutcomeAction.REFERRAL: "did_referral",
    OutcomeAction.APPOINTMENT: "did_appointment",
    OutcomeAction.WORKER_NAMED: "did_worker_named",
    OutcomeAction.CONSENT: "did_consent",
}


SHOWN_CALL_NAME: Any = case((Visit.restricted_at.is_(None), Visit.call_name), else_=None)
"""The name to call as the screens may show it, for a query that reads columns, not visits: none
while the visit's processing is restricted (`shown`)."""


def shown(visit: Visit, value: str | None) -> str | None:
    """A personal field as the screens may show it: none while the visit is restricted."""
    return None if visit.restricted_at is not None else value


def queue_entry(visit: Visit, called_by: str | None) -> QueueEntry:
    return QueueEntry(
        id=visit.id,
        ticket=visit.ticket,
        service_day=visit.service_day,
        status=VisitStatus(visit.status),
        urgency=Urgency(visit.urgency),
        arrived_at=visit.arrived_at,
        call_name=shown(visit, visit.call_name),
        language=visit.language,
        triaged=visit.triaged_at is not None,
        triage_rules=tuple(visit.triage_rules or ()),
        called_by=called_by,
        updated_at=visit.updated_at,
        calls=visit.calls or 0,
        handed_to_id=visit.handed_to_id,
        stepped_out_until=visit.stepped_out_until,
        restricted=visit.restricted_at is not None,
    )


def visit_detail(visit: Visit, handouts: list[PrintedHandout], names: dict[int, str]) -> VisitDetail:
    return VisitDetail(
        entry=queue_entry(visit, visit.called_by.display_name if visit.called_by else None),
        life_situation=visit.life_situation,
        arrival_channel=visit.arrival_channel,
        municipality=visit.municipality,
        age_group=visit.age_group,
        interpreter_needed=visit.interpreter_needed,
        callback_phone=shown(visit, visit.callback_phone),
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
        appointment_place=visit.appointment_place,
        follow_up_by=visit.follow_up_by,
        feedback_instruction=visit.feedback_instruction,
        handouts=tuple(handouts),
        consents=tuple(
            ConsentRecord(c.id, c.kind, c.method, c.given_at, names.get(c.given_by_id, "?"), c.withdrawn_at,
                          names.get(c.withdrawn_by_id) if c.withdrawn_by_id else None, c.withdrawal_method,
                          c.text_version)
            for c in visit.consents),
        purged=visit.purged_at is not None,
        last_called_at=visit.last_called_at,
        no_show_at=visit.no_show_at,
        documented_at=visit.documented_at,
        documented_by=names.get(visit.documented_by_id, "?") if visit.documented_by_id else None,
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
