"""Finishing a visit, and after: the memo offered at once in the client's language (never eating a
key typed ahead), an empty outcome asked first, and a finished visit's outcome corrected from
today's list, the same day, audited."""

from __future__ import annotations

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, FollowUpBy, OutcomeAction, VisitStatus
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.settings import Settings
from tests.conftest import FakeClock
from tests.tui.helpers import keys, screen_text, signed_in, type_ahead, until
from tui.dialogs import ConfirmDialog, FeedbackReminder, FinishDialog, MemoNow
from tui.screens import DeskScreen, TodayScreen, VisitScreen


async def test_finishing_offers_the_memo_in_the_clients_language(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        visit = services.desk.admit(IntakeForm(call_name="Ylva", language="sv"), worker.id)
        await keys(pilot, "c", "f", "space", "f2")
        assert isinstance(app.screen, FeedbackReminder)  # first the feedback instruction
        await keys(pilot, "o")
        assert isinstance(app.screen, MemoNow)  # then, the reminder gone, the memo
        assert isinstance(app.screen_stack[-2], DeskScreen)
        shown = screen_text(app)
        assert "Tulostetaanko käynnin A001 muistio nyt?" in shown and "Asiakkaan kielellä: ruotsi." in shown
        await keys(pilot, "enter")  # no printer here: saved, and on record like key 4 on the visit
        await until(pilot, lambda: [(h.kind, h.language, h.outcome) for h in services.desk.visit(visit.id).handouts]
                    == [("memo", "sv", "saved")])
        assert isinstance(app.screen, DeskScreen)


async def test_a_key_typed_ahead_past_the_memo_question_reaches_the_desk(
        settings: Settings, clock: FakeClock, db_url: str) -> None:
    settings = settings.model_copy(update={"database": settings.database.model_copy(update={"url": db_url})})
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        first = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
        second = services.desk.admit(IntakeForm(call_name="Eero"), worker.id)
        # Out of habit: finish with guidance, "given another way", and call the next one at once.
        # The `c` typed before the memo question showed is not taken as its answer: the question
        # goes ("not now") and the next client is called.
        await keys(pilot, "c", "f")
        await type_ahead(pilot, "space", "f2", "o", "c")
        await until(pilot, lambda: services.desk.visit(second.id).entry.status is VisitStatus.CALLED)
        done = services.desk.visit(first.id)
        assert (done.entry.status, done.actions, done.handouts) == (VisitStatus.FINISHED, {"guidance"}, ())
        await until(pilot, lambda: isinstance(app.screen, VisitScreen) and app.screen.visit_id == second.id)
        assert not any(isinstance(s, MemoNow) for s in app.screen_stack)


async def test_f2_with_nothing_chosen_asks_first_and_esc_loses_nothing(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        visit = services.desk.admit(IntakeForm(), worker.id)
        await keys(pilot, "c", "f")
        dialog = app.screen
        assert isinstance(dialog, FinishDialog)
        await type_ahead(pilot, "f2")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Päätetäänkö A001 kirjaamatta mitään tulosta?" in screen_text(app)
        # Esc: back to the form, the visit not finished; guidance chosen, F2 goes on without asking.
        await type_ahead(pilot, "escape", "space", "f2")
        assert isinstance(app.screen, FeedbackReminder)
        assert services.desk.visit(visit.id).entry.status is VisitStatus.CALLED
        await keys(pilot, "escape")  # back to the form: empty it again, and finish it empty
        assert app.screen is dialog
        await type_ahead(pilot, "space", "f2", "enter", "d", "n")
        await until(pilot, lambda: services.desk.visit(visit.id).entry.status is VisitStatus.FINISHED)
        detail = services.desk.visit(visit.id)
        assert (detail.actions, detail.feedback_instruction) == (frozenset(), "declined")


async def test_a_finished_visits_outcome_is_corrected_from_todays_list(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        visit = services.desk.admit(IntakeForm(call_name="Ville"), worker.id)
        waiting = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
        services.desk.call(visit.id, worker.id)
        services.desk.finish(visit.id, Outcome(
            actions=frozenset({OutcomeAction.GUIDANCE}), referrals=("kela",), follow_up_on="8.12.2026",
            follow_up_by=FollowUpBy.CLIENT, next_appointment="1.12.2026 10.00", appointment_place="Työkykykeskus",
            workers=(NamedWorker(name="Liisa Ohjaaja", organisation="Kela"),), note="soittaa itse"), worker.id)
        # A waiting visit has no outcome to correct: the key is greyed out.
        await keys(pilot, "v", *"aino", "enter")
        assert isinstance(app.screen, VisitScreen) and app.screen.visit_id == waiting.id
        assert app.screen.check_action("correct_outcome", ()) is None
        await keys(pilot, "m")
        assert isinstance(app.screen, VisitScreen)
        await keys(pilot, "escape")
        assert isinstance(app.screen, TodayScreen)
        await keys(pilot, *["backspace"] * 4, *"ville", "enter", "m")
        form = app.screen
        assert isinstance(form, FinishDialog) and form.correcting
        typed = {name: form.query_one(f"#field-{name} Input").value  # type: ignore[attr-defined]
                 for name in ("worker_name", "organisation", "next_appointment", "appointment_place",
                              "follow_up_on", "note")}
        assert typed == {"worker_name": "Liisa Ohjaaja", "organisation": "Kela",
                         "next_appointment": "1.12.2026 10.00", "appointment_place": "Työkykykeskus",
                         "follow_up_on": "8.12.2026", "note": "soittaa itse"}
        assert form.query_one("#referrals").selected == ["kela"]  # type: ignore[attr-defined]
        assert form.query_one("#follow_up_by").value == "client"  # type: ignore[attr-defined]
        assert "Korjaa käynnin A001 tulos" in screen_text(app)
        # Unchanged, Esc closes at once; then the note corrected, F2: no feedback question, saved.
        await keys(pilot, "escape")
        assert isinstance(app.screen, VisitScreen)
        await keys(pilot, "m")
        form = app.screen
        assert isinstance(form, FinishDialog)
        form.query_one("#field-note Input").value = "soittaa maanantaina"  # type: ignore[attr-defined]
        await keys(pilot, "f2")
        assert isinstance(app.screen, MemoNow)  # the memo given is now out of date
        await keys(pilot, "n")
        assert isinstance(app.screen, VisitScreen)
        detail = services.desk.visit(visit.id)
        assert (detail.entry.status, detail.outcome_note, detail.referrals, detail.appointment_place) == (
            VisitStatus.FINISHED, "soittaa maanantaina", ("kela",), "Työkykykeskus")
        assert [(w.name, w.organisation) for w in detail.workers] == [("Liisa Ohjaaja", "Kela")]
        event = services.audit.events(AuditQuery(action=AuditAction.OUTCOME_CORRECTED))[0]
        assert (event.username, event.ticket, event.detail) == (worker.username, "A001", "note")
        assert "soittaa maanantaina" in screen_text(app)


async def test_each_dialog_on_the_way_shows_its_own_keys_not_the_visits(settings: Settings, clock: FakeClock) -> None:
    """The bottom line under a dialog names the dialog's keys: the visit's `s Aloita` or `l Lähti`
    there did nothing while the outcome was open."""
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        services.desk.admit(IntakeForm(call_name="Ylva"), worker.id)
        await keys(pilot, "c", "f")
        assert isinstance(app.screen, FinishDialog)
        bottom = screen_text(app).splitlines()[-1]
        assert "f2 Päätä käynti" in bottom and "esc Peru" in bottom and "Aloita" not in bottom
        await keys(pilot, "f2")
        assert isinstance(app.screen, ConfirmDialog)  # nothing chosen: asked first
        bottom = screen_text(app).splitlines()[-1]
        assert "⏎ Kyllä" in bottom and "Päätä" not in bottom
        await keys(pilot, "enter")
        assert isinstance(app.screen, FeedbackReminder)
        bottom = screen_text(app).splitlines()[-1]
        assert "p Tulosta nyt" in bottom and "d Asiakas kieltäytyi" in bottom and "Kyllä" not in bottom
