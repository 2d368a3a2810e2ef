"""The follow-ups at the desk: the counters, the list on `o` (mine due, later ones, everyone's for
an administrator), recording a contact typed back to back and closing the follow-up, moving one to
another worker, and "not reached" offered only after the profile's failed attempts."""

from __future__ import annotations

from datetime import date, timedelta

from forms.choices import ConsentKind, ConsentMethod
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.settings import Settings
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock, add_admin, add_worker
from tests.tui.helpers import at_sign_in, error_beside, keys, screen_text, sign_in, type_ahead, until
from tui.dialogs.follow_up_contact import ContactDialog
from tui.dialogs.follow_up_move import MoveFollowUpDialog
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
        shown = screen_text(app)
        assert "⚠ myöhässä" in shown and "tänään" in shown
        # Aino gave her consent to be contacted: name and phone; Eero did not: neither.
        assert "Aino" in shown and "+358 40 000 0101" in shown and "Eero" not in shown
        assert "Venla" not in shown and "Oskari" not in shown  # later, and another worker's
        await keys(pilot, "a")
        assert "Venla" in screen_text(app) and "Oskari" not in screen_text(app)
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
        assert "Ei tänään erääntyviä eikä myöhässä olevia seurantoja" in screen_text(app)
