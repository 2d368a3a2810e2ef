"""The service-need triage: questions and rules as data, and the pure evaluation of answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Literal, cast

from pydantic import Field, model_validator

from forms.base import FrozenModel, StrictModel
from forms.choices import Urgency
from forms.fields import text
from forms.i18n import N_, _
from forms.localtext import LocalText

YesNo = Literal["yes", "no", "unknown"]
YES_NO_LABELS = {"yes": N_("yes"), "no": N_("no"), "unknown": N_("don't know")}
Answer = str | frozenset[str]
Answers = Mapping[str, Answer]

_ID = r"^[a-z][a-z0-9_]{0,39}$"


class Choice(StrictModel):
    id: str = Field(pattern=_ID)
    label: LocalText
    exclusive: bool = False
    """Picking it clears the others ("none of these")."""


class QuestionKind(StrEnum):
    """How a question is answered. A new kind needs its widget (tui/widgets/questions.py) and its
    demo answers (storage/demo.py): both tables refuse a kind they do not know."""

    YES_NO = "yes_no"
    MULTI = "multi"


class Question(StrictModel):
    id: str = Field(pattern=_ID)
    kind: QuestionKind = QuestionKind.YES_NO
    text: LocalText
    short: LocalText
    """A few words for summaries and reasons."""
    choices: tuple[Choice, ...] = ()

    @model_validator(mode="after")
    def _choices_fit_kind(self) -> Question:
        if self.kind is QuestionKind.MULTI and not self.choices:
            raise ValueError("a multi question needs choices")
        if self.kind is QuestionKind.YES_NO and self.choices:
            raise ValueError("a yes_no question has no choices")
        return self

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    def describe(self, answer: Answer) -> str:
        """The answer in words, in the UI language."""
        if isinstance(answer, str):
            return _(YES_NO_LABELS.get(answer, answer))
        labels = [str(c.label) for c in self.choices if c.id in answer]
        return ", ".join(labels) if labels else _("nothing chosen")


class Clause(StrictModel):
    """One condition on one answer; a rule holds when all its clauses hold."""

    question: str
    is_: YesNo | None = Field(default=None, alias="is")
    in_: tuple[YesNo, ...] | None = Field(default=None, alias="in")
    includes: str | None = None
    includes_any: tuple[str, ...] | None = None
    min_selected: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _one_operator(self) -> Clause:
        given = [op for op in self.operators() if getattr(self, op) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of: is, in, includes, includes_any, min_selected")
        return self

    @staticmethod
    def operators() -> tuple[str, ...]:
        return ("is_", "in_", "includes", "includes_any", "min_selected")

    def holds(self, answer: Answer | None, question: Question) -> bool:
        if answer is None:
            return False
        if isinstance(answer, str):
            if self.is_ is not None:
                return answer == self.is_
            return self.in_ is not None and answer in self.in_
        if self.includes is not None:
            return self.includes in answer
        if self.includes_any is not None:
            return bool(answer & set(self.includes_any))
        if self.min_selected is not None:
            exclusive = {c.id for c in question.choices if c.exclusive}
            return len(answer - exclusive) >= self.min_selected
        return False


class Rule(StrictModel):
    id: str = Field(pattern=_ID)
    when: tuple[Clause, ...] = Field(min_length=1)
    urgency: Urgency = Urgency.NORMAL
    suggest: LocalText
    short: LocalText
    """A few words for the queue board."""

class TriageCatalogue(StrictModel):
    questions: tuple[Question, ...] = Field(min_length=1)
    rules: tuple[Rule, ...] = ()

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def problems(self) -> list[tuple[str, str]]:
        """Cross-references a schema cannot check: (location, message) pairs."""
        return reference_problems(
            [q.id for q in self.questions], first_by_id(self.questions), [r.id for r in self.rules],
            [(f"triage.rules[{r}].when[{c}]", clause) for r, rule in enumerate(self.rules)
             for c, clause in enumerate(rule.when)])


def first_by_id(questions: Iterable[Question]) -> dict[str, Question]:
    """The questions by id; of two with the same id, the first (as `TriageCatalogue.question`)."""
    found: dict[str, Question] = {}
    for question in questions:
        found.setdefault(question.id, question)
    return found


def reference_problems(question_ids: Sequence[object], questions: Mapping[str, Question],
                       rule_ids: Sequence[object], clauses: Iterable[tuple[str, Clause]]) -> list[tuple[str, str]]:
    """The cross-references among those parts of a catalogue that are valid on their own, so that
    they can be checked beside the schema's errors: (location, message) pairs, one per problem.

    `question_ids`, `rule_ids`: the ids as written, by position, valid or not; `questions`: the
    valid questions by id; `clauses`: each valid clause with its location."""
    found: list[tuple[str, str]] = []
    for kind, ids in (("questions", question_ids), ("rules", rule_ids)):
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if isinstance(item_id, str):
                if item_id in seen:
                    found.append((f"triage.{kind}[{index}].id", f"duplicate id '{item_id}'"))
                seen.add(item_id)
    written = {q for q in question_ids if isinstance(q, str)}
    for where, clause in clauses:
        question = questions.get(clause.question)
        if question is None:
            if clause.question not in written:
                found.append((where, f"unknown question '{clause.question}'"))
            continue  # a question with errors of its own: the schema reports those
        single = clause.is_ is not None or clause.in_ is not None
        if single != (question.kind is QuestionKind.YES_NO):
            found.append((where, f"operator does not fit the {question.kind.value} question '{question.id}'"))
            continue  # its choices mean nothing for this question: one problem, said once
        named = ([clause.includes] if clause.includes else []) + list(clause.includes_any or ())
        for choice_id in named:
            if question.choice(choice_id) is None:
                found.append((where, f"unknown choice '{choice_id}' of question '{question.id}'"))
    return found


@dataclass(frozen=True)
class Suggestion:
    rule_id: str
    text: str
    short: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class TriageResult:
    urgency: Urgency
    suggestions: tuple[Suggestion, ...] = field(default=())

    @property
    def rule_ids(self) -> list[str]:
        return [s.rule_id for s in self.suggestions]


def evaluate(catalogue: TriageCatalogue, answers: Answers) -> TriageResult:
    """Urgency is the most urgent of the rules that hold; each gives a suggestion and its reasons."""
    urgency = Urgency.NORMAL
    suggestions: list[Suggestion] = []
    for rule in catalogue.rules:
        reasons: list[str] = []
        for clause in rule.when:
            question = catalogue.question(clause.question)
            answer = answers.get(clause.question)
            if question is None or answer is None or not clause.holds(answer, question):
                break
            reasons.append(f"{question.short}: {question.describe(answer)}")
        else:
            if rule.urgency.rank < urgency.rank:
                urgency = rule.urgency
            suggestions.append(Suggestion(rule.id, str(rule.suggest), str(rule.short), tuple(reasons)))
    return TriageResult(urgency, tuple(suggestions))


def answers_to_json(answers: Answers) -> dict[str, str | list[str]]:
    return {k: v if isinstance(v, str) else sorted(v) for k, v in answers.items()}


def answers_from_json(data: Mapping[str, object] | None) -> dict[str, Answer]:
    return {k: v if isinstance(v, str) else frozenset(cast("Iterable[str]", v)) for k, v in (data or {}).items()}


class UrgencyOverride(FrozenModel):
    """The worker's own urgency for a visit; the reason is kept with it."""

    urgency: Urgency
    reason: Annotated[str, text(200, required=True)]
