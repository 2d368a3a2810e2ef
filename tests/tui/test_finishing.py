"""Finishing a visit, and after: the memo offered at once in the client's language (never eating a
key typed ahead), an empty outcome asked first, and a finished visit's outcome corrected from
today's list, the same day, audited."""

from __future__ import annotations

import time
from typing import Any

from textual.pilot import Pilot

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, FollowUpBy, OutcomeAction, VisitStatus
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.settings import Settings
from storage.views import QueueSnapshot
from tests.conftest import FakeClock
from tests.tui.helpers import (
    database_steps,
    keys,
    notices,
    screen_text,
    signed_in,
    type_ahead,
    until,
    waiting_on_the_board,
)
from tui.app import WalkinApp
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


async def test_the_finish_reads_the_board_once_yet_another_desks_finish_still_shows(
        settings: Settings, clock: FakeClock, db_url: str) -> None:
    """Issue 19: the finish reads the desk's board of hundreds once, in its own worker: the memo
    question shows it (the finished visit gone) and `n` back to the desk reads nothing more; the
    finish is not told back by the queue's watcher as a change to read again (on PostgreSQL its
    notice comes, and is dropped: migration 0028). A finish at another desk while the question is up
    still reaches the board as the desk shows."""
    settings = settings.model_copy(update={"database": settings.database.model_copy(update={"url": db_url})})
    async with signed_in(settings, clock) as (pilot, app, services):
        await waiting_on_the_board(pilot, services, "Aino", "Bertta", "Cecilia")
        desk = app.screen
        await keys(pilot, "c", "f", "space", "f2")
        await watcher_looked_twice(pilot, app)  # the call is told of before the count starts
        reads = board_reads(app)
        await keys(pilot, "o")
        assert isinstance(app.screen, MemoNow) and app.screen_stack[-2] is desk
        assert "Aino" not in screen_text(app) and "Bertta" in screen_text(app)  # behind the question
        await watcher_looked_twice(pilot, app)  # it would have told of the finish by now
        await keys(pilot, "n")
        assert app.screen is desk and "Aino" not in screen_text(app) and "Bertta" in screen_text(app)
        assert len(reads) == 1

        await keys(pilot, "c", "f", "space", "f2")  # Bertta
        await watcher_looked_twice(pilot, app)
        reads.clear()
        await keys(pilot, "o")
        other_desk = services.staff.active_members()[0].id
        cecilia = services.desk.call_next(other_desk)
        assert cecilia is not None and cecilia.call_name == "Cecilia"
        services.desk.finish(cecilia.id, Outcome(actions=frozenset({OutcomeAction.GUIDANCE.value})), other_desk)
        await until(pilot, lambda: not desk._current_when_shown)  # the watcher told the covered desk
        await keys(pilot, "n")
        assert app.screen is desk and len(reads) == 2
        assert "Cecilia" not in screen_text(app), screen_text(app)


def board_reads(app: WalkinApp) -> list[object]:
    """Each read of the desk's board from here on, counted (the database's own, not a stand-in)."""
    desk, reads = app.services.desk, []
    read = desk.snapshot

    def counted(*args: Any, **kwargs: Any) -> QueueSnapshot:
        reads.append(args)
        return read(*args, **kwargs)

    desk.snapshot = counted  # type: ignore[method-assign]
    return reads


async def watcher_looked_twice(pilot: Pilot[None], app: WalkinApp) -> None:
    """Until the queue's watcher has looked at the database twice from here: a change it was to
    tell of is told by then."""
    feed, looks = app.queue_feed, []
    assert feed is not None
    wait = feed.wait

    def looked(timeout: float) -> bool:
        changed = wait(timeout)
        looks.append(changed)
        return changed

    feed.wait = looked  # type: ignore[method-assign]
    await until(pilot, lambda: len(looks) >= 2)
    del feed.wait


async def test_call_next_reads_the_visit_once_and_the_desk_shows_the_call_when_back(
        settings: Settings, clock: FakeClock, db_url: str) -> None:
    """Issue 19: `c` reads the visit it calls in its own worker, and the call is not told back as a
    change for the visit screen, or the desk it covers, to read again (on PostgreSQL: migration
    0028). The desk reads its board once, as the worker comes back to it, and shows the call."""
    settings = settings.model_copy(update={"database": settings.database.model_copy(update={"url": db_url})})
    async with signed_in(settings, clock) as (pilot, app, services):
        await waiting_on_the_board(pilot, services, "Aino", "Bertta")
        desk = app.screen
        await watcher_looked_twice(pilot, app)  # the admissions told of before the count starts
        visit_reads, read = [], app.services.desk.visit

        def counted(*args: Any, **kwargs: Any) -> Any:
            visit_reads.append(args)
            return read(*args, **kwargs)

        app.services.desk.visit = counted  # type: ignore[method-assign]
        board = board_reads(app)
        await keys(pilot, "c")
        assert isinstance(app.screen, VisitScreen) and "Aino" in screen_text(app)
        await watcher_looked_twice(pilot, app)  # it would have told of the call by now
        assert (len(visit_reads), len(board)) == (1, 0), "read again for the desk's own call"
        await keys(pilot, "escape")
        assert app.screen is desk and len(board) == 1
        await until(pilot, lambda: "tapaamisessa" not in screen_text(app) or "odottaa" in screen_text(app))
        aino = next(line for line in screen_text(app).splitlines() if "Aino" in line)
        assert "odottaa" not in aino, aino  # called: no longer shown as waiting


async def test_the_visit_screen_closing_on_a_finish_reads_the_visit_no_more(
        settings: Settings, clock: FakeClock) -> None:
    """Issue 19: as the finish form hands its outcome over, the visit screen under it shows again
    for a moment, closing once the visit is finished: it reads nothing then (its read and its frame
    came before the finish's own step). A finish that fails because another desk finished the visit
    meanwhile closes it as a finish here does, the reason told."""
    async with signed_in(settings, clock) as (pilot, app, services):
        aino, bertta = await waiting_on_the_board(pilot, services, "Aino", "Bertta")
        desk = app.screen
        await keys(pilot, "c", "f", "space", "f2")
        assert isinstance(app.screen, FeedbackReminder)
        steps = database_steps(app)
        await keys(pilot, "o")
        assert isinstance(app.screen, MemoNow) and app.screen_stack[-2] is desk
        assert steps == ["_finish.<locals>.job"]
        assert services.desk.visit(aino.id).entry.status is VisitStatus.FINISHED
        await keys(pilot, "n", "c", "f", "space", "f2")
        assert isinstance(app.screen, FeedbackReminder)
        services.desk.finish(bertta.id, Outcome(actions=frozenset({OutcomeAction.GUIDANCE.value})),
                             services.staff.active_members()[0].id)
        read = app.services.desk.visit

        def slow(*args: Any, **kwargs: Any) -> Any:
            time.sleep(0.1)  # as on a busy server: the Esc typed with the answer comes first
            return read(*args, **kwargs)

        app.services.desk.visit = slow  # type: ignore[method-assign]
        await type_ahead(pilot, "o", "escape")
        assert app.screen_stack[1:] == [desk], app.screen_stack  # the Esc did not take the desk too
        assert notices(app).endswith("Vuoronumeron A002 tila on jo: valmis."), notices(app)
