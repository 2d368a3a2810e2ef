"""Stepping out from the keys: `u` on the desk passes the client by at `c` (typed back to back),
the board shows the minutes left and then "time up" with one notice at the desk, `i` marks them
back in their place, `k` calls a stepped-out client (they came back), and the visit screen's keys."""

from __future__ import annotations

from forms.choices import VisitStatus
from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import FakeClock
from tests.tui.helpers import keys, notices, screen_text, signed_in, type_ahead, until, waiting_on_the_board
from tui.screens import DeskScreen, VisitScreen


async def test_step_out_then_call_next_takes_the_next_one_and_back_keeps_the_place(
        settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        aino = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
        clock.advance(1)
        eero = services.desk.admit(IntakeForm(call_name="Eero"), worker.id)
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        await until(pilot, lambda: desk.snapshot is not None and len(desk.snapshot.entries) == 2)
        assert desk.selected is not None and desk.selected.id == aino.id
        await type_ahead(pilot, "i", "u", "c")  # `i` greyed (not out), Aino steps out, c calls Eero
        assert isinstance(app.screen, VisitScreen) and app.screen.visit_id == eero.id
        assert services.desk.visit(aino.id).entry.stepped_out_until is not None
        assert "ei ole poistunut hetkeksi" not in notices(app)  # the early `i` was greyed, not refused
        await keys(pilot, "escape")
        await until(pilot, lambda: "poissa vielä 15 min" in screen_text(app))
        clock.advance(3)
        desk.refresh_queue()
        await until(pilot, lambda: "poissa vielä 12 min" in screen_text(app))
        assert desk.snapshot is not None and [e.id for e in desk.snapshot.entries] == [aino.id, eero.id]
        await type_ahead(pilot, "i", "c")  # back, and call next takes her first: her place was kept
        assert isinstance(app.screen, VisitScreen) and app.screen.visit_id == aino.id
        assert services.desk.visit(aino.id).entry.status is VisitStatus.CALLED


async def test_the_desk_is_told_once_when_the_time_is_up(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        aino = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
        services.desk.step_out(aino.id, worker.id)
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        await until(pilot, lambda: "poissa vielä 15 min" in screen_text(app))
        assert "aika loppui" not in notices(app)
        clock.advance(16)
        desk.refresh_queue()
        await until(pilot, lambda: "poissa, aika loppui" in screen_text(app))
        await until(pilot, lambda: notices(app).count("A001 Aino: poissaoloaika on lopussa") == 1)
        for _again in range(3):  # later readings of the board do not tell it again
            desk.refresh_queue()
            await pilot.pause(0.1)
        await until(pilot, lambda: desk.snapshot is not None)
        assert notices(app).count("A001 Aino: poissaoloaika on lopussa") == 1
        await keys(pilot, "c")  # call next takes her again, in her place
        assert isinstance(app.screen, VisitScreen) and app.screen.visit_id == aino.id


async def test_k_calls_a_stepped_out_client_and_the_visit_screens_keys(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        aino, eero = await waiting_on_the_board(pilot, services, "Aino", "Eero")
        worker, desk = services.staff.active_members()[0], app.screen
        assert isinstance(desk, DeskScreen)
        await keys(pilot, "enter")  # Aino's visit: out, then back, from its own keys
        assert isinstance(app.screen, VisitScreen)
        await type_ahead(pilot, "u")
        await until(pilot, lambda: "Poissa hetken: ⏸ poissa vielä 15 min" in screen_text(app))
        await type_ahead(pilot, "i", "escape")
        assert services.desk.visit(aino.id).entry.stepped_out_until is None
        services.desk.step_out(eero.id, worker.id)
        await until(pilot, lambda: "poissa vielä 15 min" in screen_text(app))
        await keys(pilot, "down")
        assert desk.selected is not None and desk.selected.id == eero.id
        await type_ahead(pilot, "k")  # came back and was called by hand: no longer out
        entry = services.desk.visit(eero.id).entry
        assert (entry.status, entry.stepped_out_until) == (VisitStatus.CALLED, None)
