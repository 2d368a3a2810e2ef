"""A draft triage catalogue replayed on stored answers (forms.replay): exactly the visits a changed
rule reaches move, a worker's own urgency stays, answers the draft cannot use are counted."""

from __future__ import annotations

from datetime import date

from forms.choices import Urgency
from forms.profile import ServiceProfile
from forms.replay import Move, StoredTriage, replay
from forms.triage import Answers, Question, QuestionKind, TriageCatalogue, answers_to_json, evaluate
from tests.replay_cases import CASES, DAY, MOVED_BY_HEALTH_CHECK, answers, with_rule


def stored(catalogue: TriageCatalogue, ticket: str, given: Answers, override: Urgency | None = None,
           day: date = DAY, restricted: bool = False) -> StoredTriage:
    """As the desk stores a triage: answers as JSON, the rules then, the urgency then."""
    then = evaluate(catalogue, given)
    return StoredTriage(ticket, day, answers_to_json(given), tuple(then.rule_ids), then.urgency,
                        override or then.urgency, override is not None, restricted)


def visits(catalogue: TriageCatalogue) -> list[StoredTriage]:
    return [stored(catalogue, ticket, given, override) for ticket, given, override in CASES]


def test_the_same_catalogue_moves_nothing(profile: ServiceProfile) -> None:
    result = replay(profile.triage, visits(profile.triage), profile.triage)
    assert result.moves == [] and result.visits == len(CASES)
    assert result.urgency_now == result.urgency_draft
    assert result.suggestions_now == result.suggestions_draft
    assert result.overridden == 1 and result.overridden_differ == 0
    assert not (result.dropped or result.unasked or result.unfit)


def test_one_rule_made_more_urgent_moves_exactly_its_visits(profile: ServiceProfile) -> None:
    draft = with_rule(profile.triage, "health_check", urgency=Urgency.ACUTE)
    result = replay(draft, visits(profile.triage), profile.triage)
    assert result.moves == [Move(t, DAY, Urgency.SOON, Urgency.ACUTE, ("health_check",))
                            for t in MOVED_BY_HEALTH_CHECK]
    assert result.urgency_now == {Urgency.ACUTE: 1, Urgency.SOON: 4, Urgency.NORMAL: 3}
    # A008 keeps the worker's normal, though the draft would say acute.
    assert result.urgency_draft == {Urgency.ACUTE: 4, Urgency.SOON: 1, Urgency.NORMAL: 3}
    assert result.overridden == 1 and result.overridden_differ == 1
    assert result.suggestions_now == result.suggestions_draft  # the same rules fire, only more urgent
    assert result.share(4) == 0.5
    # Without the catalogue in use, the rule that changed urgency cannot be told.
    assert {m.because for m in replay(draft, visits(profile.triage)).moves} == {()}


def test_a_rule_taken_away_moves_the_visits_it_alone_made_soon(profile: ServiceProfile) -> None:
    draft = profile.triage.model_copy(update={"rules": tuple(r for r in profile.triage.rules
                                                             if r.id != "income_housing")})
    result = replay(draft, visits(profile.triage), profile.triage)
    assert result.moves == [Move("A006", DAY, Urgency.SOON, Urgency.NORMAL, ("-income_housing",))]
    assert result.suggestions_now["income_housing"] == 2 and result.suggestions_draft["income_housing"] == 0


def test_questions_gone_new_or_changed_are_counted_not_crashed_on(profile: ServiceProfile) -> None:
    triage = profile.triage
    debts = Question.model_validate({"id": "debts", "text": {"fi": "Velkoja?"}, "short": {"fi": "velat"}})
    kept = tuple(q for q in triage.questions if q.id != "income_housing")
    # help_wanted turned yes/no: the stored choices no longer fit it.
    changed = tuple(q.model_copy(update={"kind": QuestionKind.YES_NO, "choices": ()}) if q.id == "help_wanted" else q
                    for q in kept)
    draft = triage.model_copy(update={
        "questions": (*changed, debts),
        "rules": tuple(r for r in triage.rules if r.id not in ("income_housing", "assessment_wanted"))})
    odd = StoredTriage("A009", DAY, {"acute_today": 3, "current_services": ["nonesuch"], "health_check_12m": None},
                       (), Urgency.NORMAL, Urgency.NORMAL, False)
    result = replay(draft, [*visits(triage), odd], triage)
    assert result.dropped == {"income_housing": len(CASES)}
    assert result.unasked == {"debts": len(CASES) + 1, "health_affects_work": 1, "has_responsible_worker": 1,
                              "help_wanted": 1}
    assert result.unfit == {"help_wanted": len(CASES), "acute_today": 1, "current_services": 1,
                            "health_check_12m": 1}
    assert [m.ticket for m in result.moves] == ["A006"]


def test_a_restricted_visit_is_left_out(profile: ServiceProfile) -> None:
    draft = with_rule(profile.triage, "health_check", urgency=Urgency.ACUTE)
    kept_out = stored(profile.triage, "A010", answers(health_affects_work="yes"), restricted=True)
    result = replay(draft, [*visits(profile.triage), kept_out], profile.triage)
    assert result.restricted == 1 and result.visits == len(CASES)
    assert "A010" not in [m.ticket for m in result.moves]
