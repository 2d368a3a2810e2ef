"""The follow-up figures of the summaries against hand counts (tests/followup_rows.py), on SQLite
and PostgreSQL: the state now, and each figure by its own day across the period's edges."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update

from forms.followup import NOT_REACHED
from forms.summary import Kykyviisari
from storage.models import FollowUpAnswer
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tests.followup_rows import NOW, PERIOD, follow_up_rows


def test_the_period_against_hand_counts(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    follow_up_rows(services, worker, clock)
    f = services.reports.summary(*PERIOD).follow_ups
    assert f.as_of == NOW
    assert (f.open, f.due_today, f.overdue) == (3, 1, 1)
    assert f.set == 3                        # the visits of the 10th, 15th and 20th
    assert (f.contacts, f.reached) == (5, 3)  # the 21st's attempt and the 9th's contact fall outside
    assert f.closed == {"employed": 1, "studies": 1}
    # each referral once, by its latest word in the period: waiting, then reached on the 20th
    assert f.referrals == {"health_check": {"reached": 1}, "kela": {"reached": 1, "did_not_go": 1}}
    assert f.health_checks == {"done": 1}
    assert f.kykyviisari == Kykyviisari(closed=2, before=1, after=1, both=1)
    assert f.answers == {"heard": {"yes": 1, "no": 1}, "got_services": {"partly": 1},
                         "quality_of_life": {"yes": 1}}
    assert f.worker_views == {"quality_of_life": {"partly": 1}}
    assert f.in_period


def test_a_day_counts_its_own_contacts_closings_and_answers(services: Services, worker: StaffMember,
                                                            clock: FakeClock) -> None:
    follow_up_rows(services, worker, clock)
    f = services.reports.summary(date(2026, 11, 21)).follow_ups
    assert (f.set, f.contacts, f.reached) == (1, 1, 0)
    assert f.closed == {NOT_REACHED: 1}
    assert f.referrals == {} and f.health_checks == {}
    assert f.kykyviisari == Kykyviisari(closed=1)
    assert f.answers == {"heard": {"yes": 1}} and f.worker_views == {}
    # the last day of the period: the Kykyviisari of its closing counts the earlier contact too
    f = services.reports.summary(date(2026, 11, 20)).follow_ups
    assert f.referrals == {"health_check": {"reached": 1}}
    assert f.kykyviisari == Kykyviisari(closed=1, before=1, after=1, both=1)


def test_the_latest_progress_is_the_latest_within_the_period(services: Services, worker: StaffMember,
                                                             clock: FakeClock) -> None:
    follow_up_rows(services, worker, clock)
    f = services.reports.summary(date(2026, 11, 1), date(2026, 11, 16)).follow_ups
    assert f.referrals == {"health_check": {"waiting": 1}, "kela": {"reached": 1, "did_not_go": 1}}
    assert f.health_checks == {"not_done": 1}
    f = services.reports.summary(date(2026, 11, 1), date(2026, 11, 9)).follow_ups
    assert f.referrals == {"kela": {"waiting": 1}}


def test_nothing_in_the_period(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    follow_up_rows(services, worker, clock)
    f = services.reports.summary(date(2026, 10, 1)).follow_ups
    assert not f.in_period
    assert (f.open, f.due_today, f.overdue) == (3, 1, 1)   # the state now, whatever the period
    assert f.kykyviisari == Kykyviisari() and f.answers == {}


def test_the_csv_rows_carry_each_visits_follow_up(services: Services, worker: StaffMember,
                                                  clock: FakeClock) -> None:
    follow_up_rows(services, worker, clock)
    rows = {row["service_day"]: row for row in services.reports.visit_rows(date(2026, 11, 1), date(2026, 11, 30))}
    columns = ("follow_up_contacts", "follow_up_reached", "follow_up_closed_on", "follow_up_end_reason",
               "referrals_reached", "health_check", "kykyviisari_before", "kykyviisari_after")
    assert [rows["2026-11-09"][c] for c in columns] == [2, 2, "2026-11-20", "employed", "health_check;kela",
                                                        "done", 1, 1]
    assert [rows["2026-11-10"][c] for c in columns] == [3, 0, "2026-11-21", NOT_REACHED, "", "", "", ""]
    assert [rows["2026-11-05"][c] for c in columns] == [2, 2, "2026-11-12", "studies", "", "", "", 0]
    assert [rows["2026-11-20"][c] for c in columns] == [0, 0, "", "", "", "", "", ""]   # open, not contacted


def test_an_answer_given_later_reaches_a_day_already_tallied(services: Services, worker: StaffMember,
                                                             clock: FakeClock) -> None:
    """The answers are tallied by day: a trigger drops the day's tally when one is added or changed."""
    follow_up_rows(services, worker, clock)
    assert services.reports.summary(*PERIOD).follow_ups.answers["heard"] == {"yes": 1, "no": 1}
    with services.db.writing() as session:
        session.add(FollowUpAnswer(day=date(2026, 11, 16), respondent="client", question="heard", answer="no"))
        session.execute(update(FollowUpAnswer).where(FollowUpAnswer.day == date(2026, 11, 20),
                                                     FollowUpAnswer.question == "quality_of_life",
                                                     FollowUpAnswer.respondent == "client").values(answer="partly"))
    f = services.reports.summary(*PERIOD).follow_ups
    assert f.answers["heard"] == {"yes": 1, "no": 2}
    assert f.answers["quality_of_life"] == {"partly": 1}
