"""Finish a visit: what was done, referrals, the named responsible worker and the follow-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, SelectionList, Static

from forms.choices import FeedbackInstruction, HandoutKind, OutcomeAction
from forms.fields import field_messages
from forms.i18n import N_, _
from forms.outcome import NamedWorker, Outcome
from storage.views import StaffMember
from tui.dialogs.feedback_reminder import FeedbackReminder
from tui.handouts import Request, print_from_screen
from tui.inert import plain
from tui.localised import LocalisedBindings
from tui.widgets.form_field import FormField, show_errors

if TYPE_CHECKING:
    from tui.app import WalkinApp


def finish_visit(app: WalkinApp, visit_id: int, ticket: str, on_done: Callable[[], object]) -> None:
    """Ask for the outcome, then record it; the dialog stays open if saving fails."""

    def load() -> tuple[list[StaffMember], bool]:
        given = app.services.desk.visit(visit_id).feedback_instruction is not None
        return app.services.staff.active_members(), given

    def ask(loaded: tuple[list[StaffMember], bool]) -> None:
        members, feedback_given = loaded
        app.push_screen(FinishDialog(visit_id, ticket, members, on_done, feedback_given))

    app.run_db(load, ask)


class FinishDialog(LocalisedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("f2", "save", N_("Finish visit"), id="finish.save"),
        Binding("escape", "cancel", N_("Cancel"), id="finish.cancel"),
    ]

    AUTO_FOCUS = "#actions"

    app: WalkinApp

    def __init__(
        self, visit_id: int, ticket: str, members: list[StaffMember], on_done: Callable[[], object],
        feedback_given: bool = False,
    ) -> None:
        super().__init__()
        self.visit_id = visit_id
        self.ticket = ticket
        self.members = members
        self.on_done = on_done
        self.feedback_given = feedback_given

    def compose(self) -> ComposeResult:
        profile = self.app.profile
        with VerticalScroll(classes="dialog wide"):
            yield Static(_("Finish {ticket}").format(ticket=self.ticket), classes="card-title")
            yield Static(_("Space chooses in a list; Tab moves on; F2 finishes."))
            with Horizontal(classes="field-row"):
                yield FormField(
                    _("What was done"),
                    SelectionList[str](*[(a.label, a.value) for a in OutcomeAction], id="actions"),
                    name="actions",
                )
                yield FormField(
                    _("Referred to"),
                    SelectionList[str](*[(plain(d.label), d.id) for d in profile.referral_destinations],
                                       id="referrals"),
                    name="referrals",
                )
            yield Label(_("Named responsible worker"), classes="section-title")
            with Horizontal(classes="field-row"):
                yield FormField(
                    _("One of us"),
                    Select([(plain(m.display_name), str(m.id)) for m in self.members], prompt=_("nobody"),
                           id="staff"),
                    name="staff",
                )
                yield FormField(_("or outside the desk: name"), Input(max_length=400), name="worker_name")
            with Horizontal(classes="field-row"):
                yield FormField(_("Organisation"), Input(max_length=400), name="organisation")
                yield FormField(_("Phone"), Input(max_length=40), name="phone")
            with Horizontal(classes="field-row"):
                yield FormField(_("Appointment booked (e.g. 1.12.2026 10.00)"), Input(max_length=30),
                                name="next_appointment")
                yield FormField(_("Follow-up date (e.g. 24.11.2026)"), Input(max_length=20), name="follow_up_on")
            with Horizontal(classes="field-row"):
                yield FormField(_("Note (no health details)"), Input(max_length=2000), name="note")

    def _value(self, name: str) -> str:
        return self.query_one(f"#field-{name} Input", Input).value

    def _outcome(self) -> Outcome | None:
        """The form as an Outcome, or None after putting the messages beside the fields."""
        messages: dict[str, str] = {}
        workers: list[NamedWorker] = []
        staff = self.query_one("#staff", Select).value
        if staff is not Select.NULL:
            workers.append(NamedWorker(staff_id=int(str(staff))))
        outside = {k: self._value(k) for k in ("worker_name", "organisation", "phone")}
        if any(v.strip() for v in outside.values()):
            try:
                workers.append(
                    NamedWorker(name=outside["worker_name"], organisation=outside["organisation"], phone=outside["phone"])
                )
            except ValidationError as error:
                found = field_messages(error)
                messages["worker_name"] = found.get("name") or found.get("", "")
                messages.update({k: v for k, v in found.items() if k in ("organisation", "phone")})
        try:
            outcome = Outcome(
                actions=frozenset(self.query_one("#actions", SelectionList).selected),
                referrals=tuple(self.query_one("#referrals", SelectionList).selected),
                workers=tuple(workers),
                follow_up_on=self._value("follow_up_on"),
                next_appointment=self._value("next_appointment"),
                note=self._value("note"),
            )
        except ValidationError as error:
            messages.update(field_messages(error))
            outcome = None
        show_errors(self, {k: v for k, v in messages.items() if v})
        return None if messages else outcome

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        outcome = self._outcome()
        if outcome is None:
            return
        if self.feedback_given:
            self._finish(outcome)
            return

        def answered(how: FeedbackInstruction | None) -> None:
            if how is None:
                return  # back to the outcome form
            self.feedback_given = True
            if how is FeedbackInstruction.PRINTED:
                # The job records the instruction as given when the sheet reaches a printer.
                print_from_screen(self.app, [Request(HandoutKind.FEEDBACK)], self.visit_id)
            else:
                desk, staff_id = self.app.services.desk, self.app.staff_id
                self.app.run_db(lambda: desk.record_feedback_instruction(self.visit_id, how, staff_id))
            self._finish(outcome)

        self.app.push_screen(FeedbackReminder(), answered)

    def _finish(self, outcome: Outcome) -> None:
        staff_id = self.app.staff_id

        def saved(_none: None) -> None:
            self.notify(_("{ticket} finished.").format(ticket=self.ticket), timeout=4)
            self.dismiss()
            self.on_done()

        self.app.run_db(lambda: self.app.services.desk.finish(self.visit_id, outcome, staff_id), saved)

    def action_cancel(self) -> None:
        self.dismiss()
