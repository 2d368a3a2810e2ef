"""A new triage question kind cannot render as a yes/no question on the screen, nor get yes/no
answers in the demo: both tables are keyed by QuestionKind and refuse a kind they do not know."""

from __future__ import annotations

import random

import pytest

from forms.profile import ServiceProfile
from forms.registry import UnknownKind
from forms.triage import Question, QuestionKind
from storage.demo import DEMO_ANSWERS, _answers
from tui.widgets.questions import QUESTION_WIDGETS, question_widget


def a_new_kind_of_question(profile: ServiceProfile) -> Question:
    """As a profile would give once a kind "scale" exists in the form but nowhere else."""
    known = profile.triage.questions[0]
    return Question.model_construct(id="pain_scale", kind="scale", text=known.text, short=known.short,
                                    choices=())


def test_every_question_kind_has_a_widget_and_demo_answers() -> None:
    assert set(QUESTION_WIDGETS) == set(DEMO_ANSWERS) == set(QuestionKind)


def test_an_unknown_question_kind_is_refused_on_the_screen_and_in_the_demo(profile: ServiceProfile) -> None:
    question = a_new_kind_of_question(profile)
    with pytest.raises(UnknownKind, match="triage question widget: unknown kind 'scale'"):
        question_widget(1, question, None)
    with_it = profile.model_copy(update={"triage": profile.triage.model_copy(
        update={"questions": (*profile.triage.questions, question)})})
    with pytest.raises(UnknownKind, match="demo answer: unknown kind 'scale'"):
        _answers(random.Random(1), with_it)
