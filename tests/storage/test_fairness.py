"""The fair-triage figures against hand counts, on SQLite and PostgreSQL: a constructed day where
Swedish-speaking clients wait three times as long as the others and are flagged, the Finnish ones
are not, and the English ones wait longest but are too few (19); the overrides per triage rule."""

from __future__ import annotations

from datetime import date

from forms.fairness import NO_RULE
from forms.intake import IntakeForm
from forms.profile import ServiceProfile
from forms.summary import NOT_RECORDED
from storage.services import Services, open_services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tests.scenarios import FAIR_DAY as DAY
from tests.scenarios import at, fair_day


def test_a_group_that_waits_clearly_longer_is_flagged(services: Services, worker: StaffMember,
                                                      clock: FakeClock) -> None:
    fair_day(services, worker, clock)
    at(clock, 12, 0, date(2026, 11, 30))
    fairness = services.reports.summary(date(2026, 11, 1), date(2026, 11, 30), fairness=True).fairness
    assert fairness is not None
    languages = {g.key: (g.urgency, g.visits, g.median, g.others, g.others_median, g.flagged)
                 for g in fairness.groups if g.group == "language"}
    # sv: 30 against the others' 59 (40 of 10, 19 of 40): median 10; 30 > 15, 20 waits: flagged.
    # fi: 10 against 39 (20 of 30, 19 of 40): median 30; not longer.
    # en: 40 against 60 (40 of 10, 20 of 30): median 10; longer, but only 19 waits.
    assert languages == {"sv": ("normal", 20, 30, 59, 10, True), "fi": ("normal", 40, 10, 39, 30, False),
                         "en": ("normal", 19, 40, 60, 10, False)}
    municipalities = {g.key: (g.visits, g.median, g.others, g.others_median, g.flagged)
                      for g in fairness.groups if g.group == "municipality"}
    # Testilä: 40 of 10 and 20 of 30 → median 10; the 19 not recorded → median 40 against 10, too few
    assert municipalities == {"Testilä": (60, 10, 19, 40, False), NOT_RECORDED: (19, 40, 60, 10, False)}
    # every visit is in the same age group (none recorded): nobody to compare with
    ages = [(g.key, g.visits, g.others, g.others_median, g.flagged) for g in fairness.groups if g.group == "age_group"]
    assert ages == [(NOT_RECORDED, 79, 0, None, False)]
    assert [(g.group, g.key) for g in fairness.flagged] == [("language", "sv")]
    assert list(dict.fromkeys(g.group for g in fairness.groups)) == [
        "language", "age_group", "municipality", "life_situation", "site"]


def test_the_overrides_per_rule(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    fair_day(services, worker, clock)
    at(clock, 12, 0, date(2026, 11, 30))
    fairness = services.reports.summary(DAY, date(2026, 11, 12), fairness=True).fairness
    assert fairness is not None
    # acute fired twice (once lowered to soon), the health check twice (once lowered with acute, once
    # raised to soon), no rule once (kept); the 80 visits never triaged are not counted
    assert [(r.rule, r.fired, r.raised, r.lowered, r.changed, r.share) for r in fairness.rules] == [
        ("acute", 2, 0, 1, 1, 0.5), ("health_check", 2, 1, 1, 2, 1.0), (NO_RULE, 1, 0, 0, 0, 0.0)]


def test_only_when_asked(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    """They scan the period's visits: a summary has them when asked (the documents of a period ask,
    the screen reads them on their own after the summary)."""
    fair_day(services, worker, clock)
    assert services.reports.summary(DAY).fairness is None
    assert services.reports.summary(DAY, date(2026, 11, 11)).fairness is None
    asked = services.reports.summary(DAY, fairness=True).fairness
    assert asked is not None and [(g.key, g.flagged) for g in asked.flagged] == [("sv", True)]
    assert services.reports.fairness(DAY, DAY) == asked


def test_a_site_whose_clients_wait_clearly_longer_is_flagged(db_url: str, profile: ServiceProfile,
                                                             services: Services, worker: StaffMember,
                                                             clock: FakeClock) -> None:
    """The hand-counted day at the centre, and 20 clients at the village who waited 50 minutes (all
    in Finnish, normal): the village is flagged in the whole service's figures; a summary of the
    centre alone compares only the centre's visits."""
    fair_day(services, worker, clock)
    village = open_services(db_url, profile, clock=clock, workstation="desk-2", site="kirkonkyla")
    try:
        at(clock, 8, 40, DAY)
        waited = [village.desk.admit(IntakeForm(language="fi"), worker.id).id for _ in range(20)]
        at(clock, 9, 30, DAY)
        for visit_id in waited:
            village.desk.start(visit_id, worker.id)
    finally:
        village.close()
    at(clock, 12, 0, date(2026, 11, 30))
    whole = services.reports.fairness(DAY, date(2026, 11, 12))
    sites = {g.key: (g.visits, g.median, g.others, g.others_median, g.flagged)
             for g in whole.groups if g.group == "site"}
    # the village: 20 of 50 against the centre's 79 (19 of 40, 20 of 30, 40 of 10: median 10)
    assert sites == {"keskusta": (79, 10, 20, 50, False), "kirkonkyla": (20, 50, 79, 10, True)}
    centre = services.reports.fairness(DAY, date(2026, 11, 12), ["keskusta"])
    assert {g.key for g in centre.groups if g.group == "site"} == {"keskusta"}
    assert sum(g.visits for g in centre.groups if g.group == "language") == 79
