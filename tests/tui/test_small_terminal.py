"""At 80 × 24 the way to help and to lock the desk is never cut off the footer."""

from __future__ import annotations

from forms.settings import Settings
from tests.conftest import FakeClock
from tests.tui.helpers import keys, screen_text, signed_in


async def test_help_and_lock_lead_the_footer_of_every_desk_screen(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock, size=(80, 24)) as (pilot, app, _services):
        for pressed in ((), ("n",), ("escape", "y")):
            await keys(pilot, *pressed)
            footer = screen_text(app).rstrip().splitlines()[-1]
            assert footer.startswith("f1 Ohje ^l Lukitse"), footer
