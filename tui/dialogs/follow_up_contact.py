"""Record a follow-up contact: reached or not; when reached, how each referral went, the health
check, Kykyviisari before and after, the client's answers and the worker's view; then the next
date or the closing with the reason the service ended. What is typed is kept as a draft."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from forms.choices import HealthCheck, ReferralProgress
from forms.fields import field_messages
from forms.followup import NOT_REACHED, FollowUpContact, FollowUpProfile
from forms.i18n import N_, _
from forms.timefmt import format_date
from tui.covered import DimsCovered
from tui.drafts import KeepsDraft
from tui.inert import plain
from tui.localised import LocalisedBindings
from tui.widgets.form_field import FormField, read_fields, show_errors
from tui.widgets.keys_footer import KeysFooter
from workflows import followups as steps
from workflows.followups import contact_context

if TYPE_CHECKING:
    from storage.views import FollowUpDetail
    from tui.app import WalkinApp

CONTACT_DRAFT = "follow_up_contact"
YES, NO, NOT_ASKED = "yes", "no", "not_asked"

# Where a message about the whole contact belongs: beside the field that settles it.
MODEL_ERROR_FIELDS = {
    "next_or_close": "next_on",
    "not_reached_answers": "reached",
    "reached_not_reached": "end_reason",
    "too_few_attempts": "end_reason",
    "unknown_reason": "end_reason",
}


def offers_not_reached(detail: FollowUpDetail, profile: FollowUpProfile) -> bool:
    """"Not reached" closes a follow-up only once this attempt reaches the profile's number."""
    return detail.line.failed_attempts + 1 >= profile.attempts_before_not_reached


def pairs(fields: Iterable[FormField]) -> Iterator[Horizontal]:
    """Fields two to a row, so the form fits 24 lines with less scrolling."""
    row: list[FormField] = []
    for field in fields:
        row.append(field)
        if len(row) == 2:
            yield Horizontal(*row, classes="field-row")
            row = []
    if row:
        yield Horizontal(*row, classes="field-row")


