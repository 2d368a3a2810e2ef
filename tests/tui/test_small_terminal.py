"""At 80 × 24 nothing the worker needs is cut off or covered: help and lock lead the footer, form
labels and list options wrap instead of being cut, a long name leaves the board's other columns in
view, notifications keep off the field being typed in, and a field's error shows beside it."""

from __future__ import annotations

import re

import pytest
from textual.geometry import Region
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Input, Label, SelectionList
from textual.widgets._toast import Toast

from forms.choices import Urgency
from forms.i18n import set_language
from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import FakeClock, add_worker
from tests.tui.helpers import keys, screen_text, settle, signed_in, until
from tui.dialogs import FinishDialog
from tui.screens import IntakeScreen
from tui.widgets import QueueBoard
from tui.widgets.form_field import FormField

SMALL = (80, 24)
LONG_NAME = "Aleksandra-Johanna Virtanen-Korhonen"


def _words(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _drawn(widget: Widget) -> str:
    """Everything the widget draws in its region on screen, as one string."""
    width, height = widget.size
    return "".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


def cut_texts(root: Widget) -> list[str]:
    """Form labels and list options whose whole text is not drawn (cut, or ended with "…")."""
    cut = [str(label.render()) for label in root.query(".field-label").results(Label)
           if _words(str(label.render())) not in _words(_drawn(label))
           or not label.parent.content_region.contains_region(label.region)]  # type: ignore[union-attr]
    for choices in root.query(SelectionList):
        for option in choices.options:
            drawn = "".join(strip.text for strip in choices._get_option_render(option, Style()))
            if _words(str(option.prompt)) not in _words(drawn):
                cut.append(str(option.prompt))
    return cut


async def test_help_and_lock_lead_the_footer_of_every_desk_screen(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock, size=SMALL) as (pilot, app, _services):
        for pressed in ((), ("n",), ("escape", "y")):
            await keys(pilot, *pressed)
            footer = screen_text(app).rstrip().splitlines()[-1]
            assert footer.startswith("f1 Ohje ^l Lukitse"), footer


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
async def test_labels_and_options_of_the_forms_wrap_instead_of_being_cut(
        settings: Settings, clock: FakeClock, language: str) -> None:
    set_language(language)
    async with signed_in(settings, clock, size=SMALL) as (pilot, app, services):
        services.desk.admit(IntakeForm(), services.staff.active_members()[0].id)
        await keys(pilot, "n")
        assert isinstance(app.screen, IntakeScreen)
        assert cut_texts(app.screen) == []
        await keys(pilot, "escape", "c", "f")
        assert isinstance(app.screen, FinishDialog)
        assert cut_texts(app.screen) == []


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
async def test_a_long_name_leaves_the_triage_column_on_the_board(
        settings: Settings, clock: FakeClock, language: str) -> None:
    set_language(language)
    async with signed_in(settings, clock, size=SMALL) as (pilot, app, services):
        worker = services.staff.active_members()[0].id
        called = services.desk.admit(IntakeForm(call_name="Ilmari"), worker)
        services.desk.record_triage(called.id, {"income_housing": "yes"}, Urgency.SOON, ["income_housing"], worker)
        olli = add_worker(services, "olli", "Olli Testinen").id
        services.desk.call(called.id, olli)
        services.desk.start(called.id, olli)  # its status names the worker: a long cell too
        clock.advance(3)
        long = services.desk.admit(IntakeForm(call_name=LONG_NAME), worker)
        services.desk.record_triage(long.id, {"income_housing": "yes"}, Urgency.SOON, ["income_housing"], worker)
        await until(pilot, lambda: app.screen.query_one(QueueBoard).row_count == 2)
        await settle(pilot)
        board = app.screen.query_one(QueueBoard)
        assert board.virtual_size.width <= board.scrollable_content_region.width, "the board scrolls sideways"
        row = next(line for line in screen_text(app).splitlines() if "A002" in line)
        assert "Aleksandr" in row and "…" in row and LONG_NAME not in row
        assert "pian" in row or "snart" in row or "soon" in row
        assert "min" in row
        triage = str(board.get_cell(str(long.id), "triage"))
        assert triage.split()[0].rstrip(",") in row, (triage, row)


@pytest.mark.parametrize("size", [SMALL, (120, 36)])
async def test_notifications_keep_off_the_field_being_typed_in(
        settings: Settings, clock: FakeClock, size: tuple[int, int]) -> None:
    async with signed_in(settings, clock, size=size, toasts=True) as (pilot, app, services):
        services.desk.admit(IntakeForm(), services.staff.active_members()[0].id)

        async def clear_of_toasts() -> None:
            focused = app.screen.focused
            assert isinstance(focused, Input)
            field = next(a for a in focused.ancestors_with_self if isinstance(a, FormField))
            for number in range(3):
                app.notify(f"Kutsuttu A00{number} (Liisa Luottamus) työpisteeseen desk-1", timeout=30)
            await settle(pilot)
            await pilot.pause(0.1)
            toasts = [toast.region for toast in app.screen.query(Toast)]
            assert len(toasts) >= 3
            for region in toasts:
                assert not region.overlaps(field.region), (region, field.region)
            app.clear_notifications()
            await settle(pilot)

        await keys(pilot, "n")
        await clear_of_toasts()  # the name, at the top
        app.screen.query_one("#field-callback_phone Input").focus()
        await settle(pilot)
        await clear_of_toasts()  # the phone, at the bottom
        await keys(pilot, "escape", "c", "f")
        assert isinstance(app.screen, FinishDialog)
        app.screen.query_one("#field-follow_up_on Input").focus()
        await pilot.press(*"31.2.2026", "enter")
        await settle(pilot)
        await clear_of_toasts()


@pytest.mark.parametrize(("language", "size"), [("fi", SMALL), ("sv", SMALL), ("en", SMALL), ("fi", (120, 36))])
@pytest.mark.parametrize("field", ["follow_up_on", "next_appointment"])
async def test_an_invalid_date_in_the_finish_form_shows_its_message_beside_the_field(
        settings: Settings, clock: FakeClock, language: str, size: tuple[int, int], field: str) -> None:
    set_language(language)
    async with signed_in(settings, clock, size=size, toasts=True) as (pilot, app, services):
        services.desk.admit(IntakeForm(), services.staff.active_members()[0].id)
        await keys(pilot, "c", "f")
        dialog = app.screen
        assert isinstance(dialog, FinishDialog)
        typed = dialog.query_one(f"#field-{field} Input", Input)
        typed.focus()
        await settle(pilot)
        await pilot.press(*"31.2.2026")
        dialog.query_one("#actions").focus()  # back at the top of the form, then F2 finishes
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        # A notice such as "called A001" while the worker types the outcome (the desk's own one
        # lasts 5 s, which a loaded test machine may have used up by now).
        app.notify("Kutsuttu A001", timeout=60)
        await settle(pilot)
        await pilot.pause(0.1)
        assert dialog.focused is typed
        error = dialog.query_one(f"#field-{field} .field-error")
        assert error.display and str(error.render()).startswith("⚠")
        shown = dialog.query_one(".dialog").scrollable_content_region
        assert error.region.height >= 1
        assert shown.contains_region(error.region), (error.region, shown)
        assert shown.contains_region(typed.region), (typed.region, shown)
        toasts = [toast.region for toast in app.screen.query(Toast)]
        assert toasts
        for region in toasts:
            assert not region.overlaps(error.region) and not region.overlaps(typed.region), (region, error.region)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
async def test_a_wrong_phone_in_the_intake_shows_its_whole_message(
        settings: Settings, clock: FakeClock, language: str) -> None:
    set_language(language)
    async with signed_in(settings, clock, size=SMALL) as (pilot, app, _services):
        await keys(pilot, "n")
        phone = app.screen.query_one("#field-callback_phone Input", Input)
        phone.focus()
        await pilot.press(*"abc", "enter")
        await settle(pilot)
        await pilot.pause(0.1)
        error = app.screen.query_one("#field-callback_phone .field-error")
        assert error.display and error.region.height >= 2  # the message wraps at 80 columns
        shown = app.screen.query_one("#intake").scrollable_content_region
        assert shown.contains_region(error.region), (error.region, shown)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
async def test_fields_side_by_side_in_the_intake_keep_their_inputs_on_one_row(
        settings: Settings, clock: FakeClock, language: str) -> None:
    """A label that wraps beside a one-line one pushes its field a row down, out of line with its
    neighbour's (Swedish "Telefon för återuppringning (frivilligt)" did, beside the municipality)."""
    set_language(language)
    async with signed_in(settings, clock, size=SMALL) as (pilot, app, _services):
        await keys(pilot, "n")
        assert isinstance(app.screen, IntakeScreen)
        rows: dict[int, list[int]] = {}
        for field in app.screen.query(FormField):
            control = next(child for child in field.children if not isinstance(child, Label))
            rows.setdefault(field.region.y, []).append(control.region.y)
        misaligned = {row: ys for row, ys in rows.items() if len(set(ys)) > 1}
        assert misaligned == {}, misaligned
