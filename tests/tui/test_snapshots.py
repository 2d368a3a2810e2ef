"""SVG snapshots of the key screens at 120×36, on a fixed clock and fixed data.

Update with `make snapshot-update` only after looking at the report."""

from __future__ import annotations

from textual.pilot import Pilot

from forms.choices import Urgency
from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import FakeClock
from tests.tui.helpers import new_app, prepared, settle, sign_in

SIZE = (120, 36)


def with_queue(settings: Settings, clock: FakeClock) -> None:
    services = prepared(settings, clock)
    worker = services.staff.active_members()[0]
    desk = services.desk
    aino = desk.admit(IntakeForm(call_name="Aino", language="sv"), worker.id)
    desk.record_triage(aino.id, {"acute_today": "yes"}, Urgency.ACUTE, ["acute"], worker.id)
    clock.advance(4)
    desk.admit(IntakeForm(), worker.id)
    clock.advance(6)
    eelis = desk.admit(IntakeForm(call_name="Eelis"), worker.id)
    desk.record_triage(eelis.id, {"income_housing": "yes"}, Urgency.SOON, ["income_housing"], worker.id)
    clock.advance(9)
    services.close()


def test_desk_screen(snap_compare, settings: Settings, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    with_queue(settings, clock)
    assert snap_compare(new_app(settings, clock), terminal_size=SIZE, run_before=sign_in)


def test_intake_screen(snap_compare, settings: Settings, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    prepared(settings, clock).close()

    async def open_intake(pilot: Pilot[None]) -> None:
        await sign_in(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Šimo")

    assert snap_compare(new_app(settings, clock), terminal_size=SIZE, run_before=open_intake)


def test_triage_screen(snap_compare, settings: Settings, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    with_queue(settings, clock)

    async def answer_some(pilot: Pilot[None]) -> None:
        await sign_in(pilot)
        await pilot.press("down", "t")
        await settle(pilot)
        await pilot.press("n", "y", "?")

    assert snap_compare(new_app(settings, clock), terminal_size=SIZE, run_before=answer_some)
