"""Type-ahead: keys pressed back to back, faster than the desk moves from field to field or from
screen to screen, each reach the question or field the worker sees next, and the database holds
what was meant (a `y` for question 6 never lands on question 3; the last Enter is never lost)."""

from __future__ import annotations

import asyncio

import pytest
from textual import events

from forms.choices import Urgency, VisitStatus
from forms.intake import IntakeForm
from forms.settings import Settings
from storage.services import Services
from tests.conftest import PIN, FakeClock
from tests.tui.helpers import keys, new_app, prepared, signed_in, type_ahead, until
from tui.dialogs import FinishDialog
from tui.screens import DeskScreen, FirstRunScreen, IntakeScreen, SignInScreen
from tui.widgets.form_field import read_fields
from workflows.visits import admit

BOARD = 40
"""Visits already waiting: the board the desk redraws while the worker types."""

# The practised triage from the issue, and one with other answers: (keys, answers, urgency, rules).
TRIAGES = {
    "issue": (
        ["n", "n", "n", "enter", "n", "y", "enter", "enter"],
        {"acute_today": "no", "health_affects_work": "no", "health_check_12m": "no", "current_services": [],
         "has_responsible_worker": "no", "income_housing": "yes", "help_wanted": []},
        Urgency.SOON, {"income_housing"},
    ),
    "mixed": (
        ["n", "y", "?", "space", "enter", "e", "k", "down", "space", "enter", "enter"],
        {"acute_today": "no", "health_affects_work": "yes", "health_check_12m": "unknown",
         "current_services": ["employment_services"], "has_responsible_worker": "no",
         "income_housing": "yes", "help_wanted": ["benefits"]},
        Urgency.SOON, {"health_check", "income_housing"},
    ),
}


def on(settings: Settings, db_url: str) -> Settings:
    return settings.model_copy(update={"database": settings.database.model_copy(update={"url": db_url})})


def waiting_board(services: Services) -> None:
    kaisa = services.staff.active_members()[0]
    for _ in range(BOARD):
        admit(services, IntakeForm(), kaisa.id)


@pytest.mark.parametrize("triage", sorted(TRIAGES))
async def test_intake_and_triage_typed_at_once_save_each_answer_on_its_question(
        settings: Settings, clock: FakeClock, db_url: str, triage: str) -> None:
    settings = on(settings, db_url)
    waiting_board(prepared(settings, clock))
    pressed, answers, urgency, rules = TRIAGES[triage]
    async with signed_in(settings, clock, prepare=False) as (pilot, app, services):
        # New walk-in, the name, Enter queues (a database write), then the triage at once: the
        # keys typed while the visit is written reach the first question, not the intake or the desk.
        await type_ahead(pilot, "n", *"Aino", "enter", *pressed)
        # The triage is saved before its screen closes.
        await until(pilot, lambda: isinstance(app.screen, DeskScreen))
        entries = [e for e in services.desk.snapshot().entries if e.call_name]
        assert [e.call_name for e in entries] == ["Aino"]
        assert len(services.desk.snapshot().entries) == BOARD + 1, "one visit queued, not two"
        detail = services.desk.visit(entries[0].id)
        assert detail.triage_answers == answers
        assert detail.entry.urgency is urgency
        assert set(detail.entry.triage_rules) == rules


async def test_first_account_form_typed_at_once_fills_each_field(settings: Settings, clock: FakeClock) -> None:
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, FirstRunScreen))
        # The sign-in screen that the first-account form replaced has closed (a separate start-up
        # race: its header, closed before it showed a title, fails when it gets a message).
        await until(pilot, lambda: not any(isinstance(s, SignInScreen) for s in app.screen_stack))
        await pilot.pause(0.2)
        await type_ahead(pilot, *"anna.k", "enter", *"Anna Esimerkki", "enter", *"Ohjaaja", "enter",
                         *"+358 40 000 0101", "enter", "enter", "enter", *PIN, "enter", *PIN, "enter")
        await until(pilot, lambda: isinstance(app.screen, DeskScreen))
        member = app.worker_on_duty
        assert member is not None
        assert (member.username, member.display_name, member.job_title, member.phone) == (
            "anna.k", "Anna Esimerkki", "Ohjaaja", "+358 40 000 0101")


