"""The follow-ups at the desk: the counters, the list on `o` (mine due, later ones, everyone's for
an administrator), recording a contact typed back to back and closing the follow-up, moving one to
another worker, and "not reached" offered only after the profile's failed attempts."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from textual.widgets import Input, Select

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, ConsentKind, ConsentMethod
from forms.followup import NOT_REACHED
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.settings import Settings
from storage.models import FollowUpAnswer
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import ADMIN_PIN, FakeClock, add_admin, add_worker
from tests.tui.helpers import at_sign_in, error_beside, keys, screen_text, sign_in, type_ahead, until
from tests.tui.test_live import on
from tui.dialogs.follow_up_contact import ContactDialog
from tui.dialogs.follow_up_move import MoveFollowUpDialog, typed_date
from tui.screens.desk import DeskScreen
from tui.screens.follow_ups import FollowUpsScreen

TODAY = date(2026, 11, 24)
"""The fake clock's first day (tests.conftest.TUESDAY_MORNING)."""
DAY = 24 * 60


def finished(services: Services, worker: StaffMember, in_days: int = 7, name: str = "Eero",
             referrals: tuple[str, ...] = (), consent: bool = True, staff_id: int | None = None) -> int:
    """A visit finished today with a follow-up `in_days` from now; its visit id."""
    visit = services.desk.admit(IntakeForm(call_name=name, callback_phone="+358 40 000 0101"), worker.id)
    if consent:
        services.desk.record_consent(visit.id, ConsentKind.CONTACT, ConsentMethod.SPOKEN, worker.id)
    services.desk.start(visit.id, worker.id)
    workers = (NamedWorker(staff_id=staff_id),) if staff_id is not None else ()
    services.desk.finish(visit.id, Outcome(follow_up_on=TODAY + timedelta(days=in_days), referrals=referrals,
                                           workers=workers), worker.id)
    return visit.id


def kaisa(services: Services) -> StaffMember:
    found = services.staff.find("kaisa")
    assert found is not None
    return found


async def test_the_list_on_o_shows_mine_due_and_overdue(settings: Settings, clock: FakeClock) -> None:
    async with at_sign_in(settings, clock) as (pilot, app, services):
        me = kaisa(services)
        olli = add_worker(services, "olli", "Olli Esimerkki")
        finished(services, me, in_days=3, name="Aino", referrals=("kela",))
        finished(services, me, in_days=7, name="Eero", consent=False)
        finished(services, me, in_days=30, name="Venla")
        finished(services, me, in_days=7, name="Oskari", staff_id=olli.id)
        clock.advance(7 * DAY)
        await sign_in(pilot)
        await until(pilot, lambda: "Seurannat: 1 tänään, 1 myöhässä" in screen_text(app))
        await keys(pilot, "o")
        assert isinstance(app.screen, FollowUpsScreen)
        await until(pilot, lambda: "⚠ myöhässä" in screen_text(app))
        shown = screen_text(app)
        assert "tänään" in shown
        # Aino gave her consent to be contacted: name and phone; Eero did not: neither.
        assert "Aino" in shown and "+358 40 000 0101" in shown and "Eero" not in shown
        assert "Venla" not in shown and "Oskari" not in shown  # later, and another worker's
        await keys(pilot, "a")
        await until(pilot, lambda: "Venla" in screen_text(app))
        assert "Oskari" not in screen_text(app)
        await keys(pilot, "e")  # not an administrator: nothing happens
        assert "Oskari" not in screen_text(app)
        await keys(pilot, "escape")
        assert isinstance(app.screen, DeskScreen)


async def test_an_empty_list_says_so_and_no_counter_shows(settings: Settings, clock: FakeClock) -> None:
    async with at_sign_in(settings, clock, size=(80, 24)) as (pilot, app, services):
        finished(services, kaisa(services), in_days=7)
        await sign_in(pilot)
        assert "Seurannat" not in screen_text(app)
        await keys(pilot, "o")
        await until(pilot, lambda: "Ei tänään erääntyviä eikä myöhässä olevia seurantoja" in screen_text(app))


def answers(services: Services) -> list[tuple[str, str, str]]:
    with services.db.reading() as session:
        rows = session.execute(select(FollowUpAnswer.question, FollowUpAnswer.respondent, FollowUpAnswer.answer)
                               .order_by(FollowUpAnswer.respondent, FollowUpAnswer.question)).all()
    return [tuple(row) for row in rows]


