"""At the desk: an acute visit triaged at another desk alerts here at once, with the bell, until
it is called; the lock screen says only that someone acute waits; the board marks long waits and
raised visits with a symbol and a word, and the counters count them."""

from __future__ import annotations

import time

from forms.choices import Urgency
from forms.intake import IntakeForm
from forms.profile import load_profile
from forms.settings import Settings
from storage.services import Services, open_services
from storage.views import StaffMember
from tests.conftest import FakeClock
from tests.tui.helpers import prepared, screen_text, settle, sign_in, until
from tests.tui.test_live import on
from tui.app import WalkinApp
from tui.screens.lock import LockScreen
from tui.widgets import AcuteBanner, DayCountersBar


def desk_with_bell(settings: Settings, clock: FakeClock) -> tuple[Services, StaffMember, WalkinApp, list[float]]:
    """kaisa's database, and the app whose bell is counted (when it rang) instead of rung."""
    services = prepared(settings, clock)
    kaisa = services.staff.find("kaisa")
    assert kaisa is not None
    app = WalkinApp(settings, clock=clock)
    bells: list[float] = []
    app.bell = lambda: bells.append(time.monotonic())  # type: ignore[method-assign]
    return services, kaisa, app, bells


async def test_an_acute_triage_at_another_desk_alerts_here_until_called(
        db_url: str, settings: Settings, clock: FakeClock) -> None:
    settings = on(settings, db_url)
    services, kaisa, app, bells = desk_with_bell(settings, clock)
    other_desk = open_services(db_url, load_profile(), clock=clock, workstation="desk-2")
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await sign_in(pilot)
            banner = app.screen.query_one(AcuteBanner)
            assert not banner.display and bells == []
            visit = other_desk.desk.admit(IntakeForm(call_name="Venla"), kaisa.id).id
            clock.advance(3)
            started = time.monotonic()
            other_desk.desk.record_triage(visit, {"acute_today": "yes"}, Urgency.ACUTE, ["acute"], kaisa.id)
            await until(pilot, lambda: banner.display)
            assert time.monotonic() - started < 2.0
            await pilot.pause()
            assert "!! AKUUTTI ASIAKAS ODOTTAA: A001 Venla 3 min — kutsu seuraava: c" in screen_text(app)
            assert len(bells) == 1
            # another change to the queue: the alert stays, the bell does not ring again
            other_desk.desk.admit(IntakeForm(), kaisa.id)
            await until(pilot, lambda: len(app.acute_alerts) == 1 and app.screen.snapshot is not None
                        and len(app.screen.snapshot.entries) == 2)  # type: ignore[attr-defined]
            assert banner.display and len(bells) == 1
            other_desk.desk.call_next(kaisa.id)  # the acute one is first
            await until(pilot, lambda: not banner.display)
            await settle(pilot)
    finally:
        other_desk.close()
        services.close()


async def test_the_locked_desk_says_an_acute_client_waits_without_name_or_ticket(
        settings: Settings, clock: FakeClock) -> None:
    services, kaisa, app, bells = desk_with_bell(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
        await pilot.press("ctrl+l")
        await until(pilot, lambda: isinstance(app.screen, LockScreen))
        visit = services.desk.admit(IntakeForm(call_name="Venla"), kaisa.id).id
        services.desk.record_triage(visit, {"acute_today": "yes"}, Urgency.ACUTE, ["acute"], kaisa.id)
        alert = app.screen.query_one("#lock-acute")
        await until(pilot, lambda: alert.display)
        # Judged on the screen as drawn: the alert shows a frame after it is set to.
        await until(pilot, lambda: "Akuutti asiakas odottaa." in screen_text(app))
        shown = screen_text(app)
        assert "Venla" not in shown and "A001" not in shown
        assert len(bells) == 1
    services.close()


async def test_the_board_marks_long_waits_and_raised_visits_and_counts_them(
        settings: Settings, clock: FakeClock) -> None:
    services, kaisa, app, _bells = desk_with_bell(settings, clock)
    services.desk.admit(IntakeForm(call_name="Aino"), kaisa.id)
    clock.advance(100)
    soon = services.desk.admit(IntakeForm(call_name="Eelis"), kaisa.id).id
    services.desk.record_triage(soon, {}, Urgency.SOON, [], kaisa.id)
    clock.advance(30)  # Aino 130 min (normal, 120), Eelis 30 min (soon, 30: not yet past)
    async with app.run_test(size=(160, 36)) as pilot:
        await sign_in(pilot)
        shown = screen_text(app)
        lines = [line for line in shown.splitlines() if "A001" in line or "A002" in line]
        assert "Aino" in lines[0] and "Eelis" in lines[1]  # Aino raised above the soon one
        assert "↑ nostettu: odottanut 130 min" in lines[0] and "⏰ yli rajan" in lines[0]
        assert "nostettu" not in lines[1] and "⏰" not in lines[1]
        assert "⏰ Odotusraja ylitetty 1" in str(app.screen.query_one(DayCountersBar).render())
    services.close()
