"""Quick intake: Enter queues an anonymous walk-in at once; every field is optional. The same form
completes or corrects the intake of an open visit later."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Select, Static

from forms.choices import AgeGroup, ArrivalChannel, LifeSituation
from forms.fields import field_messages
from forms.i18n import N_, _
from forms.intake import CALL_NAME_MAX, IntakeForm, intake_draft
from storage.views import QueueEntry, VisitDetail
from tui.drafts import KeepsDraft
from tui.inert import plain
from tui.localised import LocalisedBindings
from tui.reuse import FILLING_SENDS_NOTHING, Kept, choose, focus_first, put_back
from tui.screens.triage import kept_triage
from tui.widgets.form_field import FormField, read_fields, show_errors
from tui.widgets.header import Header
from tui.widgets.keys_footer import KeysFooter
from workflows.visits import INTAKE_DRAFT, admit

if TYPE_CHECKING:
    from forms.profile import ServiceProfile
    from tui.app import WalkinApp


class IntakeScreen(Kept, KeepsDraft, LocalisedBindings, Screen[None]):
    HELP = N_(
        "Everything is optional: Enter in any text field queues the walk-in with a ticket. "
        "What you type is saved as a draft until the visit is queued."
    )
    DRAFT_KIND = INTAKE_DRAFT
    BINDINGS = [
        Binding("f2", "save", N_("Queue"), id="intake.save"),
        Binding("escape", "cancel", N_("Cancel"), id="intake.cancel"),
    ]
    AUTO_FOCUS = "#field-call_name Input"

    app: WalkinApp

    def __init__(self, draft: dict[str, Any] | None = None) -> None:
        super().__init__()
        self._take(draft)
        self._languages: list[tuple[str, str]] = []
        """The language list's options as filled in last (a visit's language the profile no longer
        lists is among them only for that visit)."""

    def _take(self, draft: dict[str, Any] | None) -> None:
        self.draft = intake_draft(draft or {})
        self.draft_kept = bool(draft)
        self._cancel_armed = False

    def renew(self, draft: dict[str, Any] | None = None) -> None:
        """The kept screen for the next walk-in (with the worker's draft, if any): nothing of the
        one before shows, and nothing is saved for the filling in."""
        self.stop_draft_timer()
        self._take(draft)
        if self.is_mounted:
            self._fill()

    def compose(self) -> ComposeResult:
        """Empty; `_fill` puts in what this use shows (a kept screen is composed only once)."""
        profile = self.app.profile
        self._languages = language_options(profile, None)
        yield Header()
        with VerticalScroll(id="intake", classes="card"):
            yield from self.heading()
            yield FormField(_("Name to call (optional)"), Input(max_length=CALL_NAME_MAX * 5), name="call_name")
            with Horizontal(classes="field-row"):
                yield FormField(_("Language"), _select(self._languages, blank=False), name="language")
                interpreter = Select([(_("no"), False), (_("yes"), True)], value=False, allow_blank=False)
                yield FormField(_("Interpreter needed"), interpreter, name="interpreter_needed")
                yield FormField(_("Age group"), _select(AgeGroup.options()), name="age_group")
            with Horizontal(classes="field-row"):
                yield FormField(_("Life situation"), _select(LifeSituation.options()), name="life_situation")
                yield FormField(_("How they heard of us"), _select(ArrivalChannel.options()), name="arrival_channel")
            with Horizontal(classes="field-row"):
                yield FormField(
                    _("Municipality"), _select([(m, m) for m in profile.municipalities]), name="municipality",
                )
                yield FormField(_("Callback phone (optional)"), Input(max_length=40), name="callback_phone")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        d, profile = self.draft, self.app.profile
        with self.prevent(*FILLING_SENDS_NOTHING):
            show_errors(self, {})
            self.remove_class("-toasts-top")
            languages = language_options(profile, d.get("language"))
            fields: dict[str | None, Any] = {field.name: field.control for field in self.query(FormField)}
            if languages != self._languages:
                self._languages = languages
                fields["language"].set_options([(plain(label), code) for label, code in languages])
            for name in ("call_name", "callback_phone"):
                put_back(fields[name], d.get(name) or "")
            choose(fields["language"], d.get("language") or profile.client_languages[0].code)
            choose(fields["interpreter_needed"], bool(d.get("interpreter_needed")))
            for name in ("age_group", "life_situation", "arrival_channel", "municipality"):
                choose(fields[name], d.get(name) or Select.NULL)
        self.query_one("#intake", VerticalScroll).scroll_home(animate=False, immediate=True)
        focus_first(self, fields["call_name"])

    def heading(self) -> ComposeResult:
        yield Static(_("New walk-in"), classes="card-title")
        yield Static(_("Anonymous by default. Enter queues the visit; F2 too from a list."))

    # ------------------------------------------------------------- drafts ---
    def draft_data(self) -> dict[str, Any] | None:
        data = read_fields(self)
        default = self.app.profile.client_languages[0].code
        return data if any(value not in (None, "", False, default) for value in data.values()) else None

    # -------------------------------------------------------------- queue ---
    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        try:
            form = IntakeForm.model_validate(read_fields(self))
        except ValidationError as error:
            show_errors(self, field_messages(error))
            return
        show_errors(self, {})
        self.stop_draft_timer()
        self.save_form(form)

    def save_form(self, form: IntakeForm) -> None:
        services = self.app.services
        staff_id = self.app.staff_id
        self.app.run_db(lambda: admit(services, form, staff_id), self._queued, hold_keys=True)

    def _queued(self, entry: QueueEntry) -> None:
        self.notify(_("Ticket {ticket} is in the queue.").format(ticket=entry.ticket), timeout=6)
        self.app.switch_screen(kept_triage(self.app, entry.id, entry.ticket))

    def action_cancel(self) -> None:
        if self.throw_away():
            self.dismiss()


class IntakeEditScreen(IntakeScreen):
    """The intake of a visit already queued, filled in as it is: Enter or F2 saves the change
    (audited), Esc leaves it as it was. No draft: the visit itself keeps what was saved."""

    HELP = N_("The intake of a queued visit: add the name to call, the language, the callback phone "
              "or correct them. Enter or F2 saves; Esc leaves the visit as it was.")
    BINDINGS = [
        Binding("f2", "save", N_("Save"), id="intake_edit.save"),
        Binding("escape", "cancel", N_("Cancel"), id="intake_edit.cancel"),
    ]

    def __init__(self, detail: VisitDetail) -> None:
        e = detail.entry
        super().__init__({
            "call_name": e.call_name, "language": e.language, "age_group": detail.age_group,
            "interpreter_needed": detail.interpreter_needed,
            "life_situation": detail.life_situation, "arrival_channel": detail.arrival_channel,
            "municipality": detail.municipality, "callback_phone": detail.callback_phone,
        })
        self.draft_kept = False
        self.visit_id, self.ticket = e.id, e.ticket

    def heading(self) -> ComposeResult:
        yield Static(_("Intake of {ticket}").format(ticket=self.ticket), classes="card-title")
        yield Static(_("Enter or F2 saves the change; Esc leaves it as it was."))

    def draft_changed(self) -> None:
        pass  # an edit is no new walk-in: a draft of it would come back at sign-in as one

    def save_form(self, form: IntakeForm) -> None:
        desk, staff_id = self.app.services.desk, self.app.staff_id
        self.app.run_db(lambda: desk.change_intake(self.visit_id, form, staff_id), self._saved)

    def _saved(self, _none: None) -> None:
        self.notify(_("Intake of {ticket} saved.").format(ticket=self.ticket), timeout=4)
        self.dismiss()

    def action_cancel(self) -> None:
        self.dismiss()


def language_options(profile: ServiceProfile, kept: str | None) -> list[tuple[str, str]]:
    """The profile's client languages; a visit's language the profile no longer lists stays too,
    so that correcting another field does not change it."""
    options = [(choice.label, choice.code) for choice in profile.client_languages]
    if kept and kept not in {code for _label, code in options}:
        options.append((profile.language_label(kept), kept))
    return options


def _select(options: list[tuple[str, str]], blank: bool = True) -> Select[str]:
    """A list of `options` (the first chosen unless `blank`); `_fill` chooses for each use."""
    return Select(
        [(plain(label), code) for label, code in options],  # municipalities come from the profile
        value=Select.NULL if blank else options[0][1],
        allow_blank=blank,
        prompt=_("not recorded"),
    )