def choose(steps: int) -> list[str]:
    """A list field: open it, go `steps` down from the blank, choose, and Tab on."""
    return ["enter", *(["down"] * steps), "enter", "tab"]


async def test_record_a_reached_contact_typed_back_to_back_and_close_as_employed(
        db_url: str, settings: Settings, clock: FakeClock) -> None:
    settings = on(settings, db_url)
    async with at_sign_in(settings, clock) as (pilot, app, services):
        me = kaisa(services)
        finished(services, me, in_days=7, name="Aino", referrals=("kela", "health_check"))
        other = finished(services, me, in_days=7, name="Eero")
        clock.advance(7 * DAY)
        await sign_in(pilot)
        await until(pilot, lambda: "Seurannat: 2 tänään" in screen_text(app))
        await keys(pilot, "o", "enter")
        assert isinstance(app.screen, ContactDialog)
        await keys(pilot, "f2")
        assert "Valitse, tavoitettiinko asiakas" in error_beside(app, "reached")
        # Back to back, as a practised worker types (the referrals in the order of the finish form).
        await type_ahead(pilot, *choose(1),  # reached: yes
                         *choose(1), *choose(2), *choose(1),  # Kela reached; health check waiting, done
                         *choose(1), *choose(2),  # Kykyviisari before: yes, after: no
                         *choose(1), *choose(2), *choose(3), *choose(1), *choose(4),  # the client's answers
                         *choose(3),  # the worker's view of the quality of life
                         "tab", *choose(1)[:-1], "f2")  # no next date: closed as employed
        await until(pilot, lambda: services.follow_ups.detail(1).closed)
        follow_up = services.follow_ups.detail(1)
        assert follow_up.closed and follow_up.end_reason == "employed"
        [contact] = follow_up.contacts
        assert contact.reached and (contact.kykyviisari_before, contact.kykyviisari_after) == (True, False)
        assert contact.health_check == "done"
        assert sorted(contact.referrals) == [("health_check", "waiting"), ("kela", "reached")]
        assert answers(services) == [
            ("got_services", "client", "partly"), ("heard", "client", "yes"), ("quality_of_life", "client", "yes"),
            ("work_ability", "client", "no"), ("worker_model", "client", "cannot_say"),
            ("quality_of_life", "worker", "no")]
        await until(pilot, lambda: "A001" not in screen_text(app))
        assert "A002" in screen_text(app) and services.follow_ups.due(me.id, None)[0].visit_id == other
        await keys(pilot, "escape")
        await until(pilot, lambda: "Seurannat: 1 tänään" in screen_text(app))


async def test_bad_input_is_said_beside_the_field_and_nothing_is_lost(settings: Settings, clock: FakeClock) -> None:
    async with at_sign_in(settings, clock, size=(80, 24)) as (pilot, app, services):
        finished(services, kaisa(services), in_days=7)
        clock.advance(7 * DAY)
        await sign_in(pilot)
        await keys(pilot, "o", "enter")
        # Typed in one go: "yes" shows the rest of the form, and the Tabs count its fields.
        await type_ahead(pilot, *choose(1), *["tab"] * 8, *"31.2.2026", "enter")
        assert error_beside(app, "next_on") != ""
        assert app.screen.query_one("#field-next_on Input", Input).value == "31.2.2026"
        assert app.screen.query_one("#reached", Select).value == "yes"
        # Both a date and a closing: one or the other, said beside the date.
        await type_ahead(pilot, *["backspace"] * 9, *"1.12.2026", "tab", *choose(1)[:-1], "f2")
        assert "Anna seuraava seurantapäivä tai päätä" in error_beside(app, "next_on")
        assert services.follow_ups.detail(1).contacts == ()


