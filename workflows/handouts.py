"""From a visit to paper: render a handout, print or save it, and record the job, by the caller's clock."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from forms.choices import FollowUpBy, HandoutKind, PrintOutcome
from forms.i18n import _
from forms.profile import ServiceProfile
from forms.settings import Settings
from forms.timefmt import service_day
from printouts.data import Agreement, Person

if TYPE_CHECKING:
    from printouts.contact_card import CardRole
    from printouts.printer import PrintResult
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


@dataclass(frozen=True)
class Sheet:
    """What a handout is made of: the request, the profile, the language, the visit (if any),
    the worker printing it (if known) and the day it is dated."""

    request: Request
    profile: ServiceProfile
    language: str
    visit: VisitDetail | None
    on_duty: StaffMember | None
    today: date


class UnknownHandout(ValueError):
    """A handout kind with no renderer: refused, never printed as another kind."""


class Restricted(ValueError):
    """The visit's processing is restricted (GDPR Art. 18): nothing is printed for it."""


def staff_person(member: StaffMember) -> Person:
    return Person(member.display_name, member.job_title, member.phone, member.phone_hours,
                  member.email, member.location)


def worker_person(worker: WorkerOnVisit) -> Person:
    return Person(worker.name, worker.job_title, worker.phone, worker.phone_hours, worker.email,
                  worker.location, worker.organisation)


def card_person(visit: VisitDetail | None, on_duty: StaffMember | None) -> tuple[Person, CardRole]:
    """The visit's first named responsible worker; else the worker printing, as the one the
    client met (in a visit) or as a contact person (a stack of cards)."""
    if visit is not None and visit.workers:
        return worker_person(visit.workers[0]), "responsible"
    if on_duty is None:
        raise ValueError(_("Name the worker for the contact card (--staff)."))
    return staff_person(on_duty), "met" if visit is not None else "contact"


def agreement(visit: VisitDetail, met_by: Person | None) -> Agreement:
    return Agreement(
        day=visit.entry.service_day, met_by=met_by, actions=visit.actions, referrals=visit.referrals,
        workers=tuple(worker_person(w) for w in visit.workers), follow_up=visit.follow_up_on,
        next_appointment=visit.next_appointment_at, appointment_place=visit.appointment_place,
        client_gets_in_touch=visit.follow_up_by == FollowUpBy.CLIENT,
    )


# Each document module is imported on first use: ReportLab stays off the start-up path.
def _brochure(sheet: Sheet) -> bytes:
    from printouts.brochure import brochure

    return brochure(sheet.profile, sheet.language, sheet.today)


def _feedback_sheet(sheet: Sheet) -> bytes:
    from printouts.feedback_sheet import feedback_sheet

    return feedback_sheet(sheet.profile, sheet.language, sheet.today)


def _contact_card(sheet: Sheet) -> bytes:
    from printouts.contact_card import contact_card

    appointment = sheet.visit.next_appointment_at if sheet.visit else None
    person, role = card_person(sheet.visit, sheet.on_duty)
    return contact_card(sheet.profile, person, sheet.language, sheet.today,
                        sheet.request.layout, appointment, role)  # type: ignore[arg-type]


def _memo(sheet: Sheet) -> bytes:
    from printouts.memo import memo

    if sheet.visit is None:
        raise ValueError(_("A memo is about a visit: choose the visit (--visit)."))
    met_by = staff_person(sheet.on_duty) if sheet.on_duty else None
    return memo(sheet.profile, agreement(sheet.visit, met_by), sheet.language, sheet.today)


def _consent_statement(sheet: Sheet) -> bytes:
    """The visit's consents with their texts; without a visit, the texts alone, to read before
    consenting (each "not given")."""
    from printouts.consent_statement import consent_statement
    from printouts.data import GivenConsent

    visit = sheet.visit
    given = [GivenConsent(c.kind, c.method, c.given_at, c.text_version, c.withdrawn_at)
             for c in (visit.consents if visit else ())]
    day = visit.entry.service_day if visit else sheet.today
    return consent_statement(sheet.profile, given, day, sheet.language, sheet.today)


RENDERERS: Mapping[HandoutKind, Callable[[Sheet], bytes]] = {
    HandoutKind.BROCHURE: _brochure,
    HandoutKind.FEEDBACK: _feedback_sheet,
    HandoutKind.CARD: _contact_card,
    HandoutKind.MEMO: _memo,
    HandoutKind.CONSENT: _consent_statement,
}
"""Every handout kind and what renders it: a kind added to HandoutKind without a renderer here is
refused (`render`), never printed as another kind."""


def render(request: Request, profile: ServiceProfile, language: str, visit: VisitDetail | None,
           on_duty: StaffMember | None, today: date) -> bytes:
    """The handout's PDF, dated `today`; UnknownHandout for a kind with no renderer."""
    renderer = RENDERERS.get(request.kind)
    if renderer is None:
        raise UnknownHandout(_("There is no handout {kind}.").format(kind=request.kind))
    return renderer(Sheet(request, profile, language, visit, on_duty, today))


@dataclass(frozen=True)
class Started:
    """A handout rendered and on record as being sent (see `start_print`)."""

    job_id: int
    pdf: bytes
    language: str
    stem: str


