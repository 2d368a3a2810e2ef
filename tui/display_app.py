"""`walkin display`: the waiting-room screen. Large ticket numbers being called and where to go,
the latest calls, how many wait, today's walk-in hours. It only reads, needs no sign-in, follows
the queue as it changes, and shows names only if the profile allows it. A ticket called again is
shown first, marked as a repeat call; a new call and a repeat call flash for a few seconds and ring
the terminal bell (a chime in the served display's browser, tui.display_serve)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.renderables.digits import DIGITS
from textual.widget import Widget
from textual.widgets import Digits, Static

from forms.i18n import _
from forms.settings import Settings
from forms.timefmt import format_clock, service_day, utc_now
from tui.inert import InertApp
from tui.live import watch_queue
from tui.widgets.big_ticket import GLYPH_ROWS, BigTicket
from tui.widgets.helsinki_header import HelsinkiHeader

if TYPE_CHECKING:
    from forms.profile import ServiceProfile
    from storage.services import Services
    from storage.views import CalledTicket, DisplayBoard

CALLING_SHOWN = 3
BIG_SCALE = 2
BIG_SCALE_FROM_LINES = 24
"""The latest call in letters ten lines high on a screen this tall (a television: about 26 lines
in the browser, tui.display_serve), five lines on a smaller terminal."""
RETRY_SECONDS = 30
FLASH_SECONDS = 4.0
"""How long a call is shown in a colour of its own: long enough to catch the eye, then calm."""


def big(ticket: str) -> str:
    """What Digits can draw: the whole ticket, or its number when the prefix is not A–F."""
    return ticket if set(ticket) <= set(DIGITS) else ticket.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


class DisplayApp(InertApp, App[None]):
    CSS = """
    Screen { align: center top; }
    #now { text-style: bold; margin: 0 2; }
    .calling { height: auto; margin: 0 2 1 2; }
    .calling Digits, .calling BigTicket { margin-right: 4; }
    .calling .where { width: 1fr; content-align: left middle; text-style: bold; }
    /* The letters change colour: reversed, block letters would read as their negative. */
    .calling.flash { color: $warning; }
    .calling.flash .where { text-style: bold reverse; }
    #calling { height: auto; }
    #recent, #waiting, #hours { margin: 1 2 0 2; }
    #waiting { text-style: bold; }
    """
    BINDINGS = [Binding("ctrl+q", "quit", show=False)]

    def __init__(self, settings: Settings, clock: Callable[[], datetime] = utc_now) -> None:
        super().__init__()
        self.settings = settings
        self.clock = clock
        self.services: Services | None = None
        self.profile: ServiceProfile | None = None
        self.shown: DisplayBoard | None = None
        self.calls_seen: dict[str, int] | None = None
        """Ticket → calls as last shown (None before the first board): a call again is news."""

    def compose(self) -> ComposeResult:
        yield HelsinkiHeader()
        yield Static(_("Now being called"), id="now")
        yield Vertical(id="calling")
        # Names, workstations and places: shown as they are (see tui.inert).
        yield Static("", id="recent", markup=False)
        yield Static("", id="waiting")
        yield Static("", id="hours", markup=False)

    def on_mount(self) -> None:
        self.run_worker(self._open, thread=True, exit_on_error=False)

    def _open(self) -> None:
        """In a thread; a failure shows why on the screen and tries again by itself."""
        from forms.profile import load_profile
        from storage.services import open_services
        from tui.screens.start_failed import explain_start_failure

        try:
            profile = load_profile(self.settings.profile)
            services = open_services(self.settings.database_url, profile,
                                     self.settings.database.busy_timeout_seconds, self.clock)
        except Exception as error:
            self.call_from_thread(self._start_failed, *explain_start_failure(error))
        else:
            self.call_from_thread(self._opened, profile, services)

    def _start_failed(self, message: str, details: list[str]) -> None:
        from tui.log_file import log_path
        from tui.screens.start_failed import StartFailedScreen

        self.push_screen(StartFailedScreen(message, details, log_path(self.settings.home), self._open_again,
                                           RETRY_SECONDS, _("The display cannot start")))

    def _open_again(self) -> None:
        self.pop_screen()
        self.run_worker(self._open, thread=True, exit_on_error=False)

    def _opened(self, profile: ServiceProfile, services: Services) -> None:
        self.profile, self.services = profile, services
        self.title = str(profile.service.name)
        self.sub_title = _("Tickets")
        self._show_hours()
        self.run_worker(partial(watch_queue, self, services.db, self.refresh_board, self._offline, self._online),
                        thread=True, group="watch", exit_on_error=False)
        self.set_interval(30, self._tick)

    def _tick(self) -> None:
        """Whatever a missed notice or midnight changed."""
        self._show_hours()
        self.refresh_board()

    def refresh_board(self) -> None:
        services = self.services
        if services is not None:
            self.run_worker(lambda: self.call_from_thread(self._show, services.desk.display_board()),
                            thread=True, group="read", exit_on_error=False)

    def _show(self, board: DisplayBoard) -> None:
        if board == self.shown:
            return  # nothing moved: nothing is redrawn
        self.shown = board
        calling = [c for c in board.called if c.calling][:CALLING_SHOWN]
        recent = [c for c in board.called if not c.calling]
        news = self._called_now(calling)
        box = self.query_one("#calling", Vertical)
        box.remove_children()
        rows = [self._calling_row(c, latest=i == 0, news=c.ticket in news) for i, c in enumerate(calling)]
        box.mount_all(rows)
        if news:
            self.bell()
            flashing = [row for row, c in zip(rows, calling, strict=True) if c.ticket in news]
            self.set_timer(FLASH_SECONDS, lambda: [row.remove_class("flash") for row in flashing])
        self.query_one("#now", Static).display = bool(calling)
        self.query_one("#recent", Static).update(
            _("Called earlier: ") + "   ".join(self._where(c, c.ticket) for c in recent) if recent else "")
        self.query_one("#waiting", Static).update(_("Waiting: {n}").format(n=board.waiting))
        self._show_hours()

    def _calling_row(self, called: CalledTicket, latest: bool, news: bool) -> Horizontal:
        """The latest call in solid block letters, as large as the screen allows (a television
        across the room); the others in Digits, smaller."""
        ticket: Widget
        if latest:
            scale = BIG_SCALE if self.size.height >= BIG_SCALE_FROM_LINES else 1
            ticket, height = BigTicket(called.ticket, scale), GLYPH_ROWS * scale
        else:
            ticket, height = Digits(big(called.ticket)), 3
        where = Static(self._where(called), classes="where", markup=False)
        where.styles.height = height
        return Horizontal(ticket, where, classes="calling flash" if news else "calling")

    def _called_now(self, calling: list[CalledTicket]) -> set[str]:
        """The tickets called, first or again, since the last board. The first board after a start
        only takes note: a call from before is no news to flash and ring for."""
        before, self.calls_seen = self.calls_seen, {c.ticket: c.calls for c in calling}
        if before is None:
            return set()
        return {c.ticket for c in calling if c.calls > before.get(c.ticket, 0)}

    def _where(self, called: CalledTicket, ticket: str = "") -> str:
        assert self.profile is not None
        parts = [ticket or called.ticket, f"→ {called.called_to}" if called.called_to else ""]
        if called.repeated and called.calling:
            parts.append("· " + _("Repeat call"))
        if self.profile.display.show_names and called.call_name:
            parts.append(called.call_name)
        return " ".join(p for p in parts if p)

    def _show_hours(self) -> None:
        assert self.profile is not None
        profile = self.profile
        lines = []
        for hours in profile.hours_on(service_day(self.clock())):
            place = profile.location(hours.location)
            lines.append(f"{format_clock(hours.start.hour, hours.start.minute)}–"
                         f"{format_clock(hours.end.hour, hours.end.minute)} {place.name if place else ''}")
        # "No walk-in hours today" while people wait would send them home: then the queue says it all.
        waiting = self.shown is not None and self.shown.waiting > 0
        self.query_one("#hours", Static).update(
            _("Walk-in today: ") + "; ".join(lines) if lines else "" if waiting else _("No walk-in hours today."))

    def _offline(self) -> None:
        self.sub_title = _("Tickets (connection lost, retrying)")

    def _online(self) -> None:
        self.sub_title = _("Tickets")

    def on_unmount(self) -> None:
        if self.services is not None:
            self.services.close()
