"""The default triage rules give the suggestions domain.md lists, with their reasons."""

from __future__ import annotations

import pytest

from forms.choices import Urgency
from forms.i18n import set_language
from forms.profile import ServiceProfile
from forms.triage import answers_from_json, answers_to_json, evaluate

ALL_NO = {
    "acute_today": "no",
    "health_affects_work": "no",
    "health_check_12m": "no",
    "current_services": frozenset(),
    "has_responsible_worker": "no",
    "income_housing": "no",
    "help_wanted": frozenset(),
}


def rules(profile: ServiceProfile, **changes: object) -> list[str]:
    return evaluate(profile.triage, {**ALL_NO, **changes}).rule_ids  # type: ignore[arg-type]


def test_all_no_is_normal_with_no_suggestions(profile: ServiceProfile) -> None:
    result = evaluate(profile.triage, ALL_NO)
    assert result.urgency is Urgency.NORMAL
    assert result.suggestions == ()


def test_nothing_answered_suggests_nothing(profile: ServiceProfile) -> None:
    assert evaluate(profile.triage, {}).rule_ids == []


def test_acute_is_seen_first_with_reason(profile: ServiceProfile) -> None:
    result = evaluate(profile.triage, {**ALL_NO, "acute_today": "yes"})
    assert result.urgency is Urgency.ACUTE
    assert result.rule_ids == ["acute"]
    assert result.suggestions[0].reasons == ("Akuutti tilanne tänään: kyllä",)


@pytest.mark.parametrize("check", ["no", "unknown"])
def test_health_concern_without_check_refers_to_health_check(profile: ServiceProfile, check: str) -> None:
    assert rules(profile, health_affects_work="yes", health_check_12m=check) == ["health_check"]


def test_health_concern_with_recent_check_gives_nothing(profile: ServiceProfile) -> None:
    assert rules(profile, health_affects_work="yes", health_check_12m="yes") == []


def test_several_services_and_no_worker_makes_a_coordinator_client(profile: ServiceProfile) -> None:
    assert rules(profile, current_services=frozenset({"kela", "social_work"})) == ["coordinator_client"]
    assert rules(profile, current_services=frozenset({"kela"})) == []
    both = frozenset({"kela", "social_work"})
    assert rules(profile, current_services=both, has_responsible_worker="yes") == []


def test_exclusive_choice_is_not_counted_as_a_service(profile: ServiceProfile) -> None:
    assert rules(profile, current_services=frozenset({"kela", "none"})) == []


def test_already_in_typ_means_coordinate(profile: ServiceProfile) -> None:
    assert "already_in_typ" in rules(profile, current_services=frozenset({"typ"}))


def test_income_or_housing_refers_to_social_services_soon(profile: ServiceProfile) -> None:
    result = evaluate(profile.triage, {**ALL_NO, "income_housing": "yes"})
    assert result.rule_ids == ["income_housing"]
    assert result.urgency is Urgency.SOON


def test_most_urgent_rule_wins(profile: ServiceProfile) -> None:
    result = evaluate(profile.triage, {**ALL_NO, "income_housing": "yes", "acute_today": "yes"})
    assert result.urgency is Urgency.ACUTE
    assert result.rule_ids == ["acute", "income_housing"]


def test_suggestions_follow_the_ui_language(profile: ServiceProfile) -> None:
    set_language("en")
    result = evaluate(profile.triage, {**ALL_NO, "acute_today": "yes"})
    assert result.suggestions[0].text.startswith("Same-day meeting now")
    assert result.suggestions[0].reasons == ("Acute today: yes",)


def test_answers_round_trip_through_json() -> None:
    answers = {"a": "yes", "b": frozenset({"y", "x"})}
    assert answers_to_json(answers) == {"a": "yes", "b": ["x", "y"]}
    assert answers_from_json(answers_to_json(answers)) == answers
