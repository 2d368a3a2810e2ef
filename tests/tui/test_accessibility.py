"""The high-contrast theme and the larger-text layout: from the settings, on F7 and F8, WCAG AA
contrast, and a board that still reads row by row at 80 × 24 and 120 × 36."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.widgets import Static

from forms.choices import Urgency
from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import FakeClock
from tests.tui.helpers import keys, screen_text, settle, signed_in, until
from tui.accessibility import HIGH_CONTRAST
from tui.widgets import QueueBoard


def contrast(one: Color, other: Color) -> float:
    """The WCAG 2.1 contrast ratio of two colours."""
    def luminance(colour: Color) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_high_contrast_theme_meets_wcag_aa() -> None:
    colours = HIGH_CONTRAST.to_color_system().generate()
    background = Color.parse(colours["background"])
    for text in ("foreground", "text-muted", "primary", "accent", "error", "warning", "success",
                 "footer-key-foreground"):
        assert contrast(Color.parse(colours[text]), background) >= 4.5, text
    assert contrast(Color.parse(colours["block-cursor-foreground"]),
                    Color.parse(colours["block-cursor-background"])) >= 4.5
    # The focused row is bold besides its colour.
    assert "bold" in colours["block-cursor-text-style"]


def with_two(settings: Settings, clock: FakeClock, services) -> None:  # type: ignore[no-untyped-def]
    worker = services.staff.active_members()[0].id
    soon = services.desk.admit(IntakeForm(call_name="Aleksandra-Johanna Virtanen-Korhonen"), worker)
    services.desk.record_triage(soon.id, {"income_housing": "yes"}, Urgency.SOON, ["income_housing"], worker)
    clock.advance(3)
    services.desk.admit(IntakeForm(call_name="Eelis"), worker)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_f8_gives_the_board_fewer_wider_columns_and_f7_high_contrast(
        settings: Settings, clock: FakeClock, size: tuple[int, int]) -> None:
    async with signed_in(settings, clock, size=size) as (pilot, app, services):
        with_two(settings, clock, services)
        await until(pilot, lambda: app.screen.query_one(QueueBoard).row_count == 2)
        board = app.screen.query_one(QueueBoard)
        assert app.theme != HIGH_CONTRAST.name and not app.has_class("-large-text")
        assert len(board.columns) == 7
        await keys(pilot, "f8")
        await until(pilot, lambda: board.row_count == 2)
        await settle(pilot)
        assert [c.key.value for c in board.columns.values()] == ["ticket", "urgency", "name", "status", "waited"]
        assert app.has_class("-large-text") and board.cell_padding == 2
        assert board.virtual_size.width <= board.scrollable_content_region.width, "the board scrolls sideways"
        text = screen_text(app)
        row = next(line for line in text.splitlines() if "A001" in line)
        assert "pian" in row and "min" in row  # each row whole: ticket, urgency, waited
        await keys(pilot, "f7")
        assert app.theme == HIGH_CONTRAST.name and app.has_class("-high-contrast")
        await keys(pilot, "f7", "f8")
        await settle(pilot)
        assert app.theme != HIGH_CONTRAST.name and not app.has_class("-large-text")
        assert len(board.columns) == 7


async def test_the_settings_start_the_desk_in_high_contrast_with_larger_text(
        settings: Settings, clock: FakeClock) -> None:
    settings = settings.model_copy(update={"theme": "high_contrast", "large_text": True})
    async with signed_in(settings, clock, size=(80, 24)) as (pilot, app, _services):
        assert app.theme == HIGH_CONTRAST.name
        assert app.screen.query_one(QueueBoard).large
        await keys(pilot, "f1")
        help_text = " ".join(" ".join(str(w.render()) for w in app.screen.query(Static)).split())
        assert "F7" in help_text and "F8" in help_text and "Ctrl ja +" in help_text


@pytest.mark.parametrize(("language", "enlarge"), [("fi", "Ctrl ja +"), ("sv", "Ctrl och +"), ("en", "Ctrl and +")])
async def test_the_help_says_how_to_enlarge_the_terminals_text_in_each_language(
        settings: Settings, clock: FakeClock, language: str, enlarge: str) -> None:
    from forms.i18n import set_language

    set_language(language)  # type: ignore[arg-type]
    spoken = settings.model_copy(update={"language": language})
    async with signed_in(spoken, clock, size=(80, 24)) as (pilot, app, _services):
        for screen_key in ("", "y"):  # the desk's help, and another screen's
            if screen_key:
                await keys(pilot, "escape", screen_key)
            await keys(pilot, "f1")
            help_text = " ".join(" ".join(str(w.render()) for w in app.screen.query(Static)).split())
            assert enlarge in help_text and "F7" in help_text and "F8" in help_text
