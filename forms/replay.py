"""A draft triage catalogue tried on past visits' stored answers: what would move, and why (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from forms.choices import Urgency
from forms.triage import Answer, QuestionKind, TriageCatalogue, evaluate

YES_NO_ANSWERS = frozenset(("yes", "no", "unknown"))


@dataclass(frozen=True)
class StoredTriage:
    """One past visit's triage as the database keeps it: the answers as stored (JSON), the rules
    that fired then, the urgency the triage gave and the effective one (a worker's, if changed)."""

    ticket: str
    service_day: date
    answers: Mapping[str, object]
    rules: tuple[str, ...]
    triage_urgency: Urgency
    urgency: Urgency
    overridden: bool
    restricted: bool = False
    """The processing of the visit's data is restricted (a data-subject request): left out."""


@dataclass(frozen=True)
class Move:
    """A visit the draft would triage to another urgency. `because`: the rules whose outcome for
    this visit differs, "+id" fires with the draft only, "-id" no longer fires, "id" fires with
    both but gives another urgency."""

    ticket: str
    service_day: date
    before: Urgency
    after: Urgency
    because: tuple[str, ...]


@dataclass
class Replay:
    """What the draft would change over a period's triaged visits."""

    visits: int = 0
    """Triaged visits compared (those restricted are not among them)."""
    restricted: int = 0
    urgency_now: Counter[Urgency] = field(default_factory=Counter)
    """The effective urgency, as the queue used it."""
    urgency_draft: Counter[Urgency] = field(default_factory=Counter)
    """The effective urgency with the draft: a worker's own urgency kept."""
    suggestions_now: Counter[str] = field(default_factory=Counter)
    suggestions_draft: Counter[str] = field(default_factory=Counter)
    moves: list[Move] = field(default_factory=list)
    overridden: int = 0
    """Visits whose urgency a worker set: they keep it, whatever the draft says."""
    overridden_differ: int = 0
    """Of those, the visits the draft itself would triage to another urgency than the triage then."""
    dropped: Counter[str] = field(default_factory=Counter)
    """Question id → visits with an answer to it, a question the draft no longer has."""
    unasked: Counter[str] = field(default_factory=Counter)
    """The draft's question id → visits with no answer to it (never asked, or skipped)."""
    unfit: Counter[str] = field(default_factory=Counter)
    """Question id → visits whose answer does not fit the draft's question (its kind or choices
    changed): read as unanswered."""

    def share(self, n: int) -> float:
        return n / self.visits if self.visits else 0.0


@dataclass(frozen=True)
class _Outcome:
    urgency: Urgency
    rules: tuple[str, ...]
    dropped: tuple[str, ...]
    unasked: tuple[str, ...]
    unfit: tuple[str, ...]


def replay(draft: TriageCatalogue, visits: Iterable[StoredTriage],
           current: TriageCatalogue | None = None) -> Replay:
    """Re-evaluate each visit's stored answers with `draft`, in one pass (a year's visits are
    streamed, not held). `current`: the catalogue in use, to tell a rule whose urgency the draft
    changed; without it only rules that start or stop firing are named."""
    result = Replay()
    outcomes: dict[tuple[tuple[str, object], ...], _Outcome] = {}
    for visit in visits:
        if visit.restricted:
            result.restricted += 1
            continue
        # Answers repeat a lot (a few yes/no questions): each combination is evaluated once.
        key = _key(visit.answers)
        outcome = outcomes.get(key)
        if outcome is None:
            outcome = outcomes[key] = _evaluate(draft, visit.answers)
        result.visits += 1
        result.dropped.update(outcome.dropped)
        result.unasked.update(outcome.unasked)
        result.unfit.update(outcome.unfit)
        result.suggestions_now.update(visit.rules)
        result.suggestions_draft.update(outcome.rules)
        result.urgency_now[visit.urgency] += 1
        if visit.overridden:
            result.overridden += 1
            result.overridden_differ += outcome.urgency is not visit.triage_urgency
            result.urgency_draft[visit.urgency] += 1
            continue
        result.urgency_draft[outcome.urgency] += 1
        if outcome.urgency is not visit.triage_urgency:
            result.moves.append(Move(visit.ticket, visit.service_day, visit.triage_urgency, outcome.urgency,
                                     _because(visit.rules, outcome.rules, draft, current)))
    return result


def _key(answers: Mapping[str, object]) -> tuple[tuple[str, object], ...]:
    return tuple(sorted((k, v if isinstance(v, str) else tuple(sorted(map(str, v))) if isinstance(v, list)
                         else repr(v)) for k, v in answers.items()))


def _evaluate(draft: TriageCatalogue, stored: Mapping[str, object]) -> _Outcome:
    """The draft's outcome for one set of stored answers; answers that do not fit the draft's
    questions are read as not given (a rule on them does not hold), and counted."""
    usable: dict[str, Answer] = {}
    dropped, unfit = [], []
    for question_id, value in stored.items():
        question = draft.question(question_id)
        if question is None:
            dropped.append(question_id)
            continue
        answer = _fitting(value, question.kind, {c.id for c in question.choices})
        if answer is None:
            unfit.append(question_id)
        else:
            usable[question_id] = answer
    unasked = tuple(q.id for q in draft.questions if q.id not in stored)
    result = evaluate(draft, usable)
    return _Outcome(result.urgency, tuple(result.rule_ids), tuple(dropped), unasked, tuple(unfit))


def _fitting(value: object, kind: QuestionKind, choices: set[str]) -> Answer | None:
    if kind is QuestionKind.YES_NO:
        return value if isinstance(value, str) and value in YES_NO_ANSWERS else None
    if isinstance(value, list) and all(isinstance(v, str) and v in choices for v in value):
        return frozenset(value)
    return None


def _because(before: tuple[str, ...], after: tuple[str, ...], draft: TriageCatalogue,
             current: TriageCatalogue | None) -> tuple[str, ...]:
    then, now = set(before), set(after)
    changed = []
    for rule_id in after:
        if rule_id in then and current is not None:
            old, new = current.rule(rule_id), draft.rule(rule_id)
            if old is not None and new is not None and old.urgency is not new.urgency:
                changed.append(rule_id)
    return (tuple(f"+{r}" for r in after if r not in then) + tuple(f"-{r}" for r in before if r not in now)
            + tuple(changed))
