"""Finish a visit: what was done, referrals, the named responsible worker and the follow-up.
What is typed is kept as the worker's draft until the visit is finished or the form thrown away."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, SelectionList, Static

from forms.choices import FeedbackInstruction, FollowUpBy, HandoutKind, OutcomeAction, VisitStatus
from forms.fields import field_messages
from forms.i18n import N_, _
from forms.outcome import Finishing, NamedWorker, Outcome
from forms.timefmt import local
from storage.views import StaffMember, VisitDetail
from tui.covered import DimsCovered
from tui.dialogs.confirm import confirm
from tui.dialogs.feedback_reminder import FeedbackReminder
from tui.drafts import KeepsDraft
from tui.inert import plain
from tui.localised import LocalisedBindings
from tui.reuse import FILLING_SENDS_NOTHING, Kept, choose, focus_first, mark, put_back
from tui.reuse import kept as kept_screen
from tui.widgets.form_field import FormField, read_fields, show_errors
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.marked_list import MarkedSelectionList
from workflows.visits import FINISH_DRAFT

if TYPE_CHECKING:
    from tui.app import WalkinApp
    from workflows.shift import DeskReads


DRAFT_KIND = FINISH_DRAFT
OPEN_TO_FINISH = (VisitStatus.CALLED, VisitStatus.IN_MEETING)


def finish_visit(app: WalkinApp, visit_id: int, ticket: str, on_done: Callable[[], object] = lambda: None,
                 draft: dict[str, Any] | None = None, handed_over: Callable[[], object] = lambda: None) -> None:
    """Ask for the outcome (with what this worker typed for this visit before, if anything),
    then finish through the use case; if that fails, the form comes back as it was typed. Once
    finished: `on_done()` (the visit screen closes), the desk shows its board read after the finish.
    `handed_over()`: as the form hands its outcome over, before the screen under it shows again."""
    services, staff_id = app.services, app.staff_id

    def load() -> tuple[list[StaffMember], VisitDetail, dict[str, Any] | None]:
        visit = services.desk.visit(visit_id)
        kept = draft if draft is not None else services.drafts.load(staff_id, DRAFT_KIND)
        return services.staff.active_members(), visit, kept if kept and kept.get("visit_id") == visit_id else None

    def ask(loaded: tuple[list[StaffMember], VisitDetail, dict[str, Any] | None]) -> None:
        members, visit, kept = loaded
        dialog = kept_screen(app, FinishDialog)
        dialog.renew(visit_id, ticket, members, visit.feedback_instruction is not None, kept, handed_over=handed_over)

        def answered(finishing: Finishing | None) -> None:
            if finishing is not None:
                _finish(app, visit_id, ticket, finishing, on_done, dialog.typed, visit.entry.language, handed_over)

        app.push_screen(dialog, answered)

    app.run_db(load, ask, hold_keys=True)


def _finish(app: WalkinApp, visit_id: int, ticket: str, finishing: Finishing, on_done: Callable[[], object],
            typed: dict[str, Any] | None, language: str | None, handed_over: Callable[[], object]) -> None:
    from tui.handouts import notify_handout
    from tui.live import reads_after_own_write
    from workflows.visits import finish

    services, settings, profile, worker = app.services, app.settings, app.profile, app.worker_on_duty
    assert worker is not None

    def finished(reads: DeskReads | None, told_before: int) -> None:
        app.notify(_("{ticket} finished.").format(ticket=ticket), timeout=4)
        on_done()
        # The board (and the rest the desk shows) under the memo question in the question's first
        # frame, and current when the question closes: read once, in this worker (issue 19).
        app.own_change_read(reads, told_before)
        offer_memo(app, visit_id, ticket, language)

    def read_board() -> None:
        told_before = app.queue_changes_told  # before the catch-up: see own_change_read
        app.call_from_thread(finished, reads_after_own_write(app), told_before)

    def job() -> None:
        finish(services, settings, profile, visit_id, finishing, worker, finished=read_board,
               tell=lambda told: app.call_from_thread(notify_handout, app, told))

    def again(visit: VisitDetail) -> None:
        if visit.entry.status in OPEN_TO_FINISH:
            finish_visit(app, visit_id, ticket, on_done, typed or {}, handed_over)
        else:
            on_done()

    def failed(_message: str) -> None:
        # Not finished (the message says why): the form again, as it was typed, unless another
        # desk has finished the visit meanwhile (then there is nothing left to finish, and the
        # visit screen closes as after a finish here). Keys wait for it: an Esc typed meanwhile
        # would close the visit screen first, and the close after the read the desk under it.
        app.run_db(lambda: services.desk.visit(visit_id), again, quiet=True, hold_keys=True)

    app.run_db(job, failed=failed, hold_keys=True)


def offer_memo(app: WalkinApp, visit_id: int, ticket: str, language: str | None) -> None:
    """After a finish (or a corrected outcome): print the visit memo now, in the client's
    language, through the same path as `4` on the visit? The feedback reminder, if it was asked,
    was answered before the finish, so the two never stand on top of each other."""
    from tui.dialogs.memo_now import MemoNow
    from tui.handouts import print_from_screen
    from workflows.handouts import Request

    def answered(yes: bool | None) -> None:
        if yes:
            app.notify(_("Printing…"), timeout=2)
            print_from_screen(app, [Request(HandoutKind.MEMO)], visit_id)

    question = kept_screen(app, MemoNow)
    question.renew(ticket, app.profile.handout_language(language))
    app.push_screen(question, answered)


def correct_outcome(app: WalkinApp, visit: VisitDetail, then: Callable[[], object]) -> None:
    """The finish form filled with the recorded outcome; saved, the corrected outcome replaces it
    (the same day only, audited) and the memo is offered again, since the one printed is wrong."""
    from workflows.visits import correct_outcome as correct

    services, worker = app.services, app.worker_on_duty
    assert worker is not None
    entry = visit.entry

    def ask(members: list[StaffMember]) -> None:
        def answered(finishing: Finishing | None) -> None:
            if finishing is None:
                return

            def done(changed: list[str]) -> None:
                if not changed:
                    app.notify(_("Nothing changed in the outcome of {ticket}.").format(ticket=entry.ticket), timeout=4)
                    return
                app.notify(_("The outcome of {ticket} was corrected.").format(ticket=entry.ticket), timeout=4)
                then()
                offer_memo(app, visit.entry.id, entry.ticket, entry.language)

            app.run_db(lambda: correct(services, entry.id, finishing.outcome, worker), done, hold_keys=True)

        dialog = kept_screen(app, FinishDialog)
        dialog.renew(entry.id, entry.ticket, members, draft=recorded(visit), correcting=True)
        app.push_screen(dialog, answered)

    app.run_db(services.staff.active_members, ask, hold_keys=True)


def recorded(visit: VisitDetail) -> dict[str, Any]:
    """A finished visit's outcome as the finish form's fields, for correcting it."""
    staff = next((w for w in visit.workers if w.staff_id is not None), None)
    outside = next((w for w in visit.workers if w.staff_id is None), None)
    appointment = local(visit.next_appointment_at) if visit.next_appointment_at else None
    follow_up = visit.follow_up_on
    return {
        "actions": sorted(visit.actions),
        "referrals": list(visit.referrals),
        "staff": str(staff.staff_id) if staff else None,
        "worker_name": outside.name if outside else "",
        "organisation": (outside.organisation or "") if outside else "",
        "phone": (outside.phone or "") if outside else "",
        "next_appointment": (f"{appointment.day}.{appointment.month}.{appointment.year} "
                             f"{appointment.hour:02d}.{appointment.minute:02d}") if appointment else "",
        "appointment_place": visit.appointment_place or "",
        "follow_up_on": f"{follow_up.day}.{follow_up.month}.{follow_up.year}" if follow_up else "",
        "follow_up_by": visit.follow_up_by or FollowUpBy.WORKER.value,
        "note": visit.outcome_note or "",
    }


def restore_finish(app: WalkinApp, draft: dict[str, Any]) -> None:
    """At sign-in: back to the visit whose outcome the worker was typing, the form filled in,
    while the visit is still theirs to finish."""
    from tui.screens.visit import open_visit

    visit_id = draft.get("visit_id")
    if not isinstance(visit_id, int):
        return

    def reopen(visit: VisitDetail) -> None:
        entry = visit.entry
        if entry.status in OPEN_TO_FINISH:
            app.notify(_("Your unfinished outcome of {ticket} was restored.").format(ticket=entry.ticket), timeout=6)
            screen = open_visit(app, visit_id, visit)
            finish_visit(app, visit_id, entry.ticket, on_done=screen.dismiss, handed_over=screen.closing)
            return
        app.notify(_("The outcome you were typing for {ticket} was not restored: the visit is already {status}.")
                   .format(ticket=entry.ticket, status=entry.status.label), severity="warning", timeout=15)
        drafts, staff_id = app.services.drafts, app.staff_id
        app.run_db(lambda: drafts.clear(staff_id, DRAFT_KIND), quiet=True)

    app.run_db(lambda: app.services.desk.visit(visit_id), reopen, quiet=True)


class FinishDialog(Kept, KeepsDraft, LocalisedBindings, DimsCovered, ModalScreen[Finishing | None]):
    """Dismisses the validated outcome with the feedback answer (None: thrown away); the caller
    finishes the visit through the use case. `correcting`: the form of a finished visit, filled
    with its recorded outcome (`draft`); no feedback question, no draft kept."""

    BINDINGS = [
        Binding("f2", "save", N_("Finish visit"), id="finish.save"),
        Binding("f2", "save_correction", N_("Save correction"), id="finish.save_correction"),
        Binding("escape", "cancel", N_("Cancel"), id="finish.cancel"),
    ]

    AUTO_FOCUS = "#actions"
    DRAFT_KIND = DRAFT_KIND

    app: WalkinApp

    def __init__(
        self, visit_id: int = 0, ticket: str = "", members: Sequence[StaffMember] = (), feedback_given: bool = False,
        draft: dict[str, Any] | None = None, correcting: bool = False,
    ) -> None:
        super().__init__()
        self._take(visit_id, ticket, members, feedback_given, draft, correcting, lambda: None)
        self._member_options: list[tuple[str, str]] = []
        """The responsible-worker list's options as filled in last (the workers active then)."""

    def _take(self, visit_id: int, ticket: str, members: Sequence[StaffMember], feedback_given: bool,
              draft: dict[str, Any] | None, correcting: bool, handed_over: Callable[[], object]) -> None:
        self.visit_id = visit_id
        self._handed_over = handed_over
        self.ticket = ticket
        self.members = list(members)
        self.feedback_given = feedback_given or correcting
        self.correcting = correcting
        self.draft = draft or {}
        self.draft_kept = bool(draft) and not correcting
        self._cancel_armed = False
        self.recorded: dict[str, object] | None = None
        """Correcting: the fields as the recorded outcome filled them (Esc closes at once while
        they are as they were)."""
        self.typed: dict[str, Any] | None = None
        """What was typed when the form was handed over: the form again if finishing fails."""

    def renew(self, visit_id: int, ticket: str, members: Sequence[StaffMember], feedback_given: bool = False,
              draft: dict[str, Any] | None = None, correcting: bool = False,
              handed_over: Callable[[], object] = lambda: None) -> None:
        """The kept form for this visit (with what was typed for it before, if anything): nothing of
        the visit before shows, and nothing is saved for the filling in. `handed_over()` as the
        outcome is handed over, before the screen under the form shows again."""
        self.stop_draft_timer()
        self._take(visit_id, ticket, members, feedback_given, draft, correcting, handed_over)
        if self.is_mounted:
            self._fill()

    def compose(self) -> ComposeResult:
        """Empty; `_fill` puts in what this use shows (a kept form is composed only once)."""
        profile = self.app.profile

        def typed(max_length: int) -> Input:
            return Input(max_length=max_length)

        with VerticalScroll(classes="dialog wide"):
            yield Static(id="finish-title", classes="card-title")
            yield Static(id="finish-hint")
            with Horizontal(classes="field-row"):
                yield FormField(
                    _("What was done"),
                    MarkedSelectionList(*[(a.label, a.value, False) for a in OutcomeAction], id="actions"),
                    name="actions",
                )
                yield FormField(
                    _("Referred to"),
                    MarkedSelectionList(*[(plain(dest.label), dest.id, False)
                                          for dest in profile.referral_destinations], id="referrals"),
                    name="referrals",
                )
            yield Label(_("Named responsible worker"), classes="section-title")
            with Horizontal(classes="field-row"):
                yield FormField(_("One of us"), Select([], prompt=_("nobody"), id="staff"), name="staff")
                yield FormField(_("or outside the desk: name"), typed(400), name="worker_name")
            with Horizontal(classes="field-row"):
                yield FormField(_("Organisation"), typed(400), name="organisation")
                yield FormField(_("Phone"), typed(40), name="phone")
            with Horizontal(classes="field-row"):
                yield FormField(_("Appointment booked (e.g. 1.12.2026 10.00)"), typed(30), name="next_appointment")
                yield FormField(_("Where (e.g. Työkykykeskus, Esimerkkikatu 1)"), typed(120),
                                name="appointment_place")
            with Horizontal(classes="field-row"):
                yield FormField(_("Follow-up date (e.g. 24.11.2026)"), typed(20), name="follow_up_on")
                yield FormField(
                    _("Who gets in touch"),
                    Select(FollowUpBy.options(), allow_blank=False, id="follow_up_by", value=FollowUpBy.WORKER.value),
                    name="follow_up_by",
                )
            with Horizontal(classes="field-row"):
                yield FormField(_("Note (no health details)"), typed(2000), name="note")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        d = self.draft
        if self.correcting:
            title, hint = (_("Correct the outcome of {ticket}"),
                           _("Space chooses in a list; Tab moves on; F2 saves the corrected outcome."))
        else:
            title, hint = _("Finish {ticket}"), _("Space chooses in a list; Tab moves on; F2 finishes.")
        self.query_one("#finish-title", Static).update(title.format(ticket=self.ticket))
        self.query_one("#finish-hint", Static).update(hint)
        with self.prevent(*FILLING_SENDS_NOTHING):
            show_errors(self, {})
            self.remove_class("-toasts-top")
            fields: dict[str | None, Any] = {field.name: field.control for field in self.query(FormField)}
            mark(fields["actions"], d.get("actions") or ())
            mark(fields["referrals"], d.get("referrals") or ())
            members = [(m.display_name, str(m.id)) for m in self.members]
            if members != self._member_options:
                self._member_options = members
                fields["staff"].set_options([(plain(name), staff_id) for name, staff_id in members])
            choose(fields["staff"], d.get("staff") or Select.NULL)
            for name in ("worker_name", "organisation", "phone", "next_appointment", "appointment_place",
                         "follow_up_on", "note"):
                value = d.get(name)
                put_back(fields[name], value if isinstance(value, str) else "")
            follow_up_by = d.get("follow_up_by")
            choose(fields["follow_up_by"],
                   follow_up_by if follow_up_by in set(FollowUpBy) else FollowUpBy.WORKER.value)
        self.query_one(VerticalScroll).scroll_home(animate=False, immediate=True)
        focus_first(self, fields["actions"])
        if self.correcting:
            self.recorded = read_fields(self)

    # ------------------------------------------------------------- drafts ---
    def draft_data(self) -> dict[str, Any] | None:
        """What is typed, with the visit it is for; None when nothing is (who gets in touch has
        a default: on its own it is nothing typed)."""
        data = read_fields(self)
        if not any(value for name, value in data.items() if name != "follow_up_by"):
            return None
        return {"visit_id": self.visit_id, "ticket": self.ticket, **data}

    def draft_changed(self) -> None:
        if not self.correcting:  # a correction is not a draft of a finish
            super().draft_changed()

    # ------------------------------------------------------------- finish ---
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
                    NamedWorker(name=outside["worker_name"], organisation=outside["organisation"],
                                phone=outside["phone"])
                )
            except ValidationError as error:
                found = field_messages(error)
                messages["worker_name"] = found.get("name") or found.get("", "")
                messages.update({k: v for k, v in found.items() if k in ("organisation", "phone")})
        try:
            # The clock makes the dates checked for being believable: not past, not years ahead.
            outcome = Outcome.model_validate({
                "actions": frozenset(self.query_one("#actions", SelectionList).selected),
                "referrals": tuple(self.query_one("#referrals", SelectionList).selected),
                "workers": tuple(workers),
                "follow_up_on": self._value("follow_up_on"),
                "follow_up_by": self.query_one("#follow_up_by", Select).value,
                "next_appointment": self._value("next_appointment"),
                "appointment_place": self._value("appointment_place"),
                "note": self._value("note"),
            }, context={"now": self.app.clock()})
        except ValidationError as error:
            messages.update(field_messages(error))
            outcome = None
        show_errors(self, {k: v for k, v in messages.items() if v})
        return None if messages else outcome

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # One F2, labelled for what it does here.
        if action in ("save", "save_correction"):
            return (action == "save_correction") is self.correcting
        return True

    def action_save_correction(self) -> None:
        self.action_save()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Validate, ask before an outcome with nothing in it, ask about the feedback instruction
        unless it was given, and hand the answer to the caller; nothing is written here."""
        outcome = self._outcome()
        if outcome is None:
            return
        if not outcome.empty:
            self._save(outcome)
            return
        question = (_("Save {ticket} with no outcome recorded?") if self.correcting
                    else _("Finish {ticket} with no outcome recorded?")).format(ticket=self.ticket)
        # Esc: back to the form as it was, nothing lost.
        confirm(self.app, question, lambda yes: self._save(outcome) if yes else None)

    def _save(self, outcome: Outcome) -> None:
        if self.feedback_given:
            self._done(Finishing(outcome=outcome))
            return

        def answered(how: FeedbackInstruction | None) -> None:
            if how is not None:  # None: back to the outcome form
                self._done(Finishing(outcome=outcome, feedback=how))

        self.app.push_screen(kept_screen(self.app, FeedbackReminder), answered)

    def _done(self, finishing: Finishing) -> None:
        self.stop_draft_timer()
        self.typed = self.draft_data()
        self._handed_over()  # at once: the dismissal's answer comes after the screen under it shows
        self.dismiss(finishing)

    def action_cancel(self) -> None:
        if (self.correcting and read_fields(self) == self.recorded) or self.throw_away():
            self.dismiss(None)
