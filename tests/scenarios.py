"""What several test modules set up the same way: a fixed busy day of desk work (built through
storage, by hand), accounts, and a schema stamped as if by a newer walkin-desk."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import create_engine, text

from forms.choices import FeedbackInstruction, StaffRole, Urgency
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.staff import NewStaff, StaffDetails
from forms.summary import Summary
from forms.timefmt import HELSINKI
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import PIN, FakeClock, add_worker

DAY = date(2026, 11, 24)


def period_figures(summary: Summary) -> dict[str, object]:
    """A summary's figures of its period: all but the follow-ups' state "now" (open, due today,
    overdue, and when it was read), for comparing summaries made at different times."""
    return summary.model_dump(exclude={"follow_ups": {"as_of", "open", "due_today", "overdue"}})


def at(clock: FakeClock, hh: int, mm: int, day: date = DAY) -> None:
    clock.now = datetime(day.year, day.month, day.day, hh, mm, tzinfo=HELSINKI)


def busy_day(services: Services, kaisa: StaffMember, clock: FakeClock) -> None:
    desk = services.desk
    olli = add_worker(services, "olli", "Olli Testinen")
    at(clock, 9, 0)
    v1 = desk.admit(IntakeForm(arrival_channel="self", age_group="25_34"), kaisa.id)
    at(clock, 9, 5)
    v2 = desk.admit(IntakeForm(arrival_channel="kela", language="sv"), kaisa.id)
    desk.record_triage(v2.id, {}, Urgency.NORMAL, [], kaisa.id, Urgency.SOON, "ei jaksa odottaa")
    at(clock, 9, 10)
    desk.start(v1.id, kaisa.id)  # waited 10
    at(clock, 9, 20)
    v3 = desk.admit(IntakeForm(), kaisa.id)
    at(clock, 9, 25)
    desk.call(v2.id, olli.id)  # waited 20
    at(clock, 9, 30)
    desk.start(v2.id, olli.id)
    at(clock, 9, 40)
    desk.finish(v1.id, Outcome(actions=frozenset({"guidance"}), referrals=("kela",)), kaisa.id)  # 30 min
    desk.record_print(v1.id, "feedback", "fi", 1, "printed", "WalkinPDF-1", None, None, kaisa.id)
    at(clock, 9, 50)
    desk.finish(v2.id, Outcome(workers=(NamedWorker(staff_id=olli.id),)), olli.id)  # 20 min
    desk.record_feedback_instruction(v2.id, FeedbackInstruction.OTHER_WAY, olli.id)
    desk.mark_left(v3.id, kaisa.id)
    at(clock, 10, 0)
    v5 = desk.admit(IntakeForm(arrival_channel="health_centre"), kaisa.id)
    at(clock, 10, 40)
    desk.call(v5.id, kaisa.id)  # waited 40; started when called
    desk.record_print(None, "brochure", "fi", 10, "saved", None, "/tmp/x.pdf", "no printer", kaisa.id)
    at(clock, 11, 30)
    desk.finish(v5.id, Outcome(actions=frozenset({"guidance", "consent"})), kaisa.id)  # 50 min
    at(clock, 23, 50)
    desk.admit(IntakeForm(), kaisa.id)  # still the 24th, still open at the end of the day
    at(clock, 0, 10, date(2026, 11, 25))
    desk.admit(IntakeForm(), kaisa.id)  # the next day: not counted


def stamp(url: str, revision: str) -> None:
    """What a newer walkin-desk leaves behind: a schema revision this code has never heard of."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


def new_staff(username: str, role: StaffRole) -> NewStaff:
    return NewStaff(username=username, display_name=username.title(), job_title="Ohjaaja", role=role,
                    pin=PIN, pin_again=PIN)


def staff_details(who: StaffMember, **changes: object) -> StaffDetails:
    values = {"username": who.username, "display_name": who.display_name, "job_title": who.job_title,
              "role": who.role, **changes}
    return StaffDetails(**values)  # type: ignore[arg-type]


FAIR_DAY = date(2026, 11, 10)
"""The day of `fair_day`."""


def _waited(services: Services, worker: StaffMember, clock: FakeClock, language: str, n: int,
            arrived: tuple[int, int], municipality: str | None = None) -> list[int]:
    """`n` visits in `language` arriving at `arrived`, left waiting (started later, together)."""
    at(clock, *arrived, FAIR_DAY)
    return [services.desk.admit(IntakeForm(language=language, municipality=municipality), worker.id).id
            for _ in range(n)]


def fair_day(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    """Fair triage's hand-counted day (tests/storage/test_fairness.py), normal urgency, all started
    at 9.30: 40 in Finnish waited 10 min, 20 in Swedish 30 min, 19 in English 40 min; one in Finnish
    left after 50 min (no wait until called). Four triaged visits still waiting, for the overrides."""
    visits = (_waited(services, worker, clock, "en", 19, (8, 50))
              + _waited(services, worker, clock, "sv", 20, (9, 0), "Testilä")
              + _waited(services, worker, clock, "fi", 40, (9, 20), "Testilä"))
    at(clock, 8, 40, FAIR_DAY)
    gone = services.desk.admit(IntakeForm(), worker.id)
    at(clock, 9, 30, FAIR_DAY)
    for visit_id in visits:
        services.desk.start(visit_id, worker.id)
    services.desk.mark_left(gone.id, worker.id)
    desk = services.desk
    kept, lowered, raised, none = (desk.admit(IntakeForm(), worker.id).id for _ in range(4))
    desk.record_triage(kept, {}, Urgency.ACUTE, ["acute"], worker.id)
    desk.record_triage(lowered, {}, Urgency.ACUTE, ["acute", "health_check"], worker.id, Urgency.SOON, "rauhallinen")
    desk.record_triage(raised, {}, Urgency.NORMAL, ["health_check"], worker.id, Urgency.SOON, "huono vointi")
    desk.record_triage(none, {}, Urgency.NORMAL, [], worker.id)
