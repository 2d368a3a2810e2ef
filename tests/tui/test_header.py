"""A title changed while a screen closes does not stop the desk."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets._header import HeaderTitle

from tui.widgets.header import Header


class Titled(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()


async def test_a_title_set_after_the_header_lost_its_children_is_no_error() -> None:
    """As on a busy machine: the closing screen has removed the header's children before the
    title's watcher runs (Textual's own header raised NoMatches here, and the app stopped)."""
    app = Titled()
    async with app.run_test() as pilot:
        header = app.query_one(Header)
        await header.query_one(HeaderTitle).remove()
        app.title = "Hyvinvointiasema Keskusta"
        await pilot.pause()
        assert app.is_running and app._exception is None
        assert not header.query(HeaderTitle)


async def test_the_title_is_shown_and_follows_the_app() -> None:
    app = Titled()
    async with app.run_test() as pilot:
        app.title = "Hyvinvointiasema Kirkonkylä"
        await pilot.pause()
        assert "Kirkonkylä" in str(app.query_one(HeaderTitle).render())