async def test_not_reached_is_offered_only_after_the_profiles_attempts(
        settings: Settings, clock: FakeClock) -> None:
    async with at_sign_in(settings, clock, size=(80, 24)) as (pilot, app, services):
        me = kaisa(services)
        finished(services, me, in_days=7)
        clock.advance(7 * DAY)
        await sign_in(pilot)
        needed = app.profile.follow_up.attempts_before_not_reached
        assert needed == 3
        tomorrow = TODAY + timedelta(days=8)
        for attempt in range(needed - 1):
            await keys(pilot, "o", "enter")
            assert app.screen.query_one("#not-reached-note").display
            reasons = [str(label) for label, _value in app.screen.query_one("#end_reason", Select)._options]
            assert "ei tavoitettu" not in reasons
            # Not reached, next try tomorrow (typed back to back).
            await type_ahead(pilot, *choose(2), *typed_date(tomorrow), "enter")
            await until(pilot, lambda: isinstance(app.screen, FollowUpsScreen))
            assert services.follow_ups.detail(1).line.failed_attempts == attempt + 1
            await keys(pilot, "escape")
            clock.advance(DAY)
        await keys(pilot, "o")
        assert "2×" in screen_text(app)
        await keys(pilot, "enter")
        assert not app.screen.query("#not-reached-note")
        reasons = [value for _label, value in app.screen.query_one("#end_reason", Select)._options]
        assert reasons[-1] == NOT_REACHED
        await type_ahead(pilot, *choose(2), "tab", "enter", *["down"] * len(app.profile.follow_up.end_reasons),
                         "down", "enter", "f2")
        await until(pilot, lambda: isinstance(app.screen, FollowUpsScreen))
        assert services.follow_ups.detail(1).end_reason == NOT_REACHED


async def test_move_to_another_worker_is_audited(settings: Settings, clock: FakeClock) -> None:
    async with at_sign_in(settings, clock) as (pilot, app, services):
        me = kaisa(services)
        olli = add_worker(services, "olli", "Olli Esimerkki")
        finished(services, me, in_days=7)
        clock.advance(7 * DAY)
        await sign_in(pilot)
        await keys(pilot, "o", "t")
        assert isinstance(app.screen, MoveFollowUpDialog)
        await type_ahead(pilot, *["backspace"] * 10, *"1.1.2025", "enter")
        assert "menneisyydessä" in error_beside(app, "due_on")
        # Olli is first in the list (by name: Kaisa, Olli → Kaisa chosen now, Olli one down).
        await type_ahead(pilot, *["backspace"] * 8, *"3.12.2026", "tab", "enter", "down", "enter", "f2")
        await until(pilot, lambda: isinstance(app.screen, FollowUpsScreen))
        [line] = services.follow_ups.due(None, None)
        assert (line.staff_id, line.due_on) == (olli.id, date(2026, 12, 3))
        [moved] = services.audit.events(AuditQuery(action=AuditAction.FOLLOW_UP_MOVED))
        assert moved.username == "kaisa" and moved.ticket == "A001"
        assert "A001" not in screen_text(app)  # no longer mine


async def test_an_overdue_follow_up_moves_to_another_worker_keeping_its_date(
        settings: Settings, clock: FakeClock) -> None:
    async with at_sign_in(settings, clock) as (pilot, app, services):
        me = kaisa(services)
        olli = add_worker(services, "olli", "Olli Esimerkki")
        finished(services, me, in_days=7)
        clock.advance(9 * DAY)  # two days overdue
        await sign_in(pilot)
        await keys(pilot, "o", "t")
        assert app.screen.query_one("#field-due_on Input", Input).value == ""  # nothing to delete first
        await type_ahead(pilot, "tab", "enter", "down", "enter", "f2")
        await until(pilot, lambda: isinstance(app.screen, FollowUpsScreen))
        [line] = services.follow_ups.due(None, None)
        assert (line.staff_id, line.due_on) == (olli.id, TODAY + timedelta(days=7))


async def test_an_administrator_sees_everyones(settings: Settings, clock: FakeClock) -> None:
    async with at_sign_in(settings, clock) as (pilot, app, services):
        me = kaisa(services)
        add_admin(services)
        finished(services, me, in_days=0, name="Aino")
        await pilot.press(*"paula", "enter", *ADMIN_PIN, "enter")
        await until(pilot, lambda: app.worker_on_duty is not None)
        await keys(pilot, "o")
        assert "Aino" not in screen_text(app)
        await keys(pilot, "e")
        await until(pilot, lambda: "Aino" in screen_text(app))
        shown = screen_text(app)
        assert "Aino" in shown and "Kaisa Esimerkki" in shown and "Vastuutyöntekijä" in shown
