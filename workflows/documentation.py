"""The hand-off to the county's client information system: the documentation note of a client
matter (in the worker's UI language), saved as a file or marked documented there, each audited."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from forms.choices import AuditAction, ConsentKind, ConsentMethod, FollowUpBy, OutcomeAction
from forms.documentation import awaits_documentation, is_client_matter, note_file_name
from forms.files import private_folder, write_atomically
from forms.i18n import _
from forms.timefmt import format_date, format_datetime, format_time
from forms.triage import answers_from_json
from printouts.printer import write_error
from storage.errors import StorageError

if TYPE_CHECKING:
    from forms.profile import ServiceProfile
    from storage.audit import Actor
    from storage.services import Services
    from storage.views import ConsentRecord, VisitDetail, WorkerOnVisit

NOTES_FOLDER = "notes"
"""Under the data folder: saved notes name clients, so retention removes them with the visit's fields."""


def client_matter(detail: VisitDetail) -> bool:
    """forms.documentation.is_client_matter of a visit as the screens read it."""
    return is_client_matter(detail.actions, detail.entry.call_name, detail.callback_phone, detail.follow_up_on)


def awaits(detail: VisitDetail) -> bool:
    return awaits_documentation(client_matter(detail), detail.documented_at)


def worker_line(worker: WorkerOnVisit) -> str:
    """A responsible worker in one line: name, title, organisation, phone (what is known)."""
    return ", ".join(p for p in (worker.name, worker.job_title, worker.organisation, worker.phone) if p)


def consent_line(consent: ConsentRecord) -> str:
    """A consent and its withdrawal, if any, in one line."""
    text = f"{ConsentKind(consent.kind).label}: " + _("{method}, {when}, {who}").format(
        method=ConsentMethod(consent.method).label, when=format_datetime(consent.given_at), who=consent.given_by)
    if consent.withdrawn_at is not None:
        text += "; " + _("withdrawn {method}, {when}, {who}").format(
            method=ConsentMethod(consent.withdrawal_method or "spoken").label,
            when=format_datetime(consent.withdrawn_at), who=consent.withdrawn_by or "?")
    if consent.text_version:  # last: the worker reads first what was given and withdrawn
        text += " " + _("(text version {version})").format(version=consent.text_version)
    return text


def documentation_note(detail: VisitDetail, profile: ServiceProfile) -> str:
    """The note a worker copies into the client information system: the day, the service, what
    was agreed (actions, appointment, the note), referrals, responsible workers, follow-up and
    consents; the triage answers only where the profile says so. In the UI language."""
    d, e = detail, detail.entry
    lines = [_("Documentation note for the client information system"),
             f"{profile.service.name}, {profile.service.organisation}", ""]

    def field(label: str, value: str | None) -> None:
        lines.append(f"{label}: {value or '–'}")

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend(["", title, *(f"- {item}" for item in items)])

    field(_("Date"), format_date(e.service_day))
    if d.started_at is not None:
        field(_("Meeting"), format_time(d.started_at) + (f"–{format_time(d.finished_at)}" if d.finished_at else ""))
    field(_("Ticket"), e.ticket)
    if e.call_name:
        field(_("Name to call"), e.call_name)
    if d.callback_phone:
        field(_("Callback phone"), d.callback_phone)
    lines += ["", _("What was agreed")]
    field(_("Done"), ", ".join(a.label for a in OutcomeAction if a.value in d.actions))
    if d.next_appointment_at is not None or d.appointment_place:
        field(_("Appointment"), ", ".join(p for p in (
            d.next_appointment_at and format_datetime(d.next_appointment_at), d.appointment_place) if p))
    if d.outcome_note:
        field(_("Note"), d.outcome_note)
    section(_("Referred to"), [str(dest.label) if (dest := profile.destination(r)) else r for r in d.referrals])
    section(_("Responsible workers"), [worker_line(w) for w in d.workers])
    if d.follow_up_on is not None:
        section(_("Follow-up"), [format_date(d.follow_up_on) + f" ({FollowUpBy(d.follow_up_by or 'worker').label})"])
    section(_("Consents"), [consent_line(c) for c in d.consents])
    if profile.privacy.note_includes_triage:
        answers = answers_from_json(d.triage_answers)
        section(_("Triage"), [f"{q.short}: {q.describe(answers[q.id])}" for q in profile.triage.questions
                               if q.id in answers])
    return "\n".join(lines) + "\n"


def save_note(home: Path, detail: VisitDetail, text: str, services: Services, actor: Actor) -> Path:
    """The note as a text file in the data folder's notes/, for its owner only, named by day and
    ticket (never a name); saving again replaces it. The export is audited. StorageError: not
    written, and why (a full disk, say)."""
    path = home / NOTES_FOLDER / note_file_name(detail.entry.service_day, detail.entry.ticket)
    try:
        private_folder(private_folder(home) / NOTES_FOLDER)
        write_atomically(path, text.encode("utf-8"))
    except OSError as error:
        raise StorageError(write_error(error, path)) from error
    services.audit.add(actor, AuditAction.EXPORT, detail.entry.id, "documentation note saved")
    return path


def mark_documented(services: Services, visit_id: int, staff_id: int) -> datetime:
    """The worker has put the note in the client information system (storage refuses a second mark)."""
    return services.desk.mark_documented(visit_id, staff_id)


def forget_notes(home: Path, before: date, keep: set[tuple[date, str]]) -> int:
    """Remove the saved notes of days before `before`, except those of `keep` ((day, ticket): the
    visits whose personal fields retention kept); returns how many went."""
    removed = 0
    for path in (home / NOTES_FOLDER).glob("documentation-????-??-??-*.txt"):
        try:
            day = date.fromisoformat(path.name[len("documentation-"):][:10])
        except ValueError:
            continue
        ticket = path.name[len("documentation-") + 11:-len(".txt")]
        if day < before and (day, ticket) not in keep:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
