"""Warm handover at the desk: from the visit screen (a colleague chosen, a reason required,
errors beside the fields), and at the colleague's desk, a handover made at another desk shows
within 2 s with the bell, and their call next takes it first."""

from __future__ import annotations

import time

from forms.handover import HandoverRequest
from forms.intake import IntakeForm
from forms.profile import load_profile
from forms.settings import Settings
from storage.services import open_services
from tests.conftest import FakeClock, add_worker
from tests.tui.helpers import at_sign_in, error_beside, keys, screen_text, sign_in, signed_in, type_ahead, until
from tests.tui.test_live import on
from tui.screens.visit import VisitScreen
from tui.widgets import HandoverBanner


async def test_a_handover_at_another_desk_shows_in_the_colleagues_queue(
        db_url: str, settings: Settings, clock: FakeClock) -> None:
    settings = on(settings, db_url)
    async with at_sign_in(settings, clock) as (pilot, app, services):
        olli = add_worker(services, "olli", "Olli Esimerkki")
        kaisa = services.staff.find("kaisa")
        assert kaisa is not None
        services.desk.admit(IntakeForm(call_name="Aino"), kaisa.id)  # waiting longer
        bells: list[None] = []
        app.bell = lambda: bells.append(None)  # type: ignore[method-assign]
        await sign_in(pilot, "olli")
        assert not app.screen.query_one(HandoverBanner).display
        other_desk = open_services(db_url, load_profile(), clock=clock, workstation="desk-2")
        visit = other_desk.desk.admit(IntakeForm(call_name="Venla"), kaisa.id).id
        other_desk.desk.call(visit, kaisa.id)
        started = time.monotonic()
        other_desk.desk.hand_over(visit, HandoverRequest(to_staff_id=olli.id, reason="Tarvitsee koordinaattorin"),
                                  kaisa.id)
        await until(pilot, lambda: "MINULLE OHJATUT (1)" in screen_text(app))
        assert time.monotonic() - started < 2.0
        shown = screen_text(app)
        assert "A002 Venla" in shown and "Kaisa Esimerkki" in shown and "Tarvitsee koordinaattorin" in shown
        assert bells == [None]
        # Keys back to back: call next takes Olli's own handover before Aino, who came first.
        await type_ahead(pilot, "c", "escape")
        await until(pilot, lambda: not app.screen.query_one(HandoverBanner).display)
        detail = services.desk.visit(visit)
        assert detail.entry.status.value == "called" and detail.entry.called_by == "Olli Esimerkki"
        assert [(h.to_name, h.taken_by) for h in detail.handovers] == [("Olli Esimerkki", "Olli Esimerkki")]
        assert bells == [None]
        other_desk.close()


async def test_hand_over_from_the_visit_screen(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        add_worker(services, "olli", "Olli Esimerkki")
        kaisa = services.staff.find("kaisa")
        assert kaisa is not None
        services.desk.admit(IntakeForm(call_name="Aino"), kaisa.id)
        await keys(pilot, "c")
        assert isinstance(app.screen, VisitScreen)
        await keys(pilot, "h", "f2")
        assert "Valitse työkaveri" in error_beside(app, "to_staff_id")
        # The colleague chosen, Tab on to the reason (as in the finish form), typed at once.
        await type_ahead(pilot, "enter", "down", "enter", "tab", *("x" * 201), "enter")
        # 201 keys wait in the field's own queue after the app is idle: the check waits for them.
        await until(pilot, lambda: "200" in error_beside(app, "reason"))
        assert error_beside(app, "to_staff_id") == ""
        await keys(pilot, *(["backspace"] * 201))
        await type_ahead(pilot, *"Koordinaattorille", "enter")
        await until(pilot, lambda: isinstance(app.screen, VisitScreen) and "Siirrot" in screen_text(app))
        shown = screen_text(app)
        assert "Kaisa Esimerkki → Olli Esimerkki: Koordinaattorille" in shown
        [entry] = services.desk.snapshot().entries
        assert entry.status.value == "waiting" and entry.handed_to_id is not None
