"""One visit in full: intake, triage with its reasons, times and outcome, and its actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from forms.choices import (
    HANDOUT_LANGUAGES,
    AgeGroup,
    ArrivalChannel,
    FeedbackInstruction,
    FollowUpBy,
    HandoutKind,
    HandoutLanguage,
    LifeSituation,
    OutcomeAction,
    PrintOutcome,
    VisitStatus,
)
from forms.consent import ConsentGiven, ConsentWithdrawn
from forms.i18n import N_, _
from forms.timefmt import format_date, format_datetime, format_time
from forms.transitions import OPEN
from forms.triage import answers_from_json
from storage.views import PrintedHandout, VisitDetail
from tui.db_work import let_go
from tui.dialogs.consent import ConsentDialog, WithdrawalDialog
from tui.dialogs.finish import correct_outcome, finish_visit
from tui.dialogs.handover import hand_over
from tui.handouts import print_from_screen
from tui.localised import LocalisedBindings
from tui.messages import QueueChanged
from tui.reuse import Kept, kept
from tui.screens.triage import open_triage
from tui.visit_actions import KeysHeldUntilShown, entry_applies, put_back, run_queue_action
from tui.visit_text import handover_link, step_out_text, triage_line, urgency_text
from tui.widgets.header import Header
from tui.widgets.keys_footer import KeysFooter
from workflows.documentation import client_matter, consent_line, worker_line
from workflows.handouts import KIT, Request, get_ready

if TYPE_CHECKING:
    from tui.app import WalkinApp


def open_visit(app: WalkinApp, visit_id: int, detail: VisitDetail | None = None) -> VisitScreen:
    """The app's visit screen, shown for this visit: with `detail` when the step that opens it has
    read it already (call next, a restored outcome), else read as it shows."""
    screen = kept(app, VisitScreen)
    screen.renew(visit_id, detail)
    app.push_screen(screen)
    return screen


class VisitScreen(Kept, KeysHeldUntilShown, LocalisedBindings, Screen[None]):
    HELP = N_(
        "The visit in full. s starts the meeting, f finishes it with an outcome, Esc goes back to the "
        "queue. Handouts: p prints the kit (brochure, contact card, feedback sheet); 1 brochure, "
        "2 feedback sheet, 3 contact card, 4 memo (after finishing); g changes their language. "
        "o records a consent (recording the client's details, a network meeting, contacting them later); w "
        "withdraws one; 5 prints the consent statement for the client to keep. "
        "e completes or corrects the intake of an open visit; m corrects the outcome of a visit finished today "
        "(the memo is offered again). "
        "a calls the ticket again (the client did not hear); after as many calls as the profile sets, "
        "d records that the client did not show. "
        "u: a waiting client steps out for a while and keeps their place (call next passes them by); "
        "i: they are back. "
        "b puts back a visit closed by mistake today: one marked left or not shown back in the queue, "
        "in its place; one finished back in the meeting. "
        "h hands the client over to a named colleague with a reason: the client waits in the queue for them, "
        "their desk alerts them, and their call next takes the client first. The chain of handovers shows "
        "on the visit. "
        "n shows the documentation note of a client matter (a named responsible worker, a consent, a referral "
        "of a named client, or a follow-up date) for the county's client information system: copy it, save it, "
        "and mark the visit documented there once it is."
    )
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="visit.back"),
        Binding("s", "queue('start')", N_("Start"), id="visit.start"),
        Binding("f", "finish", N_("Finish"), id="visit.finish"),
        # The kit next: the footer cuts off at 120 columns, and handing the client the brochure,
        # the contact card and the feedback sheet is part of nearly every meeting.
        Binding("p", "print_kit", N_("Print kit"), id="visit.print_kit"),
        Binding("t", "triage", N_("Triage"), id="visit.triage"),
        Binding("a", "queue('call_again')", N_("Call again"), id="visit.call_again"),
        Binding("d", "queue('no_show')", N_("Did not show"), id="visit.no_show"),
        Binding("u", "queue('step_out')", N_("Stepped out"), id="visit.step_out", show=False),
        Binding("i", "queue('step_back')", N_("Back in"), id="visit.step_back", show=False),
        Binding("l", "queue('left')", N_("Left unseen"), id="visit.left"),
        Binding("r", "queue('requeue')", N_("Back to queue"), id="visit.requeue"),
        Binding("b", "put_back", N_("Put back"), id="visit.put_back"),
        Binding("h", "hand_over", N_("Hand over"), id="visit.hand_over"),
        Binding("e", "edit_intake", N_("Edit intake"), id="visit.edit_intake"),
        Binding("m", "correct_outcome", N_("Correct outcome"), id="visit.correct_outcome"),
        Binding("1", "print('brochure')", N_("Brochure"), id="visit.print_brochure", show=False),
        Binding("2", "print('feedback')", N_("Feedback sheet"), id="visit.print_feedback", show=False),
        Binding("3", "print('card')", N_("Contact card"), id="visit.print_card", show=False),
        Binding("4", "print('memo')", N_("Memo"), id="visit.print_memo", show=False),
        Binding("5", "print('consent')", N_("Consent statement"), id="visit.print_consent", show=False),
        Binding("g", "handout_language", N_("Handout language"), id="visit.handout_language", show=False),
        Binding("n", "note", N_("Documentation note"), id="visit.note"),
        Binding("o", "consent", N_("Consent"), id="visit.consent"),
        Binding("w", "withdraw_consent", N_("Withdraw consent"), id="visit.withdraw_consent", show=False),
    ]

    app: WalkinApp

    def __init__(self, visit_id: int = 0) -> None:
        super().__init__()
        self.visit_id = visit_id
        self.detail: VisitDetail | None = None
        self.handout_language: str | None = None
        """None: the client's language."""
        self._shown: Text | None = None
        """The body as last drawn: a read that finds it the same draws nothing."""
        self._read_already = False
        """Renewed with its detail, or closing (`closing`): the showing that follows reads nothing."""

    def renew(self, visit_id: int, detail: VisitDetail | None = None) -> None:
        """The kept screen for `visit_id`, with its `detail` if read already, else "Loading…" until
        read: nothing of the visit before shows, not even for a moment."""
        # A read of the visit before still on its way (a kept screen closing cancels nothing) would
        # land on this one.
        self.workers.cancel_group(self, "visit")
        self.visit_id, self.detail, self.handout_language = visit_id, None, None
        self._read_already = detail is not None
        if not self.is_mounted:
            self.detail = detail  # composed with it
            return
        self.query_one("#visit", VerticalScroll).scroll_to(y=0, animate=False, immediate=True)
        if detail is not None:
            self._show(detail)
        else:
            self._shown = None
            self.query_one("#visit-body", Static).update(_("Loading…"))
            self.refresh_bindings()

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="visit"):
            if self.detail is None:
                yield Static(_("Loading…"), id="visit-body")
            else:
                self._shown = self._describe(self.detail)
                yield Static(self._shown, id="visit-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        # ReportLab and the fonts take longer to load than a kit takes to render: loaded while the
        # worker reads the visit, `p` answers at once (once per process; cached).
        self.run_worker(let_go(get_ready), thread=True, group="print-ready", exit_on_error=False)

    def on_screen_resume(self) -> None:
        # Also the first showing: one read, not one on mount and one on resume; none when the step
        # that opened it read the visit. Until the visit is first shown its keys are greyed: an `f`
        # typed with the `c` that opened it waits.
        if self._read_already:
            self._read_already = False
            return
        if self.detail is None:
            self.hold_keys_until_shown()
        self.reload()

    def _after_step(self) -> None:
        """The visit again after a queue step, keys held until it shows (what is live may change)."""
        self.hold_keys_until_shown()
        self.reload()

    @on(QueueChanged)
    def reload(self) -> None:
        if not self.is_attached or self not in self.app.screen_stack:
            # Left while a print or an action was under way: nothing to show it on (the kept
            # screen stays attached while closed), and no key waits for it.
            self.keys_shown()
            return
        # Opening the details is what the audit trail records, not every re-read after a change.
        viewer = self.app.staff_id if self.detail is None else None
        # The screen's own worker: cancelled by a newer read and when the screen is renewed for
        # another visit (or closes, when it is not the kept one), so a late answer never lands on
        # another visit nor overwrites a newer one.
        desk, visit_id = self.app.services.desk, self.visit_id  # this visit's, whenever the thread runs
        self.app.run_db(lambda: desk.visit(visit_id, viewer), self._show,
                        lambda _message: self.keys_shown(), owner=self, group="visit")

    def _show(self, detail: VisitDetail) -> None:
        self.detail = detail
        text = self._describe(detail)
        if text != self._shown:  # a re-read after a change elsewhere mostly finds this visit as it was
            self._shown = text
            self.query_one("#visit-body", Static).update(text)
        self.refresh_bindings()
        self.keys_shown()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "print" and parameters == ("memo",):
            finished = self.detail is not None and self.detail.entry.status is VisitStatus.FINISHED
            return True if finished else None
        if action == "note":
            closed = self.detail is not None and self.detail.entry.status not in OPEN
            return True if closed and self.detail is not None and client_matter(self.detail) else None
        return entry_applies(action, parameters, self.detail.entry if self.detail else None,
                             self.app.profile.queue, self.app.clock())

    def _describe(self, d: VisitDetail) -> Text:
        e = d.entry
        profile = self.app.profile
        out = Text()

        def line(label: str, value: object) -> None:
            out.append(f"{label}: ", style="bold")
            out.append(f"{value if value not in (None, '') else '–'}\n")

        out.append(f"{e.ticket}  {e.call_name or ''}\n", style="bold")
        line(_("Status"), e.status.label + (f" ({e.called_by})" if e.called_by else ""))
        if e.stepped_out_until is not None and (away := step_out_text(e, self.app.clock())):
            line(_("Stepped out"), _("{state}, until {time}").format(state=away, time=format_time(e.stepped_out_until)))
        line(_("Urgency"), urgency_text(e.urgency))
        if d.override_reason and d.triage_urgency:
            line(_("Changed from"), f"{urgency_text(d.triage_urgency)}: {d.override_reason}")
        line(_("Arrived"), format_datetime(e.arrived_at))
        for label, moment in ((_("Called"), d.called_at), (_("Started"), d.started_at),
                              (_("Finished"), d.finished_at), (_("Left"), d.left_at),
                              (_("Did not show"), d.no_show_at)):
            if moment is not None:
                line(label, format_time(moment))
        if e.calls > 1:
            line(_("Calls"), _("{n}, the latest at {time}").format(
                n=e.calls, time=format_time(d.last_called_at) if d.last_called_at else "–"))
        out.append("\n")
        line(_("Language"), profile.language_label(e.language))
        line(_("Interpreter needed"), _("yes") if d.interpreter_needed else _("no"))
        line(_("Life situation"), d.life_situation and LifeSituation(d.life_situation).label)
        line(_("How they heard of us"), d.arrival_channel and ArrivalChannel(d.arrival_channel).label)
        line(_("Municipality"), d.municipality)
        line(_("Age group"), d.age_group and AgeGroup(d.age_group).label)
        line(_("Callback phone"), d.callback_phone)
        out.append("\n" + _("Triage") + "\n", style="bold underline")
        out.append(triage_line(e, profile) + "\n")
        answers = answers_from_json(d.triage_answers)
        for question in profile.triage.questions:
            if question.id in answers:
                out.append(f"  {question.short}: {question.describe(answers[question.id])}\n")
        for rule_id in e.triage_rules:
            rule = profile.triage.rule(rule_id)
            if rule is not None:
                out.append(f"  → {rule.suggest}\n")
        if e.status is VisitStatus.FINISHED:
            out.append("\n" + _("Outcome") + "\n", style="bold underline")
            line(_("Done"), ", ".join(OutcomeAction(a).label for a in sorted(d.actions)))
            line(_("Referred to"), ", ".join(
                str(dest.label) if (dest := profile.destination(r)) else r for r in d.referrals
            ))
            for worker in d.workers:
                line(_("Responsible worker"), worker_line(worker))
            line(_("Appointment"), ", ".join(p for p in (
                d.next_appointment_at and format_datetime(d.next_appointment_at), d.appointment_place) if p))
            line(_("Follow-up"), d.follow_up_on and (
                format_date(d.follow_up_on) + f" ({FollowUpBy(d.follow_up_by or FollowUpBy.WORKER).label})"))
            line(_("Note"), d.outcome_note)
        if d.documented_at is not None:
            line(_("Client information system"), _("documented: {who}, {when}").format(
                who=d.documented_by or "?", when=format_datetime(d.documented_at)))
        elif client_matter(d):
            line(_("Client information system"), _("awaiting documentation (n: the note)"))
        if d.consents:
            out.append("\n" + _("Consents") + "\n", style="bold underline")
        for c in d.consents:
            out.append(f"  {consent_line(c)}\n")
        if d.handovers:
            out.append("\n" + _("Handed over") + "\n", style="bold underline")
        for h in d.handovers:
            out.append("  " + handover_link(h, self.app.profile) + "\n")
        if d.purged:
            out.append("\n" + _("Personal details erased after the retention period.") + "\n", style="italic")
        out.append("\n" + _("Handouts") + "\n", style="bold underline")
        line(_("Handout language (g changes)"), HandoutLanguage(self._handout_language()).label)
        line(_("Feedback instruction"), d.feedback_instruction and FeedbackInstruction(d.feedback_instruction).label)
        for job in d.handouts:
            out.append(f"  {format_time(job.created_at)}  {HandoutKind(job.kind).label} ({job.language}, "
                       f"×{job.copies}): " + _print_outcome(job) + "\n")
        return out

    # -------------------------------------------------------------- actions ---
    def action_back(self) -> None:
        self.dismiss()

    def action_queue(self, action: str) -> None:
        if self.detail is not None:
            run_queue_action(self.app, action, self.visit_id, self.detail.entry.ticket, then=self._after_step)

    def action_edit_intake(self) -> None:
        from tui.screens.intake import IntakeEditScreen

        if self.detail is not None:
            self.app.push_screen(IntakeEditScreen(self.detail))

    def action_correct_outcome(self) -> None:
        if self.detail is not None:
            correct_outcome(self.app, self.detail, then=self.reload)

    def action_put_back(self) -> None:
        if self.detail is not None:
            put_back(self.app, self.visit_id, self.detail.entry.ticket, self.detail.entry.status, then=self.reload)

    def action_print(self, kind: str) -> None:
        self._print([HandoutKind(kind)])

    def action_print_kit(self) -> None:
        self._print(list(KIT))

    def _print(self, kinds: list[HandoutKind]) -> None:
        requests = [Request(kind, self.handout_language) for kind in kinds]
        self.notify(_("Printing…"), timeout=2)
        print_from_screen(self.app, requests, self.visit_id, then=self.reload)

    def _handout_language(self) -> str:
        """The language chosen with `g`, else the client's (plain Finnish if the profile says so)."""
        return self.handout_language or self.app.profile.handout_language(
            self.detail.entry.language if self.detail else None)

    def action_handout_language(self) -> None:
        current = self._handout_language()
        self.handout_language = HANDOUT_LANGUAGES[(HANDOUT_LANGUAGES.index(current) + 1) % len(HANDOUT_LANGUAGES)]
        if self.detail is not None:
            self._show(self.detail)

    def action_triage(self) -> None:
        open_triage(self.app, self.visit_id)

    def action_consent(self) -> None:
        desk, staff_id = self.app.services.desk, self.app.staff_id

        def chosen(given: ConsentGiven | None) -> None:
            if given is not None:
                text = self.app.profile.consent_text(given.kind)
                self.app.run_db(lambda: desk.record_consent(self.visit_id, given.kind, given.method, staff_id,
                                                            text.version if text else None),
                                lambda _r: self.reload())

        self.app.push_screen(ConsentDialog(), chosen)

    def action_withdraw_consent(self) -> None:
        active = [c for c in self.detail.consents if c.withdrawn_at is None] if self.detail else []
        if not active:
            self.notify(_("No consent to withdraw."), timeout=4)
            return
        desk, staff_id = self.app.services.desk, self.app.staff_id

        def chosen(withdrawn: ConsentWithdrawn | None) -> None:
            if withdrawn is not None:
                self.app.run_db(lambda: desk.withdraw_consent(withdrawn.consent_id, withdrawn.method, staff_id),
                                lambda _r: self.reload())

        self.app.push_screen(WithdrawalDialog(active), chosen)

    def action_note(self) -> None:
        from tui.dialogs.documentation_note import DocumentationNoteDialog

        detail, app = self.detail, self.app
        if detail is None:
            return

        def answered(mark: bool | None) -> None:
            if mark:
                from workflows.documentation import mark_documented

                staff_id = app.staff_id
                app.run_db(lambda: mark_documented(app.services, self.visit_id, staff_id),
                           lambda _at: (app.notify(_("{ticket} marked documented in the client information system.")
                                                   .format(ticket=detail.entry.ticket), timeout=6), self.reload()),
                           lambda _message: self.reload())

        app.push_screen(DocumentationNoteDialog(detail), answered)

    def action_hand_over(self) -> None:
        if self.detail is not None:
            hand_over(self.app, self.visit_id, self.detail.entry.ticket, then=self._after_step)

    def action_finish(self) -> None:
        if self.detail is not None:
            finish_visit(self.app, self.visit_id, self.detail.entry.ticket, on_done=self.dismiss,
                         handed_over=self.closing)

    def closing(self) -> None:
        """The finish form handed its outcome over: the visit closes once finished (or, finished
        at another desk meanwhile, as the finish fails), and showing again meanwhile this screen
        reads nothing. Its read and its frame came before the finish's own step, some 10 ms of
        the key that finishes."""
        self._read_already = True


def _print_outcome(job: PrintedHandout) -> str:
    if job.outcome == PrintOutcome.PRINTED:
        return _("printed on {where}").format(where=job.printer or "–")
    if job.outcome in (PrintOutcome.SAVED, PrintOutcome.WRITTEN):
        return _("saved as {where}").format(where=job.file_path or "–")
    if job.outcome == PrintOutcome.SENDING:
        return _("sent to the printer, outcome not known (still printing, or the desk stopped)")
    return _("neither printed nor saved: {error}").format(error=job.error or "–")
