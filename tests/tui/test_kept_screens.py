"""The intake, triage and finish forms, the visit screen and the questions on the way to finished
are built once and filled in for each client: a form used again shows nothing of the client before
(fields, messages, answers, drafts), and what the worker types on it is saved as on a new one. The
desk, the sign-in and the lock screen are built once too, and show nothing of the worker before:
not before the next PIN is checked, nor after it."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Select, SelectionList

from forms.choices import AgeGroup, VisitStatus
from forms.handover import HandoverRequest
from forms.i18n import _
from forms.intake import IntakeForm
from forms.settings import Settings
from storage.services import Services
from tests.conftest import ADMIN_PIN, PIN, FakeClock, add_admin, add_worker
from tests.tui.helpers import (
    at_sign_in,
    error_beside,
    keys,
    screen_text,
    settle,
    signed_in,
    until,
    waiting_on_the_board,
)
from tui.dialogs import ConfirmDialog, FeedbackReminder, MemoNow
from tui.dialogs.finish import DRAFT_KIND as FINISH_DRAFT
from tui.dialogs.finish import FinishDialog
from tui.screens import DeskScreen, IntakeScreen, TriageScreen, VisitScreen
from tui.screens.lock import LockScreen
from tui.screens.sign_in import SignInScreen
from tui.screens.visit import open_visit
from tui.widgets import HandoverBanner, QueueBoard
from tui.widgets.form_field import FormField, read_fields
from workflows.visits import INTAKE_DRAFT


def _fields(screen: object) -> dict[str, object]:
    return read_fields(screen)  # type: ignore[arg-type]


async def _refused_kept_thrown_away(pilot: Pilot[None], services: Services, field: str, kind: str) -> None:
    """F2 refuses what is typed with a message beside `field`; it is kept as the worker's draft a
    moment later; Esc twice throws it away."""
    await settle(pilot)
    await keys(pilot, "f2")
    assert error_beside(pilot.app, field)  # type: ignore[arg-type]
    staff_id = pilot.app.staff_id  # type: ignore[attr-defined]
    await pilot.pause(0.6)
    await settle(pilot)
    assert services.drafts.load(staff_id, kind) is not None
    await keys(pilot, "escape", "escape")
    assert services.drafts.load(staff_id, kind) is None


async def test_a_kept_intake_and_triage_show_nothing_of_the_client_before(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock, (120, 36)) as (pilot, app, services):
        staff_id = app.staff_id
        # The first client: a name, a bad phone (its message shows), an age group chosen, then thrown away.
        await keys(pilot, "n")
        intake = app.screen
        assert isinstance(intake, IntakeScreen)
        await pilot.press(*"Aino Esimerkki")
        intake.query_one("#field-age_group Select", Select).value = "35_44"
        intake.query_one("#field-callback_phone Input", Input).value = "soita joskus"
        await _refused_kept_thrown_away(pilot, services, "callback_phone", INTAKE_DRAFT)
        assert isinstance(app.screen, DeskScreen)

        # The next client gets the same screen, empty: no name, no message, no choice, focus on the name.
        await keys(pilot, "n")
        assert app.screen is intake
        assert _fields(intake) == {"call_name": "", "language": "fi", "interpreter_needed": False, "age_group": None,
                                   "life_situation": None, "arrival_channel": None, "municipality": None,
                                   "callback_phone": ""}
        assert error_beside(app, "callback_phone") == ""
        assert not any(field.has_class("-invalid") for field in intake.query(FormField))
        assert intake.focused is intake.query_one("#field-call_name Input", Input)
        shown = screen_text(app)
        assert "Aino" not in shown and "soita" not in shown and AgeGroup.FROM_35.label not in shown
        await pilot.pause(0.6)
        await settle(pilot)
        assert services.drafts.load(staff_id, INTAKE_DRAFT) is None, "filling in is no draft"

        # Typed ahead on the kept screen, the name goes to its field and the visit is saved with it.
        await pilot.press(*"Eelis", "enter")
        await settle(pilot)
        triage = app.screen
        assert isinstance(triage, TriageScreen)
        first = services.desk.visit(triage.visit_id)
        assert first.entry.call_name == "Eelis" and first.callback_phone is None and first.age_group is None
        await keys(pilot, "y", "n")  # acute today: yes; the second question: no
        assert "akuutti" in str(triage.query_one("#result-urgency").render()).lower()
        await keys(pilot, "f2")
        assert isinstance(app.screen, DeskScreen)

        # The second walk-in's triage is the same screen with no answer of Eelis's and no acute result.
        await keys(pilot, "n")
        assert app.screen is intake
        await pilot.press(*"Venla", "enter")
        await settle(pilot)
        assert app.screen is triage
        assert triage.visit_id != first.entry.id
        assert triage.answers == {} and triage.override is None
        assert not triage.query(".-answered")
        assert all(not choices.selected for choices in triage.query(SelectionList))
        shown = screen_text(app)
        assert "Eelis" not in shown and first.entry.ticket not in shown and "[" + _("yes") + "]" not in shown
        assert "akuutti" not in str(triage.query_one("#result-urgency").render()).lower()
        assert triage.focused is triage.query(".question").first()
        await keys(pilot, "n", "f2")
        second = services.desk.visit(triage.visit_id)
        assert second.entry.call_name == "Venla"
        assert second.triage_answers == {"acute_today": "no"}
        assert services.desk.visit(first.entry.id).triage_answers == {"acute_today": "yes",
                                                                       "health_affects_work": "no"}


async def test_a_kept_finish_form_shows_nothing_of_the_visit_before(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock, (120, 36)) as (pilot, app, services):
        await keys(pilot, "n", "enter", "f2", "n", "enter", "f2")  # two anonymous walk-ins
        await keys(pilot, "c", "s", "f")
        form = app.screen
        assert isinstance(form, FinishDialog)
        first_ticket = form.ticket
        # Something chosen and typed, a bad follow-up date, kept as a draft, then thrown away.
        form.query_one("#actions", SelectionList).select("guidance")
        form.query_one("#field-note Input", Input).value = "Muistiinpano ensimmäisestä"
        form.query_one("#field-follow_up_on Input", Input).value = "huomenna"
        await _refused_kept_thrown_away(pilot, services, "follow_up_on", FINISH_DRAFT)
        assert isinstance(app.screen, VisitScreen)

        # The same visit's form again: nothing of what was thrown away.
        await keys(pilot, "f")
        assert app.screen is form
        assert form.ticket == first_ticket
        assert _fields(form)["note"] == "" and _fields(form)["actions"] == []
        assert error_beside(app, "follow_up_on") == ""
        assert form.focused is form.query_one("#actions", SelectionList)
        shown = screen_text(app)
        assert "Muistiinpano" not in shown and "huomenna" not in shown
        # Finished with a note typed on the kept form: saved for this visit.
        await pilot.press("space", "tab")  # the first action
        form.query_one("#field-note Input", Input).value = "Esimerkkimuistio yksi"
        await settle(pilot)
        await keys(pilot, "f2", "o")  # the feedback instruction: given
        await until(pilot, lambda: not isinstance(app.screen, FinishDialog))
        await settle(pilot)
        await keys(pilot, "n")  # no memo now
        finished = [v for v in services.desk.today_visits() if v.ticket == first_ticket]
        assert finished
        detail = services.desk.visit(finished[0].id)
        assert detail.outcome_note == "Esimerkkimuistio yksi"

        # The next visit's form: the same screen, for the next ticket, empty.
        await keys(pilot, "escape")
        await until(pilot, lambda: isinstance(app.screen, DeskScreen))
        await keys(pilot, "c", "s", "f")
        assert app.screen is form
        assert form.ticket != first_ticket and form.visit_id != detail.entry.id
        assert _fields(form)["note"] == "" and _fields(form)["actions"] == []
        assert "Esimerkkimuistio" not in screen_text(app) and first_ticket not in screen_text(app)


async def test_a_kept_form_takes_the_layout_turned_on_while_it_was_away(settings: Settings, clock: FakeClock) -> None:
    """F8 changes a class of the app, not the stylesheet: a kept form is styled again all the same."""
    async with signed_in(settings, clock, (120, 36)) as (pilot, app, _services):
        await keys(pilot, "n")
        intake = app.screen
        card = intake.query_one(".card")
        assert isinstance(intake, IntakeScreen) and card.styles.padding.left == 2
        await keys(pilot, "enter")  # an anonymous walk-in: its triage
        triage = app.screen
        assert isinstance(triage, TriageScreen)
        question = triage.query(".question").first()
        assert question.styles.padding.top == 0
        await keys(pilot, "f2")
        assert isinstance(app.screen, DeskScreen)

        await keys(pilot, "f8")  # the larger-text layout, with both forms away
        await keys(pilot, "n")
        assert app.screen is intake and card.styles.padding.left == 3
        await keys(pilot, "enter")
        assert app.screen is triage and question.styles.padding.top == 1
        await keys(pilot, "f2", "f8")  # and back to the usual layout
        await keys(pilot, "n")
        assert app.screen is intake and card.styles.padding.left == 2


async def test_the_questions_on_the_way_to_finished_are_kept_and_ask_about_this_visit(
        settings: Settings, clock: FakeClock) -> None:
    """The empty outcome's question, the feedback reminder and the memo question are the same
    screens for the next visit, asking about it: no ticket or language of the visit before."""
    async with signed_in(settings, clock, (120, 36)) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        services.desk.admit(IntakeForm(call_name="Ylva", language="sv"), worker.id)
        services.desk.admit(IntakeForm(call_name="Eero"), worker.id)
        shown: list[list[object]] = []
        for _visit in range(2):
            await keys(pilot, "c", "f")
            ticket = app.screen.ticket  # type: ignore[attr-defined]
            await keys(pilot, "f2")
            assert isinstance(app.screen, ConfirmDialog)
            seen = [app.screen]
            assert f"Päätetäänkö {ticket} kirjaamatta mitään tulosta?" in screen_text(app)
            await keys(pilot, "enter")
            assert isinstance(app.screen, FeedbackReminder)
            seen.append(app.screen)
            await keys(pilot, "o")
            assert isinstance(app.screen, MemoNow)
            seen.append(app.screen)
            shown.append(seen)
            text = screen_text(app)
            assert f"Tulostetaanko käynnin {ticket} muistio nyt?" in text
            assert "Asiakkaan kielellä: " + ("ruotsi" if _visit == 0 else "suomi") in text
            await keys(pilot, "n")
            assert isinstance(app.screen, DeskScreen)
        assert [id(s) for s in shown[0]] == [id(s) for s in shown[1]], "the next visit was asked on new screens"
        first, second = (v.ticket for v in services.desk.today_visits() if v.status is VisitStatus.FINISHED)
        assert first != second and first not in text


async def test_the_kept_desk_shows_nothing_of_the_worker_before(settings: Settings, clock: FakeClock) -> None:
    """Paula (an administrator) away, a client handed to her, her cursor down the board, signs out;
    the desk Olli signs in to is the same screen, and no frame of it shows anything of hers."""
    async with at_sign_in(settings, clock) as (pilot, app, services):
        kaisa = services.staff.find("kaisa")
        assert kaisa is not None
        paula, olli = add_admin(services), add_worker(services, "olli", "Olli Testinen")
        for name in ("Aino", "Venla", "Eelis"):
            services.desk.admit(IntakeForm(call_name=name), kaisa.id)
        await pilot.press(*"paula", "enter", *ADMIN_PIN, "enter")
        await until(pilot, lambda: isinstance(app.screen, DeskScreen))
        await settle(pilot)
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        eelis = desk.snapshot.entries[2].id  # type: ignore[union-attr]
        services.desk.call(eelis, kaisa.id)
        services.desk.hand_over(eelis, HandoverRequest(to_staff_id=paula.id, reason="Soittaa takaisin"), kaisa.id)
        await keys(pilot, "w", "enter")  # away: lunch
        await until(pilot, lambda: "MINULLE OHJATUT (1)" in screen_text(app) and "Poissa: lounas" in screen_text(app))
        await keys(pilot, "down")
        assert desk.check_action("admin", ()) and desk.query_one(QueueBoard).cursor_row == 1

        await keys(pilot, "x")  # the last one out: the day's summary, then the sign-in
        await until(pilot, lambda: not isinstance(app.screen, DeskScreen))
        await keys(pilot, "escape")
        assert type(app.screen) is SignInScreen
        frames: list[str] = []
        shown = app._display

        def drawn(screen: object, update: object) -> None:
            shown(screen, update)  # type: ignore[arg-type]
            frames.append(screen_text(app))

        app._display = drawn  # type: ignore[method-assign]
        await pilot.press(*"olli", "enter", *"0000", "enter")  # a wrong PIN: nothing of anyone's desk
        await settle(pilot)
        assert type(app.screen) is SignInScreen and app.worker_on_duty is None
        assert not any("Paula" in frame or "Aino" in frame or "A001" in frame for frame in frames)

        frames.clear()
        await pilot.press(*PIN, "enter")  # the PIN again, under the username typed
        await until(pilot, lambda: app.worker_on_duty is not None and isinstance(app.screen, DeskScreen))
        await settle(pilot)
        assert app.screen is desk, "the desk is kept across the sign-out"
        desk_frames = [frame for frame in frames if "Kirjautunut" in frame]
        assert desk_frames and "Olli Testinen" in desk_frames[-1] and "Aino" in desk_frames[-1]
        for frame in desk_frames:
            assert "Paula" not in frame and "MINULLE OHJATUT" not in frame and "Soittaa" not in frame
            assert "Poissa: lounas" not in frame
        assert not desk.query_one(HandoverBanner).display
        assert not desk.check_action("admin", ())
        assert desk.query_one(QueueBoard).cursor_row == 0 and desk.selected is not None
        assert desk.selected.call_name == "Aino"
        assert olli.id == app.staff_id


async def test_the_kept_lock_screen_names_the_worker_who_locked_it(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        add_worker(services, "olli", "Olli Testinen")
        await keys(pilot, "ctrl+l")
        lock = app.screen
        assert isinstance(lock, LockScreen) and "Kaisa Esimerkki" in screen_text(app)
        await keys(pilot, "f3")
        await pilot.press(*"olli", "enter", *PIN, "enter")  # another worker: Olli's desk
        await until(pilot, lambda: isinstance(app.screen, DeskScreen) and app.worker_on_duty is not None
                    and app.worker_on_duty.username == "olli")
        await settle(pilot)
        assert lock.query_one("#pin", Input).value == "", "no PIN is kept while the desk is in use"

        await keys(pilot, "ctrl+l")  # Olli's lock: the same screen, his name, his username, no PIN
        assert app.screen is lock
        shown = screen_text(app)
        assert "Olli Testinen" in shown and "Kaisa" not in shown
        assert lock.query_one("#username", Input).value == "olli" and lock.query_one("#pin", Input).value == ""
        assert lock.focused is lock.query_one("#pin", Input)
        await pilot.press(*"0000", "enter")  # a wrong PIN: refused beside the PIN
        await settle(pilot)
        assert error_beside(app, "pin")
        await pilot.press(*PIN, "enter")
        await until(pilot, lambda: isinstance(app.screen, DeskScreen))
        await settle(pilot)

        await keys(pilot, "ctrl+l")  # the next lock: no message of the one before
        assert app.screen is lock and error_beside(app, "pin") == ""
        await pilot.press(*PIN, "enter")
        await until(pilot, lambda: isinstance(app.screen, DeskScreen))


async def test_the_kept_sign_in_screen_is_empty_for_the_next_worker(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        add_worker(services, "olli", "Olli Testinen")
        await keys(pilot, "x")  # the last one out: the day's summary, then the sign-in
        await until(pilot, lambda: not isinstance(app.screen, DeskScreen))
        await keys(pilot, "escape")
        sign_in = app.screen
        assert type(sign_in) is SignInScreen
        await pilot.press(*"olli", "enter", *"0000", "enter")
        await settle(pilot)
        assert error_beside(app, "pin")
        await pilot.press(*PIN, "enter")
        await until(pilot, lambda: isinstance(app.screen, DeskScreen))
        await settle(pilot)
        assert sign_in.query_one("#pin", Input).value == "", "no PIN is kept while the desk is in use"

        await keys(pilot, "x")
        await until(pilot, lambda: not isinstance(app.screen, DeskScreen))
        await keys(pilot, "escape")
        assert app.screen is sign_in
        assert _fields(sign_in) == {"username": "", "pin": ""}
        assert error_beside(app, "pin") == "" and "olli" not in screen_text(app)
        assert sign_in.focused is sign_in.query_one("#username", Input)


def _body(screen: VisitScreen) -> str:
    return str(screen.query_one("#visit-body").render())


async def test_a_kept_visit_screen_shows_nothing_of_the_client_before(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock, (120, 36)) as (pilot, app, services):
        aino, eero = await waiting_on_the_board(pilot, services, "Aino", "Eero")
        await keys(pilot, "c")  # Aino
        visit = app.screen
        assert isinstance(visit, VisitScreen) and visit.visit_id == aino.id
        assert "Aino" in screen_text(app)
        await keys(pilot, "escape", "c")  # Eero: the same screen, shown with him at once
        assert app.screen is visit and visit.visit_id == eero.id
        shown = screen_text(app)
        assert "Eero" in shown and eero.ticket in shown
        assert "Aino" not in shown and aino.ticket not in shown

        # Opened from the board, it reads the visit as it shows: meanwhile "Loading…" and greyed
        # keys, nothing of Eero.
        await keys(pilot, "escape")
        open_visit(app, aino.id)
        assert visit.detail is None and _body(visit) == _("Loading…")
        assert visit.check_action("finish", ()) is None
        await settle(pilot)
        assert app.screen is visit and "Aino" in _body(visit) and "Eero" not in screen_text(app)

        # A read of the client before still on its way when the screen is renewed is dropped.
        visit.reload()  # Aino, read in a thread
        app.pop_screen()
        open_visit(app, eero.id, services.desk.visit(eero.id))
        await settle(pilot)
        assert app.screen is visit and visit.visit_id == eero.id
        shown = screen_text(app)
        assert "Eero" in shown and "Aino" not in shown and aino.ticket not in shown
