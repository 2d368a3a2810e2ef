"""Away from the desk from the keys: `w`, a reason and Enter mark the worker away (the desk says
so plainly), `c` typed straight after ends it and calls; `w` again is back; locking keeps the
away, signing out ends it; another worker away shows at this desk and leaves the counters."""

from __future__ import annotations

from forms.away import AwayChoice
from forms.choices import AwayReason
from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import PIN, FakeClock, add_worker
from tests.tui.helpers import keys, screen_text, settle, signed_in, type_ahead, until
from tui.dialogs.away import AwayDialog
from tui.screens import DeskScreen, VisitScreen
from tui.screens.lock import LockScreen
from tui.screens.sign_in import SignInScreen


async def test_away_then_call_next_typed_together_ends_it_and_calls(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        aino = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
        await until(pilot, lambda: "A001" in screen_text(app))
        await keys(pilot, "w")
        assert isinstance(app.screen, AwayDialog)
        await keys(pilot, "enter")  # the first reason, lunch
        await until(pilot, lambda: "Poissa: lounas, klo 10.00 alkaen" in screen_text(app))
        assert services.away.current(worker.id) is not None
        await keys(pilot, "w")  # back
        await until(pilot, lambda: "Poissa" not in screen_text(app))
        clock.advance(30)
        await type_ahead(pilot, "w", "down", "down", "enter", "c")  # away (a phone call), then call next
        await until(pilot, lambda: isinstance(app.screen, VisitScreen))
        await settle(pilot)
        assert services.away.current(worker.id) is None
        assert services.desk.visit(aino.id).entry.status.value == "called"
        trail = [e.action.value for e in reversed(services.audit.events(_all())) if e.action.value != "view"]
        assert trail[-5:] == ["away", "back", "away", "call", "back"]


async def test_w_is_back_locking_keeps_away_and_signing_out_ends_it(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        await keys(pilot, "w", "down", "enter")
        await until(pilot, lambda: "Poissa: tauko" in screen_text(app))
        await keys(pilot, "w")  # back
        await until(pilot, lambda: "Poissa" not in screen_text(app))
        assert services.away.current(worker.id) is None
        await keys(pilot, "w", "tab", *"kahvi", "enter")  # lunch, with a note
        await until(pilot, lambda: "Poissa: lounas: kahvi" in screen_text(app))
        await keys(pilot, "ctrl+l")
        assert isinstance(app.screen, LockScreen) and "kahvi" not in screen_text(app)
        assert services.away.current(worker.id) is not None  # locked: still away
        await pilot.press(*PIN, "enter")
        await settle(pilot)
        assert isinstance(app.screen, DeskScreen) and "Poissa: lounas" in screen_text(app)
        await keys(pilot, "x")
        await until(pilot, lambda: isinstance(app.screen, SignInScreen) or services.away.current(worker.id) is None)
        await settle(pilot)
        assert services.away.current(worker.id) is None


async def test_a_colleague_away_shows_here_and_leaves_the_counters(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        await until(pilot, lambda: "Työntekijöitä 1" in screen_text(app))
        olli = add_worker(services, "olli", "Olli Testinen")
        _member, theirs = services.staff.sign_in("olli", PIN, "desk-2")
        app.screen.post_message(_changed())
        await until(pilot, lambda: "Työntekijöitä 2" in screen_text(app))
        services.away.start(olli.id, theirs, AwayChoice(reason=AwayReason.MEETING))
        app.screen.post_message(_changed())
        await until(pilot, lambda: "Poissa: Olli Testinen (kokous muualla, klo 10.00 alkaen)" in screen_text(app))
        assert "Työntekijöitä 1" in screen_text(app)


def _changed() -> object:
    from tui.messages import QueueChanged

    return QueueChanged()


def _all() -> object:
    from forms.audit_query import AuditQuery

    return AuditQuery()