class ContactDialog(KeepsDraft, LocalisedBindings, DimsCovered, ModalScreen[FollowUpContact | None]):
    """Dismisses the validated contact (None: thrown away); the caller records it."""

    BINDINGS = [
        Binding("f2", "save", N_("Save contact"), id="contact.save"),
        Binding("escape", "cancel", N_("Cancel"), id="contact.cancel"),
    ]
    AUTO_FOCUS = "#reached"
    DRAFT_KIND = CONTACT_DRAFT

    app: WalkinApp

    def __init__(self, detail: FollowUpDetail, draft: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.detail = detail
        self.draft = draft or {}
        self.draft_kept = bool(draft)
        self.blank: dict[str, object] = {"next_on": ""}
        """The fields of a form nothing was typed in (a known Kykyviisari before filled in)."""
        self.typed: dict[str, Any] | None = None
        """What was typed when the form was handed over: the form again if recording fails."""

    @property
    def profile(self) -> FollowUpProfile:
        return self.app.profile.follow_up

    # ------------------------------------------------------------- the form ---
    def _select(self, name: str, label: str, options: list[tuple[str, str]], prompt: str,
                default: str | None = None) -> FormField:
        codes = {code for _label, code in options}
        self.blank[name] = default if default in codes else None
        chosen = self.draft.get(name, default)
        value = chosen if chosen in codes else Select.NULL
        return FormField(label, Select([(plain(text), code) for text, code in options], prompt=prompt,
                                       value=value, id=name), name=name)

    def compose(self) -> ComposeResult:
        detail, profile, line = self.detail, self.profile, self.detail.line
        scale = [(str(c.label), c.id) for c in profile.scale]
        yes_no = [(_("yes"), YES), (_("no"), NO)]
        with VerticalScroll(classes="dialog wide", id="contact"):
            yield Static(_("Follow-up of {ticket} (visit {day})").format(
                ticket=line.ticket, day=format_date(line.service_day)), classes="card-title", markup=False)
            yield Static(self._about(), markup=False)
            yield Static(_("Enter opens a list and chooses; Tab moves on; F2 saves."))
            yield from pairs([self._select("reached", _("Was the client reached?"), yes_no, _("choose"))])
            with Vertical(id="reached-part"):
                yield Label(_("How the referrals went"), classes="section-title")
                asked = [self._select(f"referral_{r.id}", self._destination(r.destination),
                                      ReferralProgress.options(), _("not asked")) for r in detail.referrals]
                if detail.asks_health_check:
                    asked.append(self._select("health_check", _("Health check for the unemployed done?"),
                                              HealthCheck.options(), _("not asked")))
                if not asked:
                    yield Static(_("The visit had no referrals."), classes="muted")
                yield from pairs(asked)
                before = None if detail.kykyviisari_before is None else (YES if detail.kykyviisari_before else NO)
                kykyviisari = [(_("yes"), YES), (_("no"), NO), (_("not asked"), NOT_ASKED)]
                yield from pairs([
                    self._select("kykyviisari_before", _("Kykyviisari done before the service?"), kykyviisari,
                                 _("not asked"), before),
                    self._select("kykyviisari_after", _("Kykyviisari done after?"), kykyviisari, _("not asked")),
                ])
                if profile.questions:
                    yield Label(_("The client's answers"), classes="section-title")
                    yield from pairs(self._select(f"answer_{q.id}", str(q.text), scale, _("not answered"))
                                     for q in profile.questions)
                views = [q for q in profile.questions if q.worker_view]
                if views:
                    yield Label(_("Your own view"), classes="section-title")
                    yield from pairs(self._select(f"view_{q.id}", str(q.text), scale, _("not given"))
                                     for q in views)
            yield Label(_("Then"), classes="section-title")
            reasons = [(str(c.label), c.id) for c in profile.end_reasons]
            if offers_not_reached(detail, profile):
                reasons.append((profile.end_reason_label(NOT_REACHED), NOT_REACHED))
            next_on = self.draft.get("next_on")
            yield from pairs([
                FormField(_("Next follow-up date (e.g. 24.11.2026)"),
                          Input(next_on if isinstance(next_on, str) else "", max_length=20), name="next_on"),
                self._select("end_reason", _("or close: why the service ended"), reasons, _("not closed")),
            ])
            if not offers_not_reached(detail, profile):
                yield Static(_("“Not reached” can be chosen from failed attempt {n} on; this would be attempt "
                               "{k}.").format(n=profile.attempts_before_not_reached, k=line.failed_attempts + 1),
                             id="not-reached-note", classes="muted")
        yield KeysFooter()

    def _about(self) -> str:
        line = self.detail.line
        parts = [line.by.label,
                 _("failed attempts so far: {n}").format(n=line.failed_attempts),
                 _("consent to contact: {answer}").format(answer=_("yes") if line.consent_to_contact else _("no"))]
        parts += [value for value in (line.call_name, line.callback_phone) if value]
        return " · ".join(parts)

    def _destination(self, destination: str) -> str:
        found = self.app.profile.destination(destination)
        return str(found.label) if found is not None else destination

    def on_mount(self) -> None:
        # A watcher, not a Changed handler: it runs as the value is set, so a Tab typed right after
        # the choice already finds the answers shown (a handler ran a message later, after the Tab).
        self.watch(self.query_one("#reached", Select), "value", self._show_reached_part)

    def _show_reached_part(self, value: object) -> None:
        # Hidden, the answers are kept (nothing typed is lost) but not recorded.
        self.query_one("#reached-part").display = value == YES

    # ------------------------------------------------------------- drafts ---
    def draft_data(self) -> dict[str, Any] | None:
        data = read_fields(self)
        if data == self.blank:
            return None
        return {"follow_up_id": self.detail.line.id, **data}

    # --------------------------------------------------------------- save ---
    def _contact(self) -> FollowUpContact | None:
        """The form as a contact, or None after putting the messages beside the fields."""
        fields = read_fields(self)
        reached = fields.get("reached")
        if reached is None:
            show_errors(self, {"reached": _("Choose whether the client was reached.")})
            return None
        values: dict[str, Any] = {"reached": reached == YES, "next_on": fields.get("next_on") or "",
                                  "end_reason": fields.get("end_reason")}
        if reached == YES:
            values["referrals"] = {int(name.removeprefix("referral_")): value for name, value in fields.items()
                                   if name.startswith("referral_") and value is not None}
            values["health_check"] = fields.get("health_check")
            for name in ("kykyviisari_before", "kykyviisari_after"):
                values[name] = {YES: True, NO: False}.get(str(fields.get(name)))
            for prefix, key in (("answer_", "answers"), ("view_", "worker_views")):
                values[key] = {name.removeprefix(prefix): value for name, value in fields.items()
                               if name.startswith(prefix) and value is not None}
        context = contact_context(self.app.services, self.detail)
        try:
            return FollowUpContact.model_validate(values, context=context)
        except ValidationError as error:
            messages = field_messages(error)
            for item in error.errors(include_url=False):
                if not item["loc"] and item["type"] in MODEL_ERROR_FIELDS:
                    messages.setdefault(MODEL_ERROR_FIELDS[item["type"]], item["msg"])
            general = messages.pop("", None)
            if general and not messages:
                messages["reached"] = general
            show_errors(self, messages)
            return None

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        contact = self._contact()
        if contact is None:
            return
        self.stop_draft_timer()
        self.typed = self.draft_data()
        self.dismiss(contact)

    def action_cancel(self) -> None:
        if self.throw_away():
            self.dismiss(None)


def record_contact(app: WalkinApp, follow_up_id: int, then: Callable[[], object],
                   draft: dict[str, Any] | None = None) -> None:
    """Read the follow-up, ask for the contact (with what this worker typed for it before, if
    anything) and record it; if that fails, the form comes back as it was typed."""
    services, staff_id = app.services, app.staff_id

    def load() -> tuple[FollowUpDetail, dict[str, Any] | None]:
        kept = draft if draft is not None else services.drafts.load(staff_id, CONTACT_DRAFT)
        return services.follow_ups.detail(follow_up_id), kept if kept and kept.get("follow_up_id") == follow_up_id \
            else None

    def ask(loaded: tuple[FollowUpDetail, dict[str, Any] | None]) -> None:
        detail, kept = loaded
        if detail.closed:
            app.notify(_("The follow-up of {ticket} is already closed.").format(ticket=detail.line.ticket), timeout=6)
            then()
            return
        dialog = ContactDialog(detail, kept)

        def answered(contact: FollowUpContact | None) -> None:
            if contact is not None:
                _record(app, detail, contact, then, dialog.typed)

        app.push_screen(dialog, answered)

    app.run_db(load, ask, hold_keys=True)


def _record(app: WalkinApp, detail: FollowUpDetail, contact: FollowUpContact, then: Callable[[], object],
            typed: dict[str, Any] | None) -> None:
    services, settings, worker, profile = app.services, app.settings, app.worker_on_duty, app.profile.follow_up
    assert worker is not None
    ticket = detail.line.ticket

    def job() -> None:
        steps.record_contact(services, settings, detail.line.id, contact, worker)
        services.drafts.clear(worker.id, CONTACT_DRAFT)

    def done(_result: None) -> None:
        if contact.end_reason is not None:
            told = _("The follow-up of {ticket} was closed: {reason}.").format(
                ticket=ticket, reason=profile.end_reason_label(contact.end_reason))
        else:
            assert contact.next_on is not None
            told = _("Contact with {ticket} recorded; next follow-up {day}.").format(
                ticket=ticket, day=format_date(contact.next_on))
        app.notify(told, timeout=6)
        then()

    def failed(_message: str) -> None:
        # Not recorded (the message says why): the form again as it was typed.
        record_contact(app, detail.line.id, then, typed or {})

    app.run_db(job, done, failed, hold_keys=True)
