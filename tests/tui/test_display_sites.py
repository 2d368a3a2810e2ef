"""A waiting-room display per walk-in site: `walkin display` shows its workstation's site, `--site`
another (an unknown one is refused with the list), with that site's name, calls and walk-in hours;
the served display too."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from forms.intake import IntakeForm
from forms.profile import load_profile
from forms.settings import Settings
from forms.timefmt import HELSINKI
from storage.services import open_services
from tests.conftest import FakeClock, add_worker
from tests.tui.helpers import prepared, screen_text, until
from tests.tui.test_display_served import CHROMIUM, READ_SCREEN, _shows, needs_chromium, serving
from tui.cli import display_site, main
from tui.cli_admin import BadOption
from tui.display_app import DisplayApp
from tui.display_serve import display_command

THURSDAY = datetime(2026, 11, 26, 9, 30, tzinfo=HELSINKI)
"""The village's walk-in hours are on Thursdays 9–10, the centre's on Tuesdays."""


async def test_each_site_has_its_own_display_with_its_calls_and_hours(settings: Settings, clock: FakeClock) -> None:
    clock.now = THURSDAY
    centre = prepared(settings, clock)
    village = open_services(settings.database_url, load_profile(), clock=clock, workstation="Huone 5",
                            site="kirkonkyla")
    olli = add_worker(village, "olli", "Olli Esimerkki")
    village.desk.admit(IntakeForm(), olli.id)
    village.desk.call_next(olli.id)
    centre.desk.admit(IntakeForm(), olli.id)
    for site, shown, other in (("kirkonkyla", ("K001", "Jonossa: 0"), "A001"), (None, ("Jonossa: 1",), "K001")):
        display = DisplayApp(settings, clock=clock, site=site)
        async with display.run_test(size=(160, 30)) as pilot:
            await until(pilot, lambda: all(s in screen_text(display) for s in shown))  # noqa: B023
            await pilot.pause()
            text = screen_text(display)
            header, hours = text.splitlines()[0], str(display.query_one("#hours Static").render())
            assert other not in text
            if site == "kirkonkyla":
                assert "Hyvinvointiasema Kirkonkylä" in header and "Huone 5" in text
                assert hours.startswith("Avoin vastaanotto tänään: 09.00–10.00 Hyvinvointiasema Kirkonkylä"), hours
            else:  # the workstation's own: the centre, closed on Thursdays
                assert "Hyvinvointiasema Keskusta" in header
                assert "Tänään ei ole avointa vastaanottoa" not in text, "people wait: the queue says it"
                assert "09.00" not in hours, "another site's hours are not this one's"
    village.close()
    centre.close()


def test_the_display_site_comes_from_the_option_or_the_workstation(
        settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert display_site("kirkonkyla", settings) == "kirkonkyla"
    assert display_site(None, settings) == "keskusta"
    with pytest.raises(BadOption, match="useita toimipisteitä"):
        display_site(None, settings.model_copy(update={"site": None}))
    assert main(["display", "--site", "satama"]) == 1
    err = capsys.readouterr().err
    assert "--site satama ei ole palveluprofiilin toimipiste" in err, err
    assert "keskusta (Hyvinvointiasema Keskusta), kirkonkyla (Hyvinvointiasema Kirkonkylä)" in err
    monkeypatch.setenv("WALKIN_SITE", "satama")
    assert main(["display"]) == 1
    assert 'site = "satama"' in capsys.readouterr().err
    assert display_command([], ["--site", "kirkonkyla"]).endswith(" display --site kirkonkyla")


@needs_chromium
def test_the_served_display_shows_the_site_asked_for(settings: Settings, clock: FakeClock, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extras")
    village = open_services(settings.database_url, load_profile(), workstation="Huone 5", site="kirkonkyla")
    olli = add_worker(village, "olli", "Olli Esimerkki")
    village.desk.admit(IntakeForm(), olli.id)
    village.desk.call_next(olli.id)
    with serving(tmp_path, "--site", "kirkonkyla") as address, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.add_init_script(READ_SCREEN)
            page.goto(address)
            screen = _shows(page, "Huone 5", 30)
            assert "Kirkonkylä" in screen and "K001" in screen, screen
        finally:
            browser.close()
    village.close()