def start_print(request: Request, services: Services, profile: ServiceProfile, visit: VisitDetail | None,
                on_duty: StaffMember | None) -> Started:
    """Render, then record the print as "sending" before anything goes out: if the desk stops
    while the printer takes it, the attempt is still on record. Raises ValueError (DoesNotFit too)
    with a message, before anything is recorded."""
    if visit is not None and visit.entry.restricted:
        raise Restricted(_("Nothing is printed for ticket {ticket}: an administrator has restricted the "
                           "processing of its data until further notice.").format(ticket=visit.entry.ticket))
    language = request.language or profile.handout_language(visit.entry.language if visit else None)
    pdf = render(request, profile, language, visit, on_duty, service_day(services.clock()))
    stem = "-".join(p for p in (request.kind.value, visit.entry.ticket if visit else "", language) if p)
    job_id = services.desk.begin_print(visit.entry.id if visit else None, request.kind.value, language,
                                       request.copies, on_duty.id if on_duty else None)
    return Started(job_id, pdf, language, stem)


def finish_print(started: Started, request: Request, services: Services, settings: Settings) -> PrintResult:
    """Print (or save) what `start_print` rendered, and record how it went."""
    from printouts.printer import NotSaved, PrintResult, send, write_pdf

    if request.out is not None:
        try:
            result = PrintResult(PrintOutcome.WRITTEN, path=write_pdf(started.pdf, request.out))
        except NotSaved as error:
            result = PrintResult(PrintOutcome.FAILED, error=error.message)
    else:
        result = send(started.pdf, f"{request.kind.label} {started.stem}", started.stem, settings.home / "printouts",
                      settings.printer, request.copies, settings.print_timeout_seconds,
                      day=service_day(services.clock()))
    services.desk.end_print(started.job_id, result.outcome, result.printer,
                            str(result.path) if result.path else None, result.error)
    return result


def produce(request: Request, services: Services, settings: Settings, profile: ServiceProfile,
            visit: VisitDetail | None, on_duty: StaffMember | None) -> PrintResult:
    """Render, record, print (or save), record how it went; raises ValueError or DoesNotFit with a message."""
    return finish_print(start_print(request, services, profile, visit, on_duty), request, services, settings)


def outcome_text(kind: HandoutKind, result: PrintResult) -> str:
    """What the worker is told: printed, or where the PDF is and why, or why there is none."""
    if result.outcome is PrintOutcome.PRINTED:
        return _("{kind} printed ({printer}).").format(kind=kind.label, printer=result.printer or "")
    if result.outcome is PrintOutcome.FAILED:
        return _("{kind} was neither printed nor saved: {error}").format(kind=kind.label, error=result.error)
    if result.error:
        return _("{kind} was not printed: {error} The PDF is in {path}").format(
            kind=kind.label, error=result.error, path=result.path)
    return _("{kind} saved: {path}").format(kind=kind.label, path=result.path)


@dataclass(frozen=True)
class Told:
    """How one handout went, in words for the worker; `printed`: it reached a printer."""

    message: str
    printed: bool


def produce_all(requests: list[Request], services: Services, settings: Settings, profile: ServiceProfile,
                visit_id: int | None, on_duty: StaffMember | None, tell: Callable[[Told], object]) -> None:
    """Print each handout of `requests` for the visit (or none) and `tell` how each went as soon
    as it is known (from any thread); one that cannot be made or recorded does not stop the next.

    The handouts are rendered one after another (ReportLab shares its fonts' state between
    documents: not safe in threads), and each goes to CUPS in a thread of its own as soon as it is
    rendered: the next one renders while `lp` waits, and a printer that does not answer costs one
    timeout for the kit, not one per handout. Returns when every handout is told."""
    from concurrent.futures import Future, ThreadPoolExecutor

    from storage.errors import StorageError

    visit = services.desk.visit(visit_id) if visit_id is not None else None

    def send(started: Started, request: Request) -> None:
        try:
            result = finish_print(started, request, services, settings)
        except StorageError as error:  # printed or saved, but not recorded: say so
            tell(Told(error.message, False))
        else:
            tell(Told(outcome_text(request.kind, result), result.outcome is PrintOutcome.PRINTED))

    sending: list[Future[None]] = []
    with ThreadPoolExecutor(max_workers=max(1, len(requests)), thread_name_prefix="walkin-print") as senders:
        for request in requests:
            try:
                started = start_print(request, services, profile, visit, on_duty)
            except ValueError as error:  # DoesNotFit too: the message says what to shorten
                tell(Told(str(error), False))
            except StorageError as error:  # the next handout may still get through
                tell(Told(error.message, False))
            else:
                sending.append(senders.submit(send, started, request))
    for sent in sending:
        sent.result()  # an unexpected error reaches the caller, as it did before the threads


def get_ready() -> None:
    """ReportLab's imports and the fonts, loaded ahead of the first handout: they take longer
    than rendering a whole kit. The visit screen starts this in the background when it opens."""
    from printouts import brochure, contact_card, feedback_sheet, memo, printer  # noqa: F401
    from printouts.layout import fonts

    fonts()
