"""`walkin display`: the waiting-room screen. Large ticket numbers being called and where to go,
the latest calls, how many wait, today's walk-in hours. It only reads, needs no sign-in, follows
the queue as it changes, and shows names only if the profile allows it. A ticket called again is
shown first, marked as a repeat call; a new call and a repeat call flash for a few seconds and ring
the terminal bell (a chime in the served display's browser, tui.display_serve).

Its texts speak the clients' languages, those the profile lists for the display (`[display]
languages`), in the client wording (printouts/texts), not the staff's catalogue: side by side, each
language in a column of its own, or the whole display in one language at a time. A line never
mixes languages; tickets, desks and names are the same in every one."""

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


class CallingRow(Horizontal):
    """One ticket being called: its number large, where to go beside it."""

    def __init__(self, called: CalledTicket, ticket: Widget, where: Static, height: int, news: bool) -> None:
        super().__init__(ticket, where, classes="calling flash" if news else "calling")
        self.called, self.where, self.lines = called, where, height


class DisplayApp(InertApp, App[None]):
    CSS = """
    Screen { align: center top; }
    .texts { height: auto; }
    .texts > Static { width: 1fr; margin-right: 2; }
    #now { margin: 0 2; }
    #now > Static, #waiting > Static { text-style: bold; }
    .calling { height: auto; margin: 0 2 1 2; }
    .calling Digits, .calling BigTicket { margin-right: 4; }
    .calling .where { width: 1fr; content-align: left middle; text-style: bold; }
    /* The letters change colour: reversed, block letters would read as their negative. */
    .calling.flash { color: $warning; }
    .calling.flash .where { text-style: bold reverse; }
    #calling { height: auto; }
    #recent, #waiting, #hours { margin: 1 2 0 2; }
    #recent-tickets { margin: 0 2; }
    """
    BINDINGS = [Binding("ctrl+q", "quit", show=False)]

    def __init__(self, settings: Settings, clock: Callable[[], datetime] = utc_now, site: str | None = None) -> None:
        """`site`: the walk-in site whose calls and hours it shows; None: the workstation's (its
        settings, or the only site)."""
        super().__init__()
        self.settings = settings
        self.clock = clock
        self.site = site
        self.services: Services | None = None
        self.profile: ServiceProfile | None = None
        self.shown: DisplayBoard | None = None
        self.calls_seen: dict[str, int] | None = None
        """Ticket → calls as last shown (None before the first board): a call again is news."""
        self.turn = 0
        """In turn: the index of the display language on the screen now."""
        self.offline = False

    def compose(self) -> ComposeResult:
        yield HelsinkiHeader()
        # Each area a column per display language (filled once the profile is read).
        yield Horizontal(id="now", classes="texts")
        yield Vertical(id="calling")
        yield Horizontal(id="recent", classes="texts")
        # Names, workstations and places: shown as they are (see tui.inert).
        yield Static("", id="recent-tickets", markup=False)
        yield Horizontal(id="waiting", classes="texts")
        # The hours are long (times and places): a line of their own for each language.
        yield Vertical(id="hours", classes="texts")

    def on_mount(self) -> None:
        self.run_worker(self._open, thread=True, exit_on_error=False)

    def _open(self) -> None:
        """In a thread; a failure shows why on the screen and tries again by itself."""
        from forms.profile import load_profile
        from storage.services import open_services
        from tui.screens.start_failed import explain_start_failure

        try:
            profile = load_profile(self.settings.profile)
            try:
                site = self.site or profile.workstation_site(self.settings.site) or profile.first_site
            except ValueError as error:  # a site the profile does not list: its message names those it does
                self.call_from_thread(self._start_failed, str(error), [])
                return
            services = open_services(self.settings.database_url, profile,
                                     self.settings.database.busy_timeout_seconds, self.clock, site=site)
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
        for area in self.query(".texts"):
            area.mount_all([Static("", name=language, markup=False) for language in profile.display.languages])
        self._show_turn()
        self._show_hours()
        self.run_worker(partial(watch_queue, self, services.db, self.refresh_board, self._offline, self._online),
                        thread=True, group="watch", exit_on_error=False)
        self.set_interval(30, self._tick)
        if profile.display.layout == "in_turn" and len(profile.display.languages) > 1:
            self.set_interval(profile.display.turn_seconds, self._next_turn)

    @property
    def site_shown(self) -> str:
        assert self.services is not None
        return self.services.desk.site

    # --------------------------------------------------------- languages ---
    def shown_languages(self) -> tuple[str, ...]:
        """The languages on the screen now: all of them side by side, or the one whose turn it is."""
        assert self.profile is not None
        languages = self.profile.display.languages
        return languages if self.profile.display.layout == "side_by_side" else (languages[self.turn],)

    def _next_turn(self) -> None:
        assert self.profile is not None
        self.turn = (self.turn + 1) % len(self.profile.display.languages)
        self._show_turn()

    def _show_turn(self) -> None:
        """The shown languages' columns only; the header and each call's words in them."""
        assert self.profile is not None
        shown = self.shown_languages()
        for column in self.query(".texts > Static"):
            column.display = column.name in shown
        self.title = self.profile.service.name.get(shown[0])
        if len(self.profile.locations) > 1 and (site := self.profile.location(self.site_shown)) is not None:
            self.title += " · " + site.name.get(shown[0])  # which site's calls these are
        self.sub_title = say(shown[0], "offline" if self.offline else "tickets")
        for row in self.query(CallingRow):
            self._say_where(row)

    def _columns(self, area: str, text: Callable[[str], str]) -> None:
        """Each language's column of an area, in its own words."""
        for column in self.query_one(f"#{area}").query(Static):
            column.update(text(column.name or "fi"))

    # ------------------------------------------------------------- board ---
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
            flashing = [row for row in rows if row.called.ticket in news]
            self.set_timer(FLASH_SECONDS, lambda: [row.remove_class("flash") for row in flashing])
        self.query_one("#now").display = bool(calling)
        self._columns("now", lambda language: say(language, "now"))
        self.query_one("#recent").display = self.query_one("#recent-tickets").display = bool(recent)
        self._columns("recent", lambda language: say(language, "earlier"))
        self.query_one("#recent-tickets", Static).update("   ".join(self._where(c, c.ticket) for c in recent))
        self._columns("waiting", lambda language: say(language, "waiting", n=board.waiting))
        self._show_hours()

    def _calling_row(self, called: CalledTicket, latest: bool, news: bool) -> CallingRow:
        """The latest call in solid block letters, as large as the screen allows (a television
        across the room); the others in Digits, smaller."""
        ticket: Widget
        if latest:
            scale = BIG_SCALE if self.size.height >= BIG_SCALE_FROM_LINES else 1
            ticket, height = BigTicket(called.ticket, scale), GLYPH_ROWS * scale
        else:
            ticket, height = Digits(big(called.ticket)), 3
        row = CallingRow(called, ticket, Static("", classes="where", markup=False), height, news)
        self._say_where(row)
        return row

    def _say_where(self, row: CallingRow) -> None:
        """Where to go, and under it "repeat call" once per shown language, a line each."""
        text = self._where(row.called)
        if row.called.repeated and row.called.calling:
            text += "".join("\n· " + say(language, "repeat") for language in self.shown_languages())
        row.where.update(text)
        row.where.styles.height = max(row.lines, text.count("\n") + 1)

    def _called_now(self, calling: list[CalledTicket]) -> set[str]:
        """The tickets called, first or again, since the last board. The first board after a start
        only takes note: a call from before is no news to flash and ring for."""
        before, self.calls_seen = self.calls_seen, {c.ticket: c.calls for c in calling}
        if before is None:
            return set()
        return {c.ticket for c in calling if c.calls > before.get(c.ticket, 0)}

    def _where(self, called: CalledTicket, ticket: str = "") -> str:
        """"A012 → Huone 1 Aino": the same in every language."""
        assert self.profile is not None
        parts = [ticket or called.ticket, f"→ {called.called_to}" if called.called_to else ""]
        if self.profile.display.show_names and called.call_name:
            parts.append(called.call_name)
        return " ".join(p for p in parts if p)

    def _show_hours(self) -> None:
        assert self.profile is not None
        profile = self.profile
        hours = profile.hours_on(service_day(self.clock()), self.site_shown)

        def today(language: str) -> str:
            lines = []
            for hour in hours:
                place = profile.location(hour.location)
                lines.append(f"{format_clock(hour.start.hour, hour.start.minute, language)}–"
                             f"{format_clock(hour.end.hour, hour.end.minute, language)} "
                             f"{place.name.get(language) if place else ''}")
            return say(language, "hours") + " " + "; ".join(lines) if lines else say(language, "no_hours")

        # "No walk-in hours today" while people wait would send them home: then the queue says it all.
        waiting = self.shown is not None and self.shown.waiting > 0
        self.query_one("#hours").display = bool(hours) or not waiting
        self._columns("hours", today)

    def _offline(self) -> None:
        self.offline = True
        self._show_turn()

    def _online(self) -> None:
        self.offline = False
        self._show_turn()

    def on_unmount(self) -> None:
        if self.services is not None:
            self.services.close()


def say(language: str, key: str, **values: object) -> str:
    """One of the display's texts in a client language (printouts/texts/<language>.toml)."""
    from printouts.wording import texts

    return str(texts(language)["display"][key]).format(**values)
