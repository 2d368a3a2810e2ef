"""Triage questions answered with single keys: y/n/? for yes-no, space and Enter for multi-select."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, SelectionList, Static

from forms.i18n import N_, _
from forms.registry import Registry
from forms.triage import QuestionKind
from tui.inert import plain
from tui.localised import LocalisedBindings
from tui.reuse import mark
from tui.widgets.marked_list import MarkedSelectionList

if TYPE_CHECKING:
    from forms.triage import Answer, Question


class QuestionAnswered(Message):
    """A question got an answer; `move_on` when the worker is done with it."""

    def __init__(self, question_id: str, answer: Answer, move_on: bool) -> None:
        super().__init__()
        self.question_id = question_id
        self.answer = answer
        self.move_on = move_on


class YesNoQuestion(LocalisedBindings, Static, can_focus=True):
    # y n ? in every language, and the first letters of the answers in Finnish (kyllä, ei, en tiedä)
    # and Swedish (ja, nej, vet inte).
    BINDINGS = [
        Binding("y,k,j", "answer('yes')", N_("yes"), id="answer.yes"),
        Binding("n,e", "answer('no')", N_("no"), id="answer.no"),
        Binding("question_mark,t,v", "answer('unknown')", N_("don't know"), id="answer.unknown"),
    ]

    def __init__(self, number: int, question: Question, answer: str | None = None) -> None:
        super().__init__(id=f"q-{question.id}", classes="question")
        self.number = number
        self.question = question
        self.answer = answer

    def on_mount(self) -> None:
        self._render_answer()

    def show_answer(self, answer: Answer | None) -> None:
        """The answer given before (None: not answered), as the screen is filled in for a visit."""
        self.answer = answer if isinstance(answer, str) else None
        self._render_answer()

    def action_answer(self, answer: str) -> None:
        self.answer = answer
        self._render_answer()
        self.post_message(QuestionAnswered(self.question.id, answer, move_on=True))

    def _render_answer(self) -> None:
        shown = self.question.describe(self.answer) if self.answer else "·"
        self.set_class(self.answer is not None, "-answered")
        self.update(Text.assemble(f"{self.number}. {self.question.text}  ", (f"[{shown}]", "bold")))


class ChoiceList(LocalisedBindings, MarkedSelectionList):
    """Space toggles a choice; Enter moves on to the next question."""

    BINDINGS = [
        Binding("space", "select", N_("choose"), id="choice.toggle"),
        Binding("enter", "done", N_("next question"), id="choice.done", priority=True),
    ]

    class Done(Message):
        pass

    def action_done(self) -> None:
        self.post_message(self.Done())


class MultiQuestion(Vertical, can_focus=False):
    def __init__(self, number: int, question: Question, answer: frozenset[str] | None = None) -> None:
        super().__init__(id=f"q-{question.id}", classes="question multi")
        self.number = number
        self.question = question
        self.initial = answer or frozenset()

    def compose(self) -> ComposeResult:
        yield Label(
            f"{self.number}. {self.question.text}  " + _("(space chooses, Enter goes on)"),
            markup=False,
        )
        yield ChoiceList(
            *[(plain(c.label), c.id, c.id in self.initial) for c in self.question.choices],
            classes="choices",
        )

    def show_answer(self, answer: Answer | None) -> None:
        """The choices made before (None: none), as the screen is filled in for a visit."""
        mark(self.query_one(ChoiceList), answer if isinstance(answer, frozenset) else ())

    @property
    def answer(self) -> frozenset[str]:
        return frozenset(self.query_one(ChoiceList).selected)

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        event.stop()
        choices = self.query_one(ChoiceList)
        toggled = self.question.choice(event.selection.value)
        # An exclusive choice ("none of these") and the others rule each other out.
        if toggled is not None and event.selection.value in choices.selected:
            for choice in self.question.choices:
                if choice.id != toggled.id and (toggled.exclusive or choice.exclusive):
                    choices.deselect(choice.id)
        self.post_message(QuestionAnswered(self.question.id, self.answer, move_on=False))

    def on_choice_list_done(self, event: ChoiceList.Done) -> None:
        event.stop()
        self.post_message(QuestionAnswered(self.question.id, self.answer, move_on=True))

    def focus(self, scroll_visible: bool = True) -> MultiQuestion:
        self.query_one(ChoiceList).focus(scroll_visible)
        return self


def _yes_no(number: int, question: Question, answer: Answer | None) -> Widget:
    return YesNoQuestion(number, question, answer if isinstance(answer, str) else None)


def _multi(number: int, question: Question, answer: Answer | None) -> Widget:
    return MultiQuestion(number, question, answer if isinstance(answer, frozenset) else None)


QUESTION_WIDGETS: Registry[QuestionKind, Callable[[int, Question, Answer | None], Widget]] = Registry(
    "triage question widget", QuestionKind, {QuestionKind.YES_NO: _yes_no, QuestionKind.MULTI: _multi})


def question_widget(number: int, question: Question, answer: Answer | None) -> Widget:
    """The widget that asks `question`, showing `answer` if one was given before."""
    return QUESTION_WIDGETS[question.kind](number, question, answer)
