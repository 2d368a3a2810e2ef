"""Calling again and "did not show" from the keys: `a` on the visit screen and the desk, `d` live
only after the profile's number of calls, `b` undoing it, today's list showing the status."""

from __future__ import annotations

from forms.choices import VisitStatus
from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import FakeClock
from tests.tui.helpers import keys, notices, screen_text, signed_in, type_ahead, until
from tui.screens import DeskScreen, TodayScreen, VisitScreen


async def test_call_call_again_twice_and_did_not_show_back_to_back(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        aino = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
        services.desk.admit(IntakeForm(call_name="Eero"), worker.id)
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        await until(pilot, lambda: desk.snapshot is not None and len(desk.snapshot.entries) == 2)
        # `d` after one call is greyed out: nothing happens; then two calls again and `d` counts
        await type_ahead(pilot, "c", "d", "a", "a", "d")
        detail = services.desk.visit(aino.id)
        assert (detail.entry.status, detail.entry.calls) == (VisitStatus.NO_SHOW, 3)
        assert "A001 ei saapunut" in notices(app)
        assert "voidaan kirjata vasta" not in notices(app)  # the early `d` was greyed, not refused
        assert isinstance(app.screen, VisitScreen)
        await keys(pilot, "b")  # came after all: back in the queue, in its place
        assert services.desk.visit(aino.id).entry.status is VisitStatus.WAITING
        assert services.desk.snapshot().entries[0].id == aino.id


async def test_call_again_from_the_desk_and_the_status_in_todays_list(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        aino = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
        services.desk.call(aino.id, worker.id)
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        await until(pilot, lambda: desk.snapshot is not None and [e.calls for e in desk.snapshot.entries] == [1])
        await type_ahead(pilot, "a", "a", "d")  # the board's chosen row: Aino, called
        assert isinstance(app.screen, DeskScreen)
        assert services.desk.visit(aino.id).entry.status is VisitStatus.NO_SHOW
        await until(pilot, lambda: "Ei saapunut 1" in screen_text(app))  # the day's counters
        await keys(pilot, "v")
        assert isinstance(app.screen, TodayScreen)
        await until(pilot, lambda: "ei saapunut (3×)" in screen_text(app))
