"""The summary screen of a period shows "Fair triage": the group that waits clearly longer first,
then every group a line; the summary of a single day has no such section."""

from __future__ import annotations

from datetime import datetime

from forms.profile import load_profile
from forms.settings import Settings
from forms.timefmt import HELSINKI
from storage.services import open_services
from tests.conftest import FakeClock, add_worker
from tests.scenarios import fair_day
from tests.tui.helpers import keys, signed_in, summary_text, until
from tui.screens import SummaryScreen


async def test_the_month_shows_the_flagged_group_first(settings: Settings, clock: FakeClock) -> None:
    services = open_services(settings.database_url, load_profile(), clock=clock)
    fair_day(services, add_worker(services), clock)
    services.close()
    clock.now = datetime(2026, 11, 30, 16, 0, tzinfo=HELSINKI)
    # wide enough that no line of the section wraps (a narrower screen wraps them, indented)
    async with signed_in(settings, clock, size=(200, 40), prepare=False) as (pilot, app, _services):
        await keys(pilot, "y")
        assert isinstance(app.screen, SummaryScreen)

        def body() -> str:
            return summary_text(app)

        await until(pilot, lambda: "Yhteenveto 30.11.2026" in body())
        assert "Tasapuolisuus jonossa ja arviossa" not in body()  # a single day: no section
        await keys(pilot, "m")
        # the section says it is being counted until its figures land (after the summary's own)
        await until(pilot, lambda: "Ryhmä merkitään" in body())
        lines = [line.strip() for line in body().splitlines()]
        start = lines.index("Tasapuolisuus jonossa ja arviossa")
        section = lines[start:]
        assert section[1].startswith("Ryhmä merkitään, kun sillä on saman kiireellisyyden sisällä vähintään 20")
        assert section[2] == ("⚠ Selvästi pidemmät odotukset: Kieli: ruotsi, tavallinen: 20 odotusta, mediaani 30 "
                              "min; muut 59, mediaani 10 min")
        # then the full table, a line a group, the flagged one marked where it stands
        assert ("Kieli: englanti, tavallinen: 19 odotusta, mediaani 40 min; muut 60, mediaani 10 min"
                in section)
        assert ("Kieli: ruotsi, tavallinen: 20 odotusta, mediaani 30 min; muut 59, mediaani 10 min — selvästi "
                "pidempi" in section)
        assert any(line.startswith("mikään sääntö ei täyttynyt: täyttyi 1") for line in section)
