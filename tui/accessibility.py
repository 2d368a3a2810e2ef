"""The high-contrast theme and the larger-text layout: from the settings at start, F7 and F8 for the session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.theme import Theme

if TYPE_CHECKING:
    from textual.app import App

HIGH_CONTRAST = Theme(
    # White and yellow on black: 21:1 and 19.6:1, far past WCAG AA's 4.5:1; the reds and greens
    # are light enough for 7:1 and never carry a meaning alone (marks and words do).
    name="walkin-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFFF00",
    error="#FF8080",
    success="#80FF80",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#000000",
    dark=True,
    text_alpha=1.0,
    variables={
        "text-muted": "#FFFFFF",
        "border": "#FFFF00",
        "border-blurred": "#FFFFFF",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-text-style": "bold",
        # The cursor of a list not in focus: white on dark grey (10:1), underlined so it is
        # told from the focused one (black on yellow, bold) by more than its colour.
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-cursor-blurred-background": "#3A3A3A",
        "block-cursor-blurred-text-style": "underline",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "input-selection-background": "#FFFF00 60%",
        "input-cursor-text-style": "reverse",
        "scrollbar": "#FFFFFF",
        "scrollbar-hover": "#FFFF00",
        "link-color": "#FFFF00",
    },
)
DEFAULT_THEME = "textual-dark"


def apply_view(app: App[None], high_contrast: bool, large_text: bool) -> None:
    """Theme and layout for every screen: the classes `-high-contrast` and `-large-text` on the
    app select the shapes of tui/walkin.tcss (focus marked by a border's shape, not by its colour
    alone; more room), and each queue board drops its last columns for the larger layout."""
    if HIGH_CONTRAST.name not in app.available_themes:
        app.register_theme(HIGH_CONTRAST)
    app.theme = HIGH_CONTRAST.name if high_contrast else DEFAULT_THEME
    app.set_class(high_contrast, "-high-contrast")
    app.set_class(large_text, "-large-text")
    for screen in app.screen_stack:
        # By its CSS type name: importing the board (and the pydantic models it shows) would hold
        # up the first paint, where there is no board yet.
        for board in screen.query("QueueBoard"):
            board.large = large_text  # type: ignore[attr-defined]
