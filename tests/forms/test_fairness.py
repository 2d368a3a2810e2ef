"""The fair-triage rule at its edges, and how the figures read (pure)."""

from __future__ import annotations

from datetime import date

import pytest

from forms.fairness import MIN_VISITS, NO_RULE, RATIO, Fairness, GroupWait, RuleOverrides, waits_clearly_longer
from forms.i18n import set_language
from forms.profile import load_profile
from forms.summary import Summary
from forms.summary_view import fair_finding, fair_flagged, fair_rows, fair_rule, fair_tables, override_rows


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def test_the_documented_thresholds() -> None:
    assert (MIN_VISITS, RATIO) == (20, 1.5)


def test_nineteen_visits_are_too_few_twenty_are_enough() -> None:
    assert not waits_clearly_longer(19, 40, 10)
    assert waits_clearly_longer(20, 40, 10)


def test_exactly_one_and_a_half_times_is_not_flagged_above_is() -> None:
    assert not waits_clearly_longer(20, 15, 10)
    assert waits_clearly_longer(20, 15.5, 10)
    assert not waits_clearly_longer(500, 14, 10)


def test_without_others_or_waits_nothing_is_flagged() -> None:
    assert not waits_clearly_longer(20, 30, None)
    assert not waits_clearly_longer(20, None, 10)
    # the others were called at once (median 0): any longer median of 20 waits is clearly longer
    assert waits_clearly_longer(20, 1, 0)
    assert not waits_clearly_longer(20, 0, 0)


def _summary() -> Summary:
    groups = [
        GroupWait(group="language", key="sv", urgency="normal", visits=20, median=30, others=59, others_median=10),
        GroupWait(group="language", key="fi", urgency="normal", visits=40, median=10, others=39, others_median=30),
        GroupWait(group="age_group", key="not_recorded", urgency="normal", visits=79, median=10),
        GroupWait(group="municipality", key="Testilä", urgency="soon", visits=25, median=12.5, others=30,
                  others_median=5),
    ]
    rules = [RuleOverrides(rule=NO_RULE, fired=4), RuleOverrides(rule="health_check", fired=4, raised=1, lowered=1),
             RuleOverrides(rule="acute", fired=2, lowered=1), RuleOverrides(rule="gone", fired=1, raised=1)]
    return Summary(day_from=date(2026, 11, 1), day_to=date(2026, 11, 30), fairness=Fairness(groups=groups, rules=rules))


def test_the_figures_in_words() -> None:
    s, profile = _summary(), load_profile()
    assert fair_rule() == ("A group is flagged when, within one urgency, it has at least 20 waits and its median "
                           "wait is more than 1.5 × the median wait of all the other visits of that urgency.")
    # the clearest first: Swedish 3 ×, then Testilä 2.5 ×
    assert fair_flagged(s, profile) == [
        "Waits clearly longer: Language: Swedish, normal: 20 waits, median 30 min; the others 59, median 10 min",
        "Waits clearly longer: Municipality: Testilä, soon: 25 waits, median 12.5 min; the others 30, median 5 min",
    ]
    assert [line for _g, line in fair_rows(s, profile)][1:3] == [
        "Language: Finnish, normal: 40 waits, median 10 min; the others 39, median 30 min",
        "Age group: not recorded, normal: 79 waits, median 10 min; the others 0, median – min",
    ]
    assert fair_rows(s, profile)[0][1].endswith(" — clearly longer")
    assert fair_finding(s, profile) == [
        "2 groups waited clearly longer than the others of the same urgency; the clearest: Language: Swedish "
        "(normal), median 30 min against 10 min for the others."]
    # the profile's order of rules, a removed rule by its id, the visits without a rule last
    assert [(name, r.changed) for name, r in override_rows(s, profile)] == [
        ("ACUTE: meet now", 1), ("health check", 2), ("gone", 1), ("no rule fired", 0)]
    waits, changes = fair_tables(s, profile)
    assert waits.rows[0] == ["Language: Swedish", "normal", 20, 30, 59, 10, "yes"]
    assert changes.rows[1] == ["health check", 4, 1, 1, 2, 0.5]


def test_nothing_flagged_says_so_and_the_report_says_nothing() -> None:
    s = Summary(day_from=date(2026, 11, 1), day_to=date(2026, 11, 30), fairness=Fairness())
    assert fair_flagged(s, load_profile()) == ["No group waited clearly longer than the others of the same urgency."]
    assert fair_finding(s, load_profile()) == []
    day = Summary(day_from=date(2026, 11, 1), day_to=date(2026, 11, 1))
    assert (fair_flagged(day, load_profile()), fair_tables(day, load_profile())) == ([], [])


def test_in_finnish_and_swedish() -> None:
    s, profile = _summary(), load_profile()
    for language in ("fi", "sv"):
        set_language(language)
        assert "1,5" in fair_rule() and "20" in fair_rule()
        assert "12,5" in fair_flagged(s, profile)[1]
