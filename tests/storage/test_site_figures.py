"""Figures per walk-in site and for the whole service against hand counts, on SQLite and
PostgreSQL: a day already tallied and today counted live, the side-by-side lines of a summary of
several sites, the follow-ups by their visit's site, and the CSV and staffing narrowed alike."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from forms.choices import FeedbackInstruction
from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.profile import ServiceProfile
from storage.models import FollowUpAnswer
from storage.services import Services, open_services
from storage.views import StaffMember
from tests.conftest import FakeClock, add_worker
from tests.followup_rows import NOW, PERIOD, follow_up_rows
from tests.scenarios import DAY, at, busy_day
from tests.storage.test_follow_ups import validated

CENTRE, VILLAGE = "keskusta", "kirkonkyla"


@pytest.fixture
def village(db_url: str, profile: ServiceProfile, clock: FakeClock, services: Services) -> Iterator[Services]:
    """A desk at the profile's second site on the same database (`services` is at the first)."""
    opened = open_services(db_url, profile, clock=clock, workstation="desk-2", site=VILLAGE)
    yield opened
    opened.close()


def village_day(village: Services, worker: StaffMember, clock: FakeClock, day: date = DAY) -> None:
    """Three visits at the village: one finished after 15 minutes' wait with the feedback printed
    and a follow-up, one finished after 25 minutes' wait without the instruction, one left."""
    desk = village.desk
    at(clock, 13, 0, day)
    first = desk.admit(IntakeForm(arrival_channel="kela"), worker.id)
    second = desk.admit(IntakeForm(arrival_channel="self"), worker.id)
    third = desk.admit(IntakeForm(), worker.id)
    at(clock, 13, 15, day)
    desk.start(first.id, worker.id)
    at(clock, 13, 25, day)
    desk.finish(first.id, Outcome(follow_up_on=day + timedelta(days=14)), worker.id)
    desk.record_feedback_instruction(first.id, FeedbackInstruction.PRINTED, worker.id)
    desk.start(second.id, worker.id)
    at(clock, 13, 45, day)
    desk.finish(second.id, Outcome(), worker.id)
    desk.mark_left(third.id, worker.id)


def test_one_site_several_and_the_whole_service(services: Services, village: Services, worker: StaffMember,
                                               clock: FakeClock) -> None:
    busy_day(services, worker, clock)   # the centre's day; the clock ends on the next day
    olli = add_worker(services, "olli2", "Olli Kylä")
    village_day(village, olli, clock)
    clock.now = clock.now + timedelta(days=1)   # DAY is a closed day: read from its tallies
    centre = services.reports.summary(DAY, sites=[CENTRE])
    assert (centre.sites, centre.whole_service, centre.by_site) == ([CENTRE], False, [])
    assert (centre.visits, centre.finished, centre.left, centre.still_open) == (5, 3, 1, 1)
    assert centre.by_channel == {"self": 1, "kela": 1, "health_centre": 1, "not_recorded": 2}
    assert (centre.waiting.count, centre.waiting.median) == (3, 20)
    # the brochure printed for no visit belongs to no site: only the whole service counts it
    assert centre.failed_prints == 0
    assert [(w.name, w.visits) for w in centre.workers] == [("Kaisa Esimerkki", 2), ("Olli Testinen", 1)]
    there = services.reports.summary(DAY, sites=[VILLAGE])
    assert (there.visits, there.finished, there.left, there.still_open) == (3, 2, 1, 0)
    assert there.by_channel == {"kela": 1, "self": 1, "not_recorded": 1}
    assert (there.waiting.count, there.waiting.median, there.waiting.longest) == (2, 20, 25)
    assert there.feedback.ways == {"printed": 1, "missing": 1}
    assert there.follow_ups.set == 1 and there.follow_ups.open == 1
    assert [(w.name, w.visits) for w in there.workers] == [("Olli Kylä", 2)]
    assert centre.follow_ups.set == 0 and centre.follow_ups.open == 0
    whole = services.reports.summary(DAY)
    assert (whole.sites, whole.whole_service) == ([CENTRE, VILLAGE], True)
    assert (whole.visits, whole.finished, whole.left, whole.failed_prints) == (8, 5, 2, 1)
    assert whole.waiting.count == 5 and whole.follow_ups.set == 1
    both = services.reports.summary(DAY, sites=[VILLAGE, CENTRE])
    assert (both.sites, both.whole_service, both.visits, both.failed_prints) == ([CENTRE, VILLAGE], False, 8, 0)
    lines = {line.site: line for line in whole.by_site}
    assert [line.site for line in whole.by_site] == [CENTRE, VILLAGE] == [line.site for line in both.by_site]
    assert (lines[CENTRE].visits, lines[CENTRE].finished, lines[CENTRE].follow_ups) == (5, 3, 0)
    assert lines[CENTRE].by_urgency == {"normal": 4, "soon": 1}
    assert (lines[VILLAGE].visits, lines[VILLAGE].finished, lines[VILLAGE].follow_ups) == (3, 2, 1)
    assert lines[VILLAGE].by_channel == there.by_channel and lines[VILLAGE].waiting == there.waiting
    assert lines[VILLAGE].feedback.given == 1 and lines[VILLAGE].feedback.share == 0.5
    # today, counted live from the visits: the same figures as the tallies gave
    clock.now = clock.now - timedelta(days=1)
    live = services.reports.summary(DAY, sites=[VILLAGE])
    assert live.model_dump(exclude={"follow_ups"}) == there.model_dump(exclude={"follow_ups"})


