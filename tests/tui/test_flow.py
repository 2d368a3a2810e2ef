"""The whole desk flow driven through the real app, checked in the database and on the screen."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Input, Select

from forms.choices import Urgency, VisitStatus
from forms.i18n import _, set_language
from forms.settings import Settings
from tests.conftest import PIN, FakeClock
from tests.tui.helpers import error_beside, keys, new_app, prepared, settle, sign_in, signed_in, until
from tui.dialogs import FeedbackReminder, MemoNow
from tui.screens import DeskScreen, FirstRunScreen, IntakeScreen, TriageScreen, VisitScreen
from tui.widgets import QueueBoard
from tui.widgets.form_field import FormField

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


async def test_anonymous_walk_in_queued_in_two_keys_and_triaged_all_no_in_eight(
    settings: Settings, clock: FakeClock
) -> None:
    async with signed_in(settings, clock, (120, 36)) as (pilot, app, services):
        assert isinstance(app.screen, DeskScreen)
        intake_keys = ["n", "enter"]
        await pilot.press(intake_keys[0])
        await settle(pilot)
        await pilot.press(intake_keys[1])
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)
        assert [e.ticket for e in services.desk.snapshot().entries] == ["A001"]
        # no, no, no, (services: none chosen) Enter, no, no, (help: none chosen) Enter, save
        triage_keys = ["n", "n", "n", "enter", "n", "n", "enter", "enter"]
        for key in triage_keys:
            await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, DeskScreen)
        promise = re.search(r"takes (\d+) keys to queue and (\d+) more to triage", " ".join(README.split()))
        assert promise is not None, "the README's tour promises how many keys a walk-in takes"
        assert [len(intake_keys), len(triage_keys)] == [int(n) for n in promise.groups()]
        detail = services.desk.visit(services.desk.snapshot().entries[0].id)
        assert detail.triage_answers == {
            "acute_today": "no", "health_affects_work": "no", "health_check_12m": "no",
            "current_services": [], "has_responsible_worker": "no", "income_housing": "no",
            "help_wanted": [],
        }
        assert detail.entry.urgency is Urgency.NORMAL


async def test_intake_triage_call_finish_and_left(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock, (120, 36)) as (pilot, app, services):
        # A named walk-in who is acute today.
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Aino", "enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "akuutti" in str(app.screen.query_one("#result-urgency").render())
        await pilot.press("f2")
        await settle(pilot)
        # An anonymous one, who will leave.
        clock.advance(3)
        await keys(pilot, "n", "enter", "escape")
        clock.advance(7)
        app.screen.refresh_queue()
        await settle(pilot)
        board = app.screen.query_one(QueueBoard)
        assert board.row_count == 2
        assert "!! akuutti" in str(board.get_row_at(0)[1])
        assert str(board.get_row_at(0)[2]) == "Aino"
        assert str(board.get_row_at(0)[4]) == "10 min ⏰ yli rajan"  # acute: the profile's threshold is 0

        await pilot.press("c")  # call next: the acute one
        await settle(pilot)
        assert isinstance(app.screen, VisitScreen)
        aino = services.desk.visit(app.screen.visit_id)
        assert (aino.entry.call_name, aino.entry.status) == ("Aino", VisitStatus.CALLED)
        await keys(pilot, "s", "f")
        await pilot.press("space")  # guidance given
        await pilot.press("tab", "down", "space")  # referral: social services
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackReminder)  # no feedback sheet yet: asked once
        await keys(pilot, "o")  # given another way
        assert isinstance(app.screen, MemoNow)  # then, the reminder gone, the memo is offered
        await keys(pilot, "n")
        assert isinstance(app.screen, DeskScreen)
        done = services.desk.visit(aino.entry.id)
        assert done.entry.status is VisitStatus.FINISHED
        assert done.actions == {"guidance", "referral"}
        assert done.referrals == ("social_services",)
        assert done.feedback_instruction == "other_way"

        await pilot.press("l", "enter")  # the anonymous one left (asked first)
        await settle(pilot)
        snapshot = services.desk.snapshot()
        assert snapshot.entries == ()
        assert (snapshot.counters.finished, snapshot.counters.left) == (1, 1)
        assert "Lähteneet 1" in str(app.screen.query_one("#counters").render())


async def test_bad_input_stays_on_the_form_with_a_message(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock, (80, 24)) as (pilot, app, services):
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#field-call_name Input").value = "x" * 200
        app.screen.query_one("#field-callback_phone Input").value = "ei numero"
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#field-call_name", FormField).has_class("-invalid")
        assert "Enintään 40 merkkiä" in error_beside(app, "call_name")
        assert services.desk.snapshot().entries == ()
        assert app.screen.query_one("#field-call_name Input").value == "x" * 200


async def test_half_typed_intake_comes_back_after_a_crash(settings: Settings, clock: FakeClock) -> None:
    services = prepared(settings, clock)
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Venla")
        worker = services.staff.find("kaisa")
        assert worker is not None
        await until(pilot, lambda: (services.drafts.load(worker.id, "intake") or {}).get("call_name") == "Venla")
    # The first app is gone without queueing; a new one signs the same worker in.
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#field-call_name Input").value == "Venla"
    services.close()


async def test_an_intake_draft_kept_under_the_old_channel_key_still_loads(
    settings: Settings, clock: FakeClock
) -> None:
    """Drafts kept before "referral_channel" became "arrival_channel" come back whole."""
    services = prepared(settings, clock)
    worker = services.staff.find("kaisa")
    assert worker is not None
    services.drafts.save(worker.id, "intake", {"call_name": "Venla", "referral_channel": "kela"})
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#field-arrival_channel Select", Select).value == "kela"
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, TriageScreen)
    visit = services.desk.visit(services.desk.snapshot().entries[0].id)
    assert (visit.entry.call_name, visit.arrival_channel) == ("Venla", "kela")
    services.close()


async def test_wrong_pin_is_refused_beside_the_field(settings: Settings, clock: FakeClock) -> None:
    services = prepared(settings, clock)
    app = new_app(settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.ready)
        await pilot.press(*"kaisa", "enter", *"9999", "enter")
        await settle(pilot)
        assert "Väärä käyttäjätunnus tai PIN-koodi" in error_beside(app, "pin")
        assert app.worker_on_duty is None
    services.close()


async def test_first_start_creates_the_administrator(settings: Settings, clock: FakeClock) -> None:
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, FirstRunScreen))
        await pilot.press(*"anna", "tab", *"Anna Esimerkki", "tab", *"Koordinaattori", "tab")
        await pilot.press("tab", "tab", "tab", *PIN, "tab", *PIN, "enter")
        await settle(pilot)
        assert isinstance(app.screen, DeskScreen)
        assert app.worker_on_duty is not None and app.worker_on_duty.role == "admin"


async def test_screens_in_english(settings: Settings, clock: FakeClock) -> None:
    set_language("en")
    async with signed_in(settings, clock) as (pilot, app, _services):
        counters = str(app.screen.query_one("#counters").render())
        assert "Waiting 0" in counters and "Done 0" in counters
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#field-callback_phone Input").value = "call me"
        await pilot.press("enter")
        await settle(pilot)
        assert error_beside(app, "callback_phone").startswith("⚠ Not a phone number.")


async def test_urgency_override_needs_a_reason_and_is_kept(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        await keys(pilot, "n", "enter", "u")
        await pilot.press("up", "up", "enter")  # from normal up to acute
        await pilot.press("f2")  # no reason yet
        await settle(pilot)
        assert "Pakollinen." in error_beside(app, "reason")
        await pilot.press(*"pelkää odottaa", "enter")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        visit = services.desk.visit(services.desk.snapshot().entries[0].id)
        assert (visit.entry.urgency, visit.override_reason) == (Urgency.ACUTE, "pelkää odottaa")


async def test_in_swedish_the_triage_takes_j_for_ja_and_v_for_vet_inte(settings: Settings, clock: FakeClock) -> None:
    set_language("sv")
    async with signed_in(settings, clock, (120, 36)) as (pilot, app, services):
        await keys(pilot, "n", "enter")
        assert isinstance(app.screen, TriageScreen)
        assert "y eller j ja, n nej, ? eller v vet inte" in _(app.screen.HELP)
        for key in ["n", "j", "v", "enter", "n", "n", "enter", "enter"]:
            await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, DeskScreen)
        detail = services.desk.visit(services.desk.snapshot().entries[0].id)
        assert (detail.triage_answers["health_affects_work"], detail.triage_answers["health_check_12m"]) == (
            "yes", "unknown")


async def test_first_start_keeps_what_is_typed_before_the_first_account_form_shows(
        settings: Settings, clock: FakeClock) -> None:
    """On a first start the database is made while the screen is still empty: a username typed
    meanwhile went into the hidden sign-in form and was gone when the first-account form came."""
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"anna")
        await until(pilot, lambda: isinstance(app.screen, FirstRunScreen))
        await settle(pilot)
        assert app.screen.query_one("#field-username Input", Input).value == "anna"
