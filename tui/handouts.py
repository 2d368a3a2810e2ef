"""From a visit to paper: render a handout, print or save it, record the job. Shared by the
screens and the command line; runs in a worker thread (it waits for CUPS)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from forms.choices import HandoutKind
from forms.i18n import _
from forms.profile import ServiceProfile
from forms.settings import Settings
from forms.timefmt import service_day, utc_now
from printouts.data import Agreement, Person, handout_language

if TYPE_CHECKING:
    from collections.abc import Callable

    from printouts.printer import PrintResult
    from tui.app import WalkinApp
    from storage.services import Services
    from storage.views import StaffMember, VisitDetail, WorkerOnVisit

KIT = (HandoutKind.BROCHURE, HandoutKind.CARD, HandoutKind.FEEDBACK)
"""The handout kit: what every client takes home."""


@dataclass(frozen=True)
class Request:
    kind: HandoutKind
    language: str | None = None
    """None: the visit's language (Finnish without a visit)."""
    copies: int = 1
    layout: str = "single"
    """Contact cards: one on a sheet with crop marks, or ten-up ("sheet")."""
    out: Path | None = None
    """Write the PDF here instead of printing."""


def staff_person(member: StaffMember) -> Person:
    return Person(member.display_name, member.job_title, member.phone, member.phone_hours,
                  member.email, member.location)


def worker_person(worker: WorkerOnVisit) -> Person:
    return Person(worker.name, worker.job_title, worker.phone, worker.phone_hours, worker.email,
                  worker.location, worker.organisation)


def card_person(visit: VisitDetail | None, on_duty: StaffMember | None) -> Person:
    """The visit's first named responsible worker, else the worker printing."""
    if visit is not None and visit.workers:
        return worker_person(visit.workers[0])
    if on_duty is None:
        raise ValueError(_("Name the worker for the contact card (--staff)."))
    return staff_person(on_duty)


def agreement(visit: VisitDetail, met_by: Person | None) -> Agreement:
    return Agreement(
        day=visit.entry.service_day, met_by=met_by, actions=visit.actions, referrals=visit.referrals,
        workers=tuple(worker_person(w) for w in visit.workers), follow_up=visit.follow_up_on,
        next_appointment=visit.next_appointment_at,
    )


def render(request: Request, profile: ServiceProfile, language: str, visit: VisitDetail | None,
           on_duty: StaffMember | None) -> bytes:
    # Each document module is imported on first use: ReportLab stays off the start-up path.
    today = service_day(utc_now())
    if request.kind is HandoutKind.BROCHURE:
        from printouts.brochure import brochure

        return brochure(profile, language, today)
    if request.kind is HandoutKind.FEEDBACK:
        from printouts.feedback_sheet import feedback_sheet

        return feedback_sheet(profile, language, today)
    if request.kind is HandoutKind.CARD:
        from printouts.contact_card import contact_card

        appointment = visit.next_appointment_at if visit else None
        return contact_card(profile, card_person(visit, on_duty), language, today,
                            request.layout, appointment)  # type: ignore[arg-type]
    if visit is None:
        raise ValueError(_("A memo is about a visit: choose the visit (--visit)."))
    from printouts.memo import memo

    met_by = staff_person(on_duty) if on_duty else None
    return memo(profile, agreement(visit, met_by), language, today)


def produce(request: Request, services: Services, settings: Settings, profile: ServiceProfile,
            visit: VisitDetail | None, on_duty: StaffMember | None) -> PrintResult:
    """Render, print (or save), and record the job; raises ValueError or DoesNotFit with a message."""
    from printouts.printer import PrintResult, send

    language = request.language or handout_language(visit.entry.language if visit else None)
    pdf = render(request, profile, language, visit, on_duty)
    stem = "-".join(p for p in (request.kind.value, visit.entry.ticket if visit else "", language) if p)
    if request.out is not None:
        request.out.write_bytes(pdf)
        result = PrintResult("saved", path=request.out)
    else:
        result = send(pdf, f"{request.kind.label} {stem}", stem, settings.home / "printouts",
                      settings.printer, request.copies, settings.print_timeout_seconds)
    services.desk.record_print(
        visit.entry.id if visit else None, request.kind.value, language, request.copies,
        result.outcome, result.printer, str(result.path) if result.path else None, result.error,
        on_duty.id if on_duty else None,
    )
    return result


def outcome_text(kind: HandoutKind, result: PrintResult) -> str:
    """What the worker is told: printed, or where the PDF is and why."""
    if result.outcome == "printed":
        return _("{kind} printed ({printer}).").format(kind=kind.label, printer=result.printer or "")
    if result.error:
        return _("{kind} was not printed: {error} The PDF is in {path}").format(
            kind=kind.label, error=result.error, path=result.path)
    return _("{kind} saved: {path}").format(kind=kind.label, path=result.path)


def print_from_screen(app: WalkinApp, requests: list[Request], visit_id: int | None,
                      then: Callable[[], object] | None = None) -> None:
    """Print in a worker thread and tell the worker how each one went; never blocks the screen."""
    services, settings, profile, on_duty = app.services, app.settings, app.profile, app.worker_on_duty

    def job() -> list[tuple[str, bool]]:
        visit = services.desk.visit(visit_id) if visit_id is not None else None
        told = []
        for request in requests:
            try:
                result = produce(request, services, settings, profile, visit, on_duty)
            except ValueError as error:  # DoesNotFit too: the message says what to shorten
                told.append((str(error), False))
            else:
                told.append((outcome_text(request.kind, result), result.outcome == "printed"))
        return told

    def done(told: list[tuple[str, bool]]) -> None:
        for message, printed in told:
            app.notify(message, severity="information" if printed else "warning", timeout=8 if printed else 15)
        if then is not None:
            then()

    app.run_db(job, done)