def test_each_read_counts_its_own_day_and_sites(services: Services, village: Services, worker: StaffMember,
                                               clock: FakeClock) -> None:
    """The summary's statements are built once (tallies, open visits, follow-up figures) and bound
    to each read's days and sites: reads one after another, of other sites and another day, each
    get their own figures, live today and from the tallies the day after."""
    busy_day(services, worker, clock)
    village_day(village, add_worker(services, "olli2", "Olli Kylä"), clock)   # the clock on DAY again

    def read() -> list[tuple[object, ...]]:
        return [(s.visits, s.finished, s.still_open, [v.ticket for v in s.open_visits], s.follow_ups.set,
                 s.waiting.count) for s in (services.reports.summary(day, sites=sites)
                                            for day, sites in ((DAY, [CENTRE]), (DAY, [VILLAGE]), (DAY, None),
                                                               (DAY - timedelta(days=1), None), (DAY, [CENTRE])))]

    centre = (5, 3, 1, ["A005"], 0, 3)
    expected = [centre, (3, 2, 0, [], 1, 2), (8, 5, 1, ["A005"], 1, 5), (0, 0, 0, [], 0, 0), centre]
    assert read() == expected
    clock.now = clock.now + timedelta(days=1)   # DAY closed: read from its tallies
    assert read() == expected


def test_a_period_per_day_counts_only_its_sites(services: Services, village: Services, worker: StaffMember,
                                                clock: FakeClock) -> None:
    village_day(village, worker, clock, DAY - timedelta(days=1))
    at(clock, 9, 0)
    services.desk.admit(IntakeForm(), worker.id)
    clock.now = clock.now + timedelta(days=2)
    period = (DAY - timedelta(days=1), DAY)
    assert services.reports.summary(*period, sites=[VILLAGE]).per_day == {period[0]: 3, period[1]: 0}
    assert services.reports.summary(*period, sites=[CENTRE]).per_day == {period[0]: 0, period[1]: 1}
    assert services.reports.summary(*period).per_day == {period[0]: 3, period[1]: 1}
    rows = list(services.reports.visit_rows(*period, sites=[VILLAGE]))
    assert [(row["ticket"], row["site"]) for row in rows] == [("K001", VILLAGE), ("K002", VILLAGE), ("K003", VILLAGE)]
    assert len(list(services.reports.visit_rows(*period))) == 4
    assert [services.reports.staffing(*period, sites=at).arrivals for at in ([CENTRE], [VILLAGE], None)] == [1, 3, 4]