async def test_finish_dialog_typed_at_once_fills_each_field(
        settings: Settings, clock: FakeClock, db_url: str) -> None:
    settings = on(settings, db_url)
    services = prepared(settings, clock)
    waiting_board(services)
    async with signed_in(settings, clock, prepare=False) as (pilot, app, services):
        await keys(pilot, "c", "f")
        assert isinstance(app.screen, FinishDialog)
        visit_id = app.screen.visit_id
        # Choose the first action, on to the referrals (none), past the worker list, then the
        # outside worker's name, organisation and phone, past the appointment and its place, the
        # follow-up date, past who gets in touch, a note; F2, declined; the memo not now.
        await type_ahead(pilot, "space", "tab", "tab", "tab", *"Liisa Ohjaaja", "tab", *"Kela", "tab",
                         *"+358 40 000 0102", "tab", "tab", "tab", *"1.12.2026", "tab", "tab", *"Soittaa itse",
                         "f2", "d", "n")
        await until(pilot, lambda: services.desk.visit(visit_id).entry.status is VisitStatus.FINISHED)
        detail = services.desk.visit(visit_id)
        assert detail.feedback_instruction == "declined"
        assert [(w.name, w.organisation, w.phone) for w in detail.workers] == [
            ("Liisa Ohjaaja", "Kela", "+358 40 000 0102")]
        assert (str(detail.follow_up_on), detail.outcome_note) == ("2026-12-01", "Soittaa itse")


# ctrl+j: an Enter typed before the app took the keyboard over comes as a line feed.
@pytest.mark.parametrize("first_enter", ["enter", "ctrl+j"])
async def test_sign_in_typed_at_once_while_the_database_opens_reaches_the_desk(
        settings: Settings, clock: FakeClock, first_enter: str) -> None:
    prepared(settings, clock).close()
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, SignInScreen)
        # Username, Enter, PIN, Enter, and at once n for a new walk-in, a name and Enter.
        await type_ahead(pilot, *"kaisa", first_enter, *PIN, "enter", "n", *"Eino", "enter")
        await until(pilot, lambda: app.worker_on_duty is not None)
        await until(pilot, lambda: app.ready and bool(app.services.desk.snapshot().entries))
        assert [e.call_name for e in app.services.desk.snapshot().entries] == ["Eino"]


async def test_call_next_and_finish_typed_at_once_open_the_finish_form(
        settings: Settings, clock: FakeClock, db_url: str) -> None:
    settings = on(settings, db_url)
    waiting_board(prepared(settings, clock))
    async with signed_in(settings, clock, prepare=False) as (pilot, app, services):
        # c calls the next visit and opens it; the f typed with it waits for the visit's keys to
        # come alive (its details are still loading), instead of being dropped on a greyed key.
        await type_ahead(pilot, "c", "f")
        await until(pilot, lambda: isinstance(app.screen, FinishDialog))
        assert services.desk.visit(app.screen.visit_id).entry.status is VisitStatus.CALLED


async def test_a_key_is_drawn_by_the_gate_not_on_the_next_frame_tick(settings: Settings, clock: FakeClock) -> None:
    # Textual draws a change on its frame timer, on a 1/60 s grid: a key whose answer comes in
    # two or three steps (a screen, then its layout, then what its callbacks change) waited a
    # frame for each. The gate draws what is pending as soon as every queue is empty, so with the
    # frame timer stopped the typed name is drawn all the same before the next key goes on.
    async with signed_in(settings, clock) as (pilot, app, _services):
        await keys(pilot, "n")
        intake = app.screen
        assert isinstance(intake, IntakeScreen)
        intake._update_timer.stop()
        for character in "Aino":  # posted as a terminal hands them over; Pilot's pauses would draw
            app.post_message(events.Key(character, character))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10
        while (read_fields(intake)["call_name"] != "Aino" or app.key_gate.busy) and loop.time() < deadline:
            await asyncio.sleep(0.01)
        assert read_fields(intake)["call_name"] == "Aino"
        assert not app.key_gate._screen_pending(), "the typed name waits for a frame tick"
