"""A small fixed set of follow-ups for the summaries' tests, inserted straight into the follow-up
tables (the visits through the desk): a follow-up moved and contacted twice, one closed as not
reached just after the period, figures on both edges of the period, and the clients' answers.

The period is PERIOD (10.–20.11.2026); the summaries are made at NOW (2.12.2026 10.00)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select

from forms.followup import NOT_REACHED
from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.timefmt import HELSINKI
from storage.models import FollowUp, FollowUpAnswer, FollowUpContact, FollowUpReferral, Referral
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock

PERIOD = (date(2026, 11, 10), date(2026, 11, 20))
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=HELSINKI)


def _moment(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), HELSINKI)


def _visit(services: Services, clock: FakeClock, worker: StaffMember, day: date, *referrals: str) -> int:
    clock.now = _moment(day, 9)
    visit = services.desk.admit(IntakeForm(), worker.id)
    services.desk.start(visit.id, worker.id)
    clock.now = _moment(day, 10)
    services.desk.finish(visit.id, Outcome(referrals=referrals), worker.id)
    return visit.id


def _contact(follow_up: FollowUp, day: date, staff_id: int, reached: bool = True,
             referrals: dict[int, tuple[str, str]] | None = None, **fields: object) -> None:
    contact = FollowUpContact(at=_moment(day), day=day, staff_id=staff_id, reached=reached, **fields)
    contact.referrals = [FollowUpReferral(referral_id=referral_id, destination=destination, progress=progress)
                         for referral_id, (destination, progress) in (referrals or {}).items()]
    follow_up.contacts.append(contact)
    if not reached:
        follow_up.failed_attempts += 1


def _close(follow_up: FollowUp, day: date, reason: str) -> None:
    follow_up.closed_at, follow_up.closed_on, follow_up.end_reason = _moment(day, 13), day, reason
    follow_up.closed_by_id = follow_up.staff_id


def follow_up_rows(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    """The rows; the comments give what each one adds to PERIOD's figures."""
    d = date
    v1 = _visit(services, clock, worker, d(2026, 11, 9), "health_check", "kela")   # set before the period
    v2 = _visit(services, clock, worker, d(2026, 11, 10), "social_services")        # set: first day
    v3 = _visit(services, clock, worker, d(2026, 11, 20), "kela")                   # set: last day
    v4 = _visit(services, clock, worker, d(2026, 11, 21))                           # set after
    v5 = _visit(services, clock, worker, d(2026, 11, 15))                           # set
    v6 = _visit(services, clock, worker, d(2026, 11, 5), "kela")                    # set before
    visit_day = {v1: d(2026, 11, 9), v2: d(2026, 11, 10), v3: d(2026, 11, 20), v4: d(2026, 11, 21),
                 v5: d(2026, 11, 15), v6: d(2026, 11, 5)}
    clock.now = NOW
    with services.db.writing() as session:
        ref = {(visit_id, destination): referral_id for referral_id, visit_id, destination in session.execute(
            select(Referral.id, Referral.visit_id, Referral.destination))}

        def follow_up(visit_id: int, due_on: date) -> FollowUp:
            # set just after midnight: counted on that Helsinki day, though in UTC it is the day before
            set_at = datetime.combine(visit_day[visit_id], time(0, 30), HELSINKI)
            row = FollowUp(visit_id=visit_id, staff_id=worker.id, due_on=due_on, failed_attempts=0,
                           created_at=set_at)
            session.add(row)
            return row

        # contacted twice: the health check waiting, then reached; closed "employed" on the last day
        f1 = follow_up(v1, d(2026, 11, 20))
        _contact(f1, d(2026, 11, 16), worker.id, health_check="not_done", kykyviisari_before=True,
                 next_on=d(2026, 11, 20), referrals={ref[v1, "health_check"]: ("health_check", "waiting"),
                                                     ref[v1, "kela"]: ("kela", "reached")})
        _contact(f1, d(2026, 11, 20), worker.id, health_check="done", kykyviisari_after=True,
                 end_reason="employed", referrals={ref[v1, "health_check"]: ("health_check", "reached")})
        _close(f1, d(2026, 11, 20), "employed")
        # moved from the 17th to the 21st; two attempts in the period, the third (and closing) after it
        f2 = follow_up(v2, d(2026, 11, 21))
        _contact(f2, d(2026, 11, 17), worker.id, reached=False, next_on=d(2026, 11, 18))
        _contact(f2, d(2026, 11, 18), worker.id, reached=False, next_on=d(2026, 11, 21))
        _contact(f2, d(2026, 11, 21), worker.id, reached=False, end_reason=NOT_REACHED)
        _close(f2, d(2026, 11, 21), NOT_REACHED)
        follow_up(v3, d(2026, 12, 1))    # open, overdue at NOW
        follow_up(v4, d(2026, 12, 2))    # open, due today at NOW
        follow_up(v5, d(2026, 12, 10))   # open, not yet due
        # contacted before the period (waiting) and in it (did not go); closed "studies" in it
        f6 = follow_up(v6, d(2026, 11, 9))
        _contact(f6, d(2026, 11, 9), worker.id, next_on=d(2026, 11, 12),
                 referrals={ref[v6, "kela"]: ("kela", "waiting")})
        _contact(f6, d(2026, 11, 12), worker.id, kykyviisari_after=False, end_reason="studies",
                 referrals={ref[v6, "kela"]: ("kela", "did_not_go")})
        _close(f6, d(2026, 11, 12), "studies")
        for day, respondent, question, answer in [
                (d(2026, 11, 9), "client", "heard", "yes"),           # before the period
                (d(2026, 11, 16), "client", "heard", "yes"),
                (d(2026, 11, 16), "client", "got_services", "partly"),
                (d(2026, 11, 20), "client", "heard", "no"),
                (d(2026, 11, 20), "client", "quality_of_life", "yes"),
                (d(2026, 11, 20), "worker", "quality_of_life", "partly"),
                (d(2026, 11, 21), "client", "heard", "yes")]:        # after
            session.add(FollowUpAnswer(day=day, respondent=respondent, question=question, answer=answer))
