"""The waiting-room display reads right: Helsinki time, and no "no walk-in hours" while people wait."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from forms.intake import IntakeForm
from forms.profile import DEFAULT_PROFILE
from forms.settings import Settings
from forms.timefmt import HELSINKI
from storage.services import Services
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


def display_profile(tmp_path: Path, layout: str, languages: str = '["fi", "sv", "en"]') -> Path:
    profile = tmp_path / "profile.toml"
    profile.write_text(DEFAULT_PROFILE.read_text(encoding="utf-8").replace(
        'languages = ["fi", "sv", "en"]\nlayout = "side_by_side"\nturn_seconds = 8',
        f'languages = {languages}\nlayout = "{layout}"\nturn_seconds = 2'), encoding="utf-8")
    return profile


WORDS = {"fi": ("Nyt vuorossa", "Jonossa: 1", "Toistokutsu"), "sv": ("Nu ropas upp", "I kön: 1", "Nytt upprop"),
         "en": ("Now being called", "Waiting: 1", "Repeat call")}


def columns(display: DisplayApp, area: str) -> dict[str, str]:
    """The area's columns on the screen now, by language."""
    return {str(c.name): str(c.render()) for c in display.query(f"#{area} > Static") if c.display}


def one_called_again(settings: Settings, clock: FakeClock, profile: Path) -> tuple[Services, DisplayApp]:
    """One ticket called twice, one waiting, and the display of the profile."""
    settings = settings.model_copy(update={"profile": profile})
    services = prepared(settings, clock)
    kaisa = services.staff.find("kaisa")
    assert kaisa is not None
    aino = services.desk.admit(IntakeForm(call_name="Aino"), kaisa.id)
    services.desk.admit(IntakeForm(), kaisa.id)
    services.desk.call(aino.id, kaisa.id)
    services.desk.call_again(aino.id, kaisa.id)
    display = DisplayApp(settings, clock=clock)
    return services, display


async def test_side_by_side_each_language_has_a_column_of_its_own(settings: Settings, clock: FakeClock,
                                                                   tmp_path: Path) -> None:
    services, display = one_called_again(settings, clock, display_profile(tmp_path, "side_by_side"))
    async with display.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: "Jonossa: 1" in screen_text(display))
        assert columns(display, "now") == {lang: words[0] for lang, words in WORDS.items()}
        assert columns(display, "waiting") == {lang: words[1] for lang, words in WORDS.items()}
        [where] = [str(w.render()) for w in display.query(".calling .where")]
        # the ticket once, then "repeat call" once per language, each on a line of its own
        assert where.splitlines()[0].startswith("A001") and "·" not in where.splitlines()[0]
        assert where.splitlines()[1:] == [f"· {words[2]}" for words in WORDS.values()]
        hours = columns(display, "hours")
        assert hours["fi"].startswith("Avoin vastaanotto tänään:") and hours["sv"].startswith("Mottagning")
        assert hours["en"].startswith("Walk-in today:")
    services.close()


def in_one_language(shown: str, lang: str) -> bool:
    """All the words of `lang` on the screen, and nothing of the other languages."""
    return all(w in shown for w in WORDS[lang]) and not [
        w for other, ws in WORDS.items() if other != lang for w in ws if w in shown]


async def test_in_turn_the_whole_display_changes_language(settings: Settings, clock: FakeClock,
                                                          tmp_path: Path) -> None:
    services, display = one_called_again(settings, clock, display_profile(tmp_path, "in_turn"))
    async with display.run_test(size=(100, 30)) as pilot:
        seen = []
        for lang in ("fi", "sv", "en", "fi"):
            now, waiting, _repeat = WORDS[lang]
            await until(pilot, lambda: columns(display, "waiting") == {lang: waiting})  # noqa: B023
            assert columns(display, "now") == {lang: now}
            # The screen drawn after the change of language (a frame later than the widgets) is in
            # one language at a time, judged on one capture: its rows are drawn one after another.
            captures: list[str] = []
            await until(pilot, lambda: captures.append(screen_text(display)) or  # noqa: B023
                        in_one_language(captures[-1], lang))  # noqa: B023
            seen.append(lang)
        assert seen == ["fi", "sv", "en", "fi"]
    services.close()
