"""The waiting-room display reads right: Helsinki time, and no "no walk-in hours" while people wait."""

from __future__ import annotations

from datetime import UTC, datetime

from forms.intake import IntakeForm
from forms.settings import Settings
from forms.timefmt import HELSINKI
from tests.conftest import FakeClock
from tests.tui.helpers import prepared, screen_text, until
from tui.display_app import DisplayApp

NO_HOURS = "Tänään ei ole avointa vastaanottoa"


async def test_the_display_clock_shows_helsinki_time(settings: Settings, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 24, 4, 7, tzinfo=UTC)
    services = prepared(settings, clock)
    display = DisplayApp(settings, clock=clock)
    async with display.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "Jonossa: 0" in screen_text(display))
        header = screen_text(display).splitlines()[0]
        assert header.rstrip().endswith("06.07"), header  # 04.07 UTC, whatever the machine's zone
    services.close()


async def test_no_hours_today_is_said_only_when_nobody_waits(settings: Settings, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 25, 9, 30, tzinfo=HELSINKI)  # a Wednesday: no walk-in hours
    services = prepared(settings, clock)
    display = DisplayApp(settings, clock=clock)
    async with display.run_test(size=(160, 30)) as pilot:  # wide enough for the sentence in a column
        await until(pilot, lambda: "Jonossa: 0" in screen_text(display))
        await until(pilot, lambda: NO_HOURS in screen_text(display))
        kaisa = services.staff.find("kaisa")
        assert kaisa is not None
        services.desk.admit(IntakeForm(call_name="Aino"), kaisa.id)
        await until(pilot, lambda: "Jonossa: 1" in screen_text(display))
        await until(pilot, lambda: NO_HOURS not in screen_text(display))
    services.close()


async def test_a_repeat_call_comes_first_marked_flashing_with_the_bell(settings: Settings, clock: FakeClock) -> None:
    from tui.display_app import FLASH_SECONDS

    services = prepared(settings, clock)
    kaisa = services.staff.find("kaisa")
    assert kaisa is not None
    aino = services.desk.admit(IntakeForm(call_name="Aino"), kaisa.id)
    eero = services.desk.admit(IntakeForm(call_name="Eero"), kaisa.id)
    services.desk.call(aino.id, kaisa.id)
    clock.advance(1)
    services.desk.call(eero.id, kaisa.id)
    display = DisplayApp(settings, clock=clock)
    bells: list[None] = []
    display.bell = lambda: bells.append(None)  # type: ignore[method-assign]
    async with display.run_test(size=(100, 30)) as pilot:
        def tickets(rows: str = ".calling") -> list[str]:
            return [str(where.render()) for where in display.query(f"{rows} .where")]

        await until(pilot, lambda: len(tickets()) == 2)
        assert tickets()[0].startswith("A002") and "Toistokutsu" not in screen_text(display)
        assert bells == [] and not display.query(".flash")
        clock.advance(1)
        services.desk.call_again(aino.id, kaisa.id)
        await until(pilot, lambda: [t[:4] for t in tickets()] == ["A001", "A002"])
        assert "Toistokutsu" in tickets()[0] and "Toistokutsu" not in tickets()[1]
        assert len(bells) == 1
        assert [t[:4] for t in tickets(".calling.flash")] == ["A001"]
        await pilot.pause(FLASH_SECONDS + 0.5)
        assert not display.query(".flash")  # a short flash, then calm
        assert tickets()[0].startswith("A001") and len(bells) == 1  # nothing new: no second bell
        services.desk.call_again(aino.id, kaisa.id)  # and again: rings again
        await until(pilot, lambda: len(bells) == 2)
    services.close()
