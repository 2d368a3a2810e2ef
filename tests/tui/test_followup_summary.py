"""The summary screen shows the follow-ups: the state now, the period's line, the reasons the
services ended and the tables of referrals and answers, labelled from the profile."""

from __future__ import annotations

from datetime import datetime

from forms.profile import load_profile
from forms.settings import Settings
from forms.timefmt import HELSINKI
from storage.services import open_services
from tests.conftest import FakeClock, add_worker
from tests.followup_rows import follow_up_rows
from tests.tui.helpers import keys, screen_text, signed_in, summary_text
from tui.screens import SummaryScreen


async def test_the_summary_screen_shows_the_follow_ups(settings: Settings, clock: FakeClock) -> None:
    services = open_services(settings.database_url, load_profile(), clock=clock)
    follow_up_rows(services, add_worker(services), clock)
    services.close()
    clock.now = datetime(2026, 11, 20, 15, 0, tzinfo=HELSINKI)
    async with signed_in(settings, clock, prepare=False) as (pilot, app, _services):
        await keys(pilot, "y")
        assert isinstance(app.screen, SummaryScreen)
        body = summary_text(app)
        part = body[body.index("Seurannat"):body.index("Tulostetut materiaalit")].splitlines()
        assert part[:3] == ["Seurannat", "  Nyt (20.11.2026 klo 15.00): avoinna 3, tänään 0, myöhässä 0",
                            "  Jaksolla: asetettu 1, yhteydenottoja 1 (asiakas tavoitettiin 1, ei tavoitettu 0), "
                            "päätetty 1"]
        assert "Päätetyt: miksi palvelu päättyi" in part and any(line.startswith("  Työllistyi ") for line in part)
        table = part[part.index("Ohjaukset: pääsikö asiakas palveluun") + 1:][:2]
        assert table[0].split() == ["pääsi", "palveluun", "odottaa", "ei", "mennyt", "en", "tiedä"]
        assert table[1].split() == ["Työttömien", "terveystarkastus", "1", "0", "0", "0"]
        answers = part[part.index("Asiakkaiden vastaukset") + 1:][:3]
        assert [line.split()[-4:] for line in answers[1:]] == [["0", "0", "1", "0"], ["1", "0", "0", "0"]]
        await keys(pilot, "pagedown", "pagedown")   # drawn, scrolled to
        assert "Asiakkaiden vastaukset" in screen_text(app)
