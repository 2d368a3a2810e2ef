"""SVG snapshots of the key screens at 120×36 (desk, intake, triage in the high-contrast theme and
in Swedish too), on a fixed clock and fixed data.

Update with `make snapshot-update` only after looking at the report."""

from __future__ import annotations

from textual.pilot import Pilot

from forms.choices import Urgency
from forms.i18n import set_language
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


async def open_intake(pilot: Pilot[None]) -> None:
    await sign_in(pilot)
    await pilot.press("n")
    await settle(pilot)
    await pilot.press(*"Šimo")


async def answer_some(pilot: Pilot[None]) -> None:
    await sign_in(pilot)
    await pilot.press("down", "t")
    await settle(pilot)
    await pilot.press("n", "y", "?")


def test_intake_screen(snap_compare, settings: Settings, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    prepared(settings, clock).close()
    assert snap_compare(new_app(settings, clock), terminal_size=SIZE, run_before=open_intake)


def test_triage_screen(snap_compare, settings: Settings, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    with_queue(settings, clock)
    assert snap_compare(new_app(settings, clock), terminal_size=SIZE, run_before=answer_some)


def with_follow_ups(settings: Settings, clock: FakeClock) -> None:
    """Kaisa's follow-ups a week after the visits: one overdue, two due today (one without consent)."""
    from tests.tui.test_follow_ups import DAY, finished

    services = prepared(settings, clock)
    worker = services.staff.active_members()[0]
    finished(services, worker, in_days=5, name="Aino", referrals=("kela", "health_check"))
    finished(services, worker, in_days=7, name="Eero", consent=False)
    finished(services, worker, in_days=7, name="Venla", referrals=("typ",))
    services.close()
    clock.advance(7 * DAY)


def test_follow_up_list_80x24(snap_compare, settings: Settings, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    with_follow_ups(settings, clock)

    async def open_list(pilot: Pilot[None]) -> None:
        await sign_in(pilot)
        await pilot.press("o")
        await settle(pilot)

    assert snap_compare(new_app(settings, clock), terminal_size=(80, 24), run_before=open_list)


def test_follow_up_contact_form_80x24(snap_compare, settings: Settings, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    with_follow_ups(settings, clock)

    async def open_form(pilot: Pilot[None]) -> None:
        await sign_in(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter", "down", "enter", "tab", "enter", "down", "enter")
        await settle(pilot)

    assert snap_compare(new_app(settings, clock), terminal_size=(80, 24), run_before=open_form)


def high_contrast(settings: Settings) -> Settings:
    return settings.model_copy(update={"theme": "high_contrast"})


def test_desk_screen_high_contrast(snap_compare, settings: Settings, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    with_queue(settings, clock)
    assert snap_compare(new_app(high_contrast(settings), clock), terminal_size=SIZE, run_before=sign_in)


def test_intake_screen_high_contrast(snap_compare, settings: Settings, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    prepared(settings, clock).close()
    assert snap_compare(new_app(high_contrast(settings), clock), terminal_size=SIZE, run_before=open_intake)


def test_triage_screen_high_contrast(snap_compare, settings: Settings, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    with_queue(settings, clock)
    assert snap_compare(new_app(high_contrast(settings), clock), terminal_size=SIZE, run_before=answer_some)


def test_privacy_screen_80x24(snap_compare, settings: Settings, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    """The administrator's data-subject requests: a person found by phone, and the register."""
    from tests.tui.test_privacy_screen import find_by_phone, open_privacy, paula, visits

    services = prepared(settings, clock)
    paula(services)
    visits(services)
    services.close()

    async def found(pilot: Pilot[None]) -> None:
        await open_privacy(pilot)
        await find_by_phone(pilot, "040 000 0101")
        await settle(pilot)

    assert snap_compare(new_app(settings, clock), terminal_size=(80, 24), run_before=found)


def in_swedish(settings: Settings) -> Settings:
    """The desk set to Swedish (`language = "sv"`), applied as `walkin` applies its settings."""
    swedish = settings.model_copy(update={"language": "sv"})
    set_language(swedish.language)
    return swedish


def test_desk_screen_in_swedish(snap_compare, settings: Settings, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    with_queue(settings, clock)
    assert snap_compare(new_app(in_swedish(settings), clock), terminal_size=SIZE, run_before=sign_in)


def test_intake_screen_in_swedish(snap_compare, settings: Settings, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    prepared(settings, clock).close()
    assert snap_compare(new_app(in_swedish(settings), clock), terminal_size=SIZE, run_before=open_intake)


def test_triage_screen_in_swedish(snap_compare, settings: Settings, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    with_queue(settings, clock)
    assert snap_compare(new_app(in_swedish(settings), clock), terminal_size=SIZE, run_before=answer_some)


def with_busy_day(settings: Settings, clock: FakeClock) -> None:
    """The recorded day of tests/scenarios.py (five visits, three finished, handouts, two workers),
    read at four in the afternoon."""
    from datetime import datetime

    from forms.profile import load_profile
    from forms.timefmt import HELSINKI
    from storage.services import open_services
    from tests.conftest import add_worker
    from tests.scenarios import busy_day

    services = open_services(settings.database_url, load_profile(), clock=clock)
    busy_day(services, add_worker(services), clock)
    services.close()
    clock.now = datetime(2026, 11, 24, 16, 0, tzinfo=HELSINKI)


async def open_summary(pilot: Pilot[None]) -> None:
    await sign_in(pilot)
    await pilot.press("y")
    await settle(pilot)


def test_summary_screen_high_contrast_large_text_80x24(snap_compare, settings: Settings, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    """Its tables, at the smallest size with both views on: each row on a line of its own, the
    count beside its label, a long line's rest indented under it, nothing told by colour alone."""
    with_busy_day(settings, clock)
    larger = high_contrast(settings).model_copy(update={"large_text": True})

    async def to_the_tables(pilot: Pilot[None]) -> None:
        await open_summary(pilot)
        await pilot.press("pagedown")
        await settle(pilot)

    assert snap_compare(new_app(larger, clock), terminal_size=(80, 24), run_before=to_the_tables)


def test_summary_screen_high_contrast_120x36(snap_compare, settings: Settings, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    with_busy_day(settings, clock)
    assert snap_compare(new_app(high_contrast(settings), clock), terminal_size=SIZE, run_before=open_summary)