def test_follow_ups_belong_to_their_visits_site(services: Services, village: Services, worker: StaffMember,
                                                clock: FakeClock) -> None:
    follow_up_rows(services, worker, clock)   # every one at the centre
    with services.db.writing() as session:
        session.execute(update(FollowUpAnswer).values(site=CENTRE))
    clock.now = NOW
    centre = services.reports.summary(*PERIOD, sites=[CENTRE]).follow_ups
    whole = services.reports.summary(*PERIOD).follow_ups
    assert centre == whole
    assert (centre.set, centre.contacts, centre.reached) == (3, 5, 3)
    assert centre.answers == {"heard": {"yes": 1, "no": 1}, "got_services": {"partly": 1},
                              "quality_of_life": {"yes": 1}}
    village_only = services.reports.summary(*PERIOD, sites=[VILLAGE]).follow_ups
    assert (village_only.set, village_only.contacts, village_only.open, village_only.answers) == (0, 0, 0, {})
    assert village_only.closed == {} and village_only.referrals == {} and village_only.kykyviisari.closed == 0


def test_a_contact_at_the_village_counts_its_answers_there(services: Services, village: Services,
                                                           worker: StaffMember, clock: FakeClock) -> None:
    village_day(village, worker, clock, clock.now.date())
    line = services.follow_ups.due(None, None)[0]
    clock.advance(14 * 24 * 60)
    contact = validated(services, line.id, reached=True, answers={"heard": "yes"}, end_reason="employed")
    services.follow_ups.record(line.id, contact, worker.id, keep_days=30)
    with services.db.reading() as session:
        assert session.scalars(select(FollowUpAnswer.site)).all() == [VILLAGE]
    day = clock.now.date()
    clock.advance(24 * 60)
    assert services.reports.summary(day, sites=[VILLAGE]).follow_ups.answers == {"heard": {"yes": 1}}
    assert services.reports.summary(day, sites=[CENTRE]).follow_ups.answers == {}
    assert services.reports.summary(day).follow_ups.closed == {"employed": 1}


def test_upgrading_from_0023_keeps_the_summaries_and_gives_every_visit_the_first_site(
        services: Services, worker: StaffMember, clock: FakeClock, db_url: str, profile: ServiceProfile) -> None:
    """A database of the schema before sites (0023), with visits, prints, follow-ups, answers and
    its day tallies of the time in it: after the upgrade the day's and the period's summaries are
    what they were, every visit and answer belongs to the profile's first site, the other has none."""
    from alembic import command
    from sqlalchemy import inspect, text

    from storage.db import Database, alembic_config

    busy_day(services, worker, clock)
    follow_up_rows(services, worker, clock)
    clock.now = NOW
    month = (date(2026, 11, 1), date(2026, 11, 30))
    day_before, month_before = services.reports.summary(DAY), services.reports.summary(*month)
    assert (day_before.visits, day_before.finished, month_before.follow_ups.set) == (5, 3, 6)
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", db_url.replace("%", "%%"))
    command.downgrade(config, "0023")
    with services.db.writing() as session:
        schema = inspect(session.connection())
        assert "site" not in {c["name"] for c in schema.get_columns("visit")}
        assert "staff_site" not in schema.get_table_names()
        # a tally as 0023's desks left it (version 7, no site), wrong on purpose: it must not count
        session.execute(text("INSERT INTO day_tally (service_day, measure, key, n) VALUES "
                             "(:day, 'tally_version', '', 7), (:day, 'status', 'finished', 100)"), {"day": DAY})
    upgraded = Database(db_url)
    try:
        upgraded.upgrade(first_site=profile.first_site)
    finally:
        upgraded.dispose()
    assert services.reports.summary(DAY) == day_before
    assert services.reports.summary(*month) == month_before
    centre = services.reports.summary(*month, sites=[CENTRE])
    assert centre.visits == month_before.visits and centre.follow_ups == month_before.follow_ups
    assert services.reports.summary(*month, sites=[VILLAGE]).visits == 0
    with services.db.reading() as session:
        assert set(session.scalars(text("SELECT DISTINCT site FROM visit"))) == {profile.first_site}
        assert set(session.scalars(text("SELECT DISTINCT site FROM follow_up_answer"))) == {profile.first_site}
