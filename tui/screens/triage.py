"""The short service-need triage: single-key answers, the result and its reasons shown at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from forms.choices import Urgency
from forms.i18n import N_, _
from forms.triage import Answer, TriageResult, UrgencyOverride, answers_from_json, answers_to_json, evaluate
from tui.dialogs.override import OverrideDialog
from tui.localised import LocalisedBindings
from tui.reuse import FILLING_SENDS_NOTHING, Kept, focus_first, kept
from tui.visit_text import urgency_text
from tui.widgets.header import Header
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.questions import QuestionAnswered, question_widget

if TYPE_CHECKING:
    from tui.app import WalkinApp


def open_triage(app: WalkinApp, visit_id: int) -> None:
    """Triage (again) with the answers already given."""
    app.run_db(
        lambda: app.services.desk.visit(visit_id),
        lambda d: app.push_screen(kept_triage(app, visit_id, d.entry.ticket, d.triage_answers)),
        hold_keys=True,
    )


def kept_triage(app: WalkinApp, visit_id: int, ticket: str, answers: dict[str, object] | None = None) -> TriageScreen:
    """The app's triage screen, filled in for this visit."""
    screen = kept(app, TriageScreen)
    screen.renew(visit_id, ticket, answers)
    return screen


class TriageScreen(Kept, LocalisedBindings, Screen[None]):
    HELP = N_(
        "Answer each question with one key: y or k yes, n or e no, ? don't know. "
        "In a list, space chooses and Enter goes on. The result and its reasons update as you answer. "
        "u changes the urgency (give a reason); Esc leaves the triage for later, the visit stays queued."
    )
    BINDINGS = [
        Binding("f2", "save", N_("Save triage"), id="triage.save"),
        Binding("u", "override", N_("Change urgency"), id="triage.override"),
        Binding("escape", "skip", N_("Later"), id="triage.skip"),
    ]

    app: WalkinApp

    def __init__(self, visit_id: int = 0, ticket: str = "", answers: dict[str, object] | None = None) -> None:
        super().__init__()
        self._take(visit_id, ticket, answers)

    def _take(self, visit_id: int, ticket: str, answers: dict[str, object] | None) -> None:
        self.visit_id = visit_id
        self.ticket = ticket
        self.answers: dict[str, Answer] = answers_from_json(answers)  # type: ignore[arg-type]
        self.override: UrgencyOverride | None = None

    def renew(self, visit_id: int, ticket: str, answers: dict[str, object] | None = None) -> None:
        """The kept screen for this visit: its answers (if triaged before), none of the visit before."""
        self._take(visit_id, ticket, answers)
        if self.is_mounted:
            self._fill()

    def compose(self) -> ComposeResult:
        """The questions unanswered; `_fill` puts in this visit's (a kept screen is composed once)."""
        catalogue = self.app.profile.triage
        yield Header()
        with Horizontal(id="triage"):
            with VerticalScroll(id="questions"):
                yield Static(id="triage-title", classes="card-title")
                for number, question in enumerate(catalogue.questions, start=1):
                    yield question_widget(number, question, None)
                yield Button(_("Save triage (F2)"), id="save-triage", variant="primary")
            with Vertical(id="triage-result"):
                yield Static(id="result-urgency")
                yield Static(id="result-suggestions")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        self.query_one("#triage-title", Static).update(_("Triage for {ticket}").format(ticket=self.ticket))
        with self.prevent(*FILLING_SENDS_NOTHING):
            for question in self.query(".question"):
                question.show_answer(self.answers.get(question.question.id))  # type: ignore[attr-defined]
        self.query_one("#questions", VerticalScroll).scroll_home(animate=False, immediate=True)
        focus_first(self, self.query(".question").first())
        self._show_result()

    @property
    def result(self) -> TriageResult:
        return evaluate(self.app.profile.triage, self.answers)

    def on_question_answered(self, event: QuestionAnswered) -> None:
        self.answers[event.question_id] = event.answer
        self._show_result()
        if event.move_on:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save-triage":
            self.action_save()

    def _show_result(self) -> None:
        result = self.result
        urgency = self.override.urgency if self.override else result.urgency
        heading = Text.assemble((_("Urgency: "), "bold"), (urgency_text(urgency), "bold"))
        if self.override:
            heading.append("\n" + _("Changed by the worker from {was}: {reason}").format(
                was=urgency_text(result.urgency), reason=self.override.reason
            ))
        self.query_one("#result-urgency", Static).update(heading)
        body = Text()
        if not result.suggestions:
            body.append(_("No suggestions yet.") if not self.answers else _("No special needs found."))
        because = _("because")
        for suggestion in result.suggestions:
            body.append(f"• {suggestion.text}\n", style="bold")
            for reason in suggestion.reasons:
                body.append(f"    {because} {reason}\n")
        if urgency is Urgency.ACUTE and self.app.profile.crisis_contacts:
            body.append("\n" + _("Crisis contacts:") + "\n", style="bold")
            for contact in self.app.profile.crisis_contacts:
                body.append(f"  {contact.role}: {contact.phone or ''} {contact.hours or ''}\n")
        self.query_one("#result-suggestions", Static).update(body)

    def action_override(self) -> None:
        def chosen(choice: UrgencyOverride | None) -> None:
            if choice is not None:
                self.override = choice
                self._show_result()

        self.app.push_screen(OverrideDialog(self.result.urgency), chosen)

    def action_save(self) -> None:
        result = self.result
        override, reason = (self.override.urgency, self.override.reason) if self.override else (None, None)
        answers = answers_to_json(self.answers)
        staff_id = self.app.staff_id
        visit_id = self.visit_id

        def saved(_none: None) -> None:
            self.notify(
                _("Triage saved: {ticket}, {urgency}").format(
                    ticket=self.ticket, urgency=urgency_text(override or result.urgency)
                ),
                timeout=4,
            )
            self.dismiss()

        self.app.run_db(
            lambda: self.app.services.desk.record_triage(
                visit_id, answers, result.urgency, result.rule_ids, staff_id, override, reason
            ),
            saved,
            hold_keys=True,
        )

    def action_skip(self) -> None:
        self.dismiss()
