"""A header whose clock shows Helsinki time from the app's clock, whatever the machine's zone: the
waiting room reads the same time as the desk (Textual's own clock shows the process's local time)."""

from __future__ import annotations

from textual.app import ComposeResult, RenderResult
from textual.widgets._header import HeaderClock, HeaderIcon, HeaderTitle

from forms.timefmt import format_time
from tui.widgets.header import Header


class HelsinkiClock(HeaderClock):
    def render(self) -> RenderResult:
        return format_time(self.app.clock())  # type: ignore[attr-defined]


class HelsinkiHeader(Header):
    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield HeaderTitle()
        yield HelsinkiClock()
