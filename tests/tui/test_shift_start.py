"""A sign-in reads everything the desk opens with in its own database step (workflows.shift): the
board, the acute alert, the visits handed to the worker, their follow-ups due and their unfinished
intake, all there as the desk first shows (issue 19: read one by one, each drew the desk again)."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from forms.choices import Urgency
from forms.handover import HandoverRequest
from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import PIN, FakeClock, add_worker
from tests.tui.helpers import at_sign_in, database_steps, prepared, settle, until
from tests.tui.test_follow_ups import finished, kaisa
from tui.screens import DeskScreen, IntakeScreen
from tui.widgets import AcuteBanner, DayCountersBar, HandoverBanner, QueueBoard


async def test_the_desk_opens_with_what_the_sign_in_read_in_one_step(settings: Settings, clock: FakeClock) -> None:
    # All made before the app starts: the queue's watcher has no change of another desk to pass on.
    services = prepared(settings, clock)
    me, olli = kaisa(services), add_worker(services, "olli", "Olli Esimerkki")
    finished(services, me, in_days=0, name="Eero")  # her follow-up due today
    acute = services.desk.admit(IntakeForm(call_name="Aino"), olli.id)
    services.desk.record_triage(acute.id, {"acute_today": "yes"}, Urgency.ACUTE, ["acute"], olli.id)
    handed = services.desk.admit(IntakeForm(call_name="Venla"), olli.id)
    services.desk.call(handed.id, olli.id)
    services.desk.hand_over(handed.id, HandoverRequest(to_staff_id=me.id, reason="Koordinaattorille"), olli.id)
    assert services.drafts.save(me.id, "intake", {"call_name": "Oskari"})
    services.close()
    async with at_sign_in(settings, clock, prepare=False) as (pilot, app, _services):
        steps = database_steps(app)
        await pilot.press(*"kaisa", "enter", *PIN, "enter")
        await until(pilot, lambda: app.worker_on_duty is not None)
        await settle(pilot)
        # The sign-in's own step, and nothing read after it (the restored intake may save its draft).
        assert [step for step in steps if "_save_draft" not in step] == ["SignInScreen._checked.<locals>.sign_in"]
        assert isinstance(app.screen, IntakeScreen)  # her intake restored over the desk
        assert app.screen.query_one("#field-call_name Input", Input).value == "Oskari"
        desk = app.screen_stack[-2]
        assert isinstance(desk, DeskScreen)
        assert desk.query_one(QueueBoard).row_count == 2
        assert [e.ticket for e in app.acute_alerts] == [acute.ticket] and desk.query_one(AcuteBanner).display
        assert [h.entry.id for h in app.handovers_to_me] == [handed.id] and desk.query_one(HandoverBanner).display
        follow_ups = desk.query_one(DayCountersBar).follow_ups
        assert follow_ups is not None and follow_ups.today == 1


async def test_signing_in_again_lays_the_kept_desk_out_once(settings: Settings, clock: FakeClock) -> None:
    """The desk kept since the last sign-out shows the next worker's board and counters in its
    first frame, laid out once: hidden as the sign-in lands and shown as the desk resumes, each
    widget asked for a layout of its own a frame after that (and the PIN, cleared only as the
    sign-in screen went under the desk, for two frames more)."""
    services = prepared(settings, clock)
    me = kaisa(services)
    finished(services, me, in_days=0, name="Eero")
    for name in ("Aino", "Venla"):
        services.desk.admit(IntakeForm(call_name=name), me.id)
    services.close()
    async with at_sign_in(settings, clock, prepare=False) as (pilot, app, _services):
        await pilot.press(*"kaisa", "enter", *PIN, "enter")
        await until(pilot, lambda: isinstance(app.screen, DeskScreen))
        await settle(pilot)
        desk = app.screen
        await pilot.press("x")  # the last one out: the day's summary, then the sign-in
        await settle(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: app.worker_on_duty is None and not isinstance(app.screen, DeskScreen))
        await settle(pilot)
        sign_in_screen = app.screen
        layouts: list[tuple[str, str]] = []
        """Each layout asked for: the widget, and the screen on show then."""
        for widget in (desk.query_one(DayCountersBar), desk.query_one(QueueBoard),
                       sign_in_screen.query_one("#pin", Input)):
            def asked(*regions: Any, refresh: Any = widget.refresh, name: str = type(widget).__name__,
                      **kwargs: Any) -> Any:
                if kwargs.get("layout"):
                    layouts.append((name, type(app.screen).__name__))
                return refresh(*regions, **kwargs)

            widget.refresh = asked  # type: ignore[method-assign]
        await pilot.press(*"kaisa", "enter", *PIN)
        await settle(pilot)
        layouts.clear()  # the PIN typed
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is desk)
        pin_when_desk_showed = sign_in_screen.query_one("#pin", Input).value
        await settle(pilot)
        assert pin_when_desk_showed == ""
        assert layouts == [("Input", "SignInScreen")]  # the PIN leaving its field as the check starts
        assert desk.query_one(QueueBoard).row_count == 2 and desk.query_one(QueueBoard).display
        counters = desk.query_one(DayCountersBar)
        assert counters.follow_ups is not None and counters.follow_ups.today == 1
        assert str(counters.content).startswith("Odottaa 2  Tapaamisessa 0  Valmiit 1")
        assert str(counters.content).endswith("Työntekijöitä 1  Seurannat: 1 tänään")
