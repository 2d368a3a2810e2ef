"""The queue board: open visits in serving order, updated in place so the cursor stays put."""

from __future__ import annotations

import operator
from collections.abc import Collection
from datetime import datetime
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual._segment_tools import line_crop
from textual._two_way_dict import TwoWayDict
from textual._types import SegmentLines
from textual.binding import Binding
from textual.cache import LRUCache
from textual.coordinate import Coordinate
from textual.geometry import Region, Size
from textual.reactive import Reactive, reactive
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from forms.choices import Urgency, VisitStatus
from forms.i18n import N_, _
from forms.timefmt import format_date, service_day
from forms.waits import Standings, WaitStanding
from tui.visit_text import call_name, step_out_text, triage_line, urgency_text, wait_marks, waiting_minutes

if TYPE_CHECKING:
    from forms.profile import ServiceProfile
    from storage.views import QueueEntry, QueueSnapshot

# The triage summary is last: it is the one that may be cut short on a narrow terminal.
COLUMNS = (
    ("ticket", N_("Ticket")),
    ("urgency", N_("Urgency")),
    ("name", N_("Name")),
    ("status", N_("Status")),
    ("waited", N_("Waited")),
    ("estimate", N_("Estimate")),
    ("triage", N_("Triage")),
)
STYLES = {Urgency.ACUTE: "bold reverse", Urgency.SOON: "bold", Urgency.NORMAL: ""}
# On a narrow board these give way, cut with "…", so that ticket, urgency, the waiting time and
# the start of the triage stay in view: at 80 columns a long name pushed the triage off the board.
GIVING_WAY = ("name", "status", "triage")
MARGIN = 20
"""Rows worked out beyond the screen on either side, so that a few steps of the cursor find them
ready (further rows are worked out when the board scrolls to them)."""
ESTIMATE = [key for key, _title in COLUMNS].index("estimate")
LARGE_DROPS = ("estimate", "triage")
"""Left out of the larger-text layout: the triage is on the visit and triage screens, and fewer,
wider columns read more easily row by row."""


class _Frame(NamedTuple):
    """What every line of one frame of the board is drawn with (`QueueBoard._frame_now`)."""

    board_like: bool
    """A row cursor, no fixed rows or columns, no row labels: the board's own drawing applies."""
    base_style: Style
    header: int
    scroll_x: int
    scroll_y: int
    width: int
    cursor_row: int
    hover_row: int
    widths: tuple[int, ...]
    show_cursor: bool
    show_hover: bool
    pseudo_classes: object
    padding: int
    foreground_css: bool
    background_css: bool
    look: tuple[object, ...]
    """What every line's and cell's look shares: the width, cursor settings, pseudo classes, columns."""


class QueueBoard(DataTable[Text]):
    # A DataTable's own Home and End move the cursor to the first and last column, which a board of
    # rows does not have: on a long queue they did nothing. Here they go to its first and last client.
    BINDINGS = [
        Binding("home", "scroll_top", "First", show=False, id="queue_board.first"),
        Binding("end", "scroll_bottom", "Last", show=False, id="queue_board.last"),
    ]

    large: reactive[bool] = reactive(False, init=False)
    """The larger-text layout: fewer columns, more space between them (tui.accessibility)."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)
    """The board's rows and columns. Its own size comes from the screen (height 1fr), so a row more
    or a column wider redraws the board and its scroll bars (below), not the whole screen: a layout
    of the desk, with its counters, banners and footer, costs several frames, on every walk-in."""

    def watch_virtual_size(self, old: Size, size: Size) -> None:
        self._scroll_update(size)
        if old.width != size.width:
            self.refresh()  # columns measured wider: every row moves (a row more or fewer moves none)

    def __init__(self, profile: ServiceProfile, left_out: Collection[str] = (), **kwargs: object) -> None:
        """`left_out`: columns this board never shows (another site's board: no names, no triage)."""
        self._drawn: LRUCache[tuple[object, ...], tuple[Text, SegmentLines]] = LRUCache(4000)
        self._lines: dict[RowKey, tuple[tuple[object, ...], list[Text], Strip]] = {}
        """Each row's line as last drawn, with what it was drawn from (see `_render_line`)."""
        self._row_styles: dict[tuple[object, ...], tuple[Style, Style]] = {}
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.profile = profile
        self.left_out = frozenset(left_out)
        self._keys: list[str] = []
        self._shown: tuple[QueueSnapshot, datetime] | None = None
        self._shown_size = Size()
        """The board's size when `_shown` was worked out for it."""
        self._current: set[str] = set()
        """The rows drawn for the snapshot shown: those on the screen and near it (the others are
        worked out and drawn when scrolled to)."""
        self._looks: dict[str, tuple[tuple[object, ...], int | None, tuple[Text, ...]]] = {}
        """Each row's cells as last worked out, with what they were worked out from: a row that
        looks the same (its visit, estimate, minutes and marks) is not worked out again."""
        self._filling = False
        self._from_the_top = False
        """The next `show` puts the cursor on the first row, wherever it was (`from_the_top`)."""
        self._framing = False
        self._frame: _Frame | None = None
        """What the lines of the frame being drawn share (`_frame_now`)."""
        self._widest_estimate = 0
        """The estimate column's width for the longest estimate of the whole queue, not only of the
        rows worked out: a call takes a minute or so off every estimate, and a column measured from
        the rows near the screen grew or shrank whenever theirs went past ~100 min (every row drawn
        again, on a call that changed one)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Enter is the screen's key ("⏎ Open" in the footer, greyed where nothing opens): the
        # table's own hidden Enter took it, and hid it from the footer, whenever the board had the
        # focus. A click on a row still selects it.
        return action != "select_cursor"

    def on_mount(self) -> None:
        self.set_reactive(QueueBoard.large, getattr(self.app, "large_text", False))  # the columns follow
        self.cell_padding = 2 if self.large else 1
        self._add_columns()

    @property
    def columns_shown(self) -> tuple[tuple[str, str], ...]:
        return tuple(c for c in COLUMNS if not (self.large and c[0] in LARGE_DROPS) and c[0] not in self.left_out)

    def _add_columns(self) -> None:
        for key, title in self.columns_shown:
            self.add_column(_(title), key=key)

    def watch_large(self) -> None:
        self.cell_padding = 2 if self.large else 1
        self._redraw()  # with its columns
        if self._shown is not None:
            self.show(*self._shown)

    @property
    def selected_id(self) -> int | None:
        if not self._keys or self.cursor_row < 0 or self.cursor_row >= len(self._keys):
            return None
        return int(self._keys[self.cursor_row])

    def on_resize(self) -> None:
        # Textual tells a kept desk's board of its size again as the desk comes back (a sign-in):
        # the rows worked out for that size are the same.
        if self._shown is not None and self.size != self._shown_size:
            self.show(*self._shown)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # Rows scrolled into view are worked out before they are drawn, once the scroll is over.
        if self._shown is not None and not self._filling and round(old_value) != round(new_value):
            self._filling = True
            self.call_later(self._fill)

    def _fill(self) -> None:
        self._filling = False
        if self._shown is not None and any(key not in self._current for key in self._window(self._keys)):
            self.show(*self._shown)

    def from_the_top(self) -> None:
        """The next board shown has the cursor on its first row, scrolled to the top: a kept desk's
        board for the next worker, not where the worker before left it."""
        self._from_the_top = True
        self.move_cursor(row=0, animate=False, scroll=False)
        self.scroll_to(x=0, y=0, animate=False, immediate=True)

    def _window(self, keys: list[str], selected: int | None = None) -> list[str]:
        """The rows on the screen and MARGIN on either side, where the board is scrolled to and
        around the chosen row (the board scrolls to it)."""
        height = (self.size.height or self.app.size.height) - self.header_height
        around = [int(self.scroll_y)] + ([selected - height] if selected is not None else [])
        return [keys[i] for i in sorted({i for top in around
                                         for i in range(max(0, top - MARGIN), min(len(keys), top + height + MARGIN))})]

    def show(self, snapshot: QueueSnapshot, now: datetime) -> None:
        """The board of `snapshot`: every row in its place, the cells worked out only for the rows
        on the screen and near it (the others when scrolled to). The usual change (a walk-in joins,
        a call changes a row) touches only the rows and cells that changed: with hundreds waiting a
        board built again, and every row measured again, took far longer than one frame."""
        self._shown, self._shown_size = (snapshot, now), self.size
        widest = cell_len(_estimate_text(max(snapshot.estimates.values())).plain) if snapshot.estimates else 0
        if not widest <= self._widest_estimate <= widest + 1:
            # One character to spare is kept: the queue's last estimate going past ~1000 min and back
            # (a walk-in, then a call) made every row on the screen be drawn again, twice.
            self._widest_estimate = widest
        entries = {str(e.id): e for e in snapshot.entries}
        keys = list(entries)
        selected, self._from_the_top = None if self._from_the_top else self.selected_id, False
        at = keys.index(str(selected)) if selected is not None and str(selected) in entries else None
        window = self._window(keys, at)
        standings = Standings(now, self.profile.queue)
        shown = [i for i, column in enumerate(COLUMNS) if column in self.columns_shown]
        rows = self._fitted({key: _pick(self._row_cells(entries[key], snapshot, now, standings), shown)
                             for key in window}, len(keys))
        self._looks = {key: look for key, look in self._looks.items() if key in entries}
        self._lines = {key: line for key, line in self._lines.items() if key.value in entries}
        blank = tuple(Text() for _column in self.columns_shown)
        if not self._keys:  # nothing drawn yet: every row added, and measured as it is added
            for key in keys:
                self.add_row(*rows.get(key, blank), key=key)
        else:
            self._place(keys, [key for key in keys if RowKey(key) not in self._data], rows, blank)
            if self._widths_change(rows):
                self._set_widths(rows)
                self._current = set()  # the rows further off were cut to the old widths
            self._update_rows(rows)
        self._keys = keys
        self._current = (self._current & set(keys)) | set(window) if self._current else set(window)
        if at is not None:
            self.move_cursor(row=at, animate=False)

    def _place(self, keys: list[str], added: list[str], rows: dict[str, tuple[Text, ...]],
               blank: tuple[Text, ...]) -> None:
        """The rows of `keys`, in their order: those gone taken out, `added` put in, and the rows
        placed in the queue's order (a triage moved a client up, time raised one) without drawing
        or measuring them again."""
        staying = set(keys)
        gone = [RowKey(key) for key in self._keys if key not in staying]
        for row_key in gone:
            del self.rows[row_key]
            del self._data[row_key]
        for key in added:
            self.add_row(*rows.get(key, blank), key=key)
            self.refresh_row(self.row_count - 1)  # drawn where it is (nothing, off the screen)
        if gone or [str(key.value) for key in self._row_locations] != keys:
            self._row_locations = TwoWayDict({RowKey(key): index for index, key in enumerate(keys)})
            self._update_count += 1
            self._require_update_dimensions = True  # the board's height
            self.check_idle()
            self.cursor_coordinate = self.cursor_coordinate  # within the rows left
            self.refresh()

    def _update_rows(self, rows: dict[str, tuple[Text, ...]]) -> None:
        """The cells of `rows` that changed, put in place together and only their rows drawn again
        (DataTable.update_cell draws the whole board again for each cell)."""
        changed = []
        columns = [ColumnKey(key) for key, _title in self.columns_shown]
        for key, cells in rows.items():
            data = self._data[RowKey(key)]
            differs = False
            for column, cell in zip(columns, cells, strict=True):
                if data.get(column) != cell:
                    data[column] = cell
                    differs = True
            if differs:
                changed.append(key)
        if not changed:
            return
        # The table's own caches of cells and lines, not its order of rows and their places: counting
        # a change (_update_count) would have them worked out again, row by row over the whole queue.
        for cache in (self._row_render_cache, self._cell_render_cache, self._row_renderable_cache,
                      self._line_cache):
            cache.clear()
        if len(changed) > 3:
            # A call changes every row's estimate: the board is drawn again at once, each unchanged
            # cell as it was (refresh_row adds up the heights of the rows above it, row by row).
            self.refresh()
            return
        for key in changed:
            self.refresh_row(self._row_locations.get(RowKey(key)))

    def _set_widths(self, rows: dict[str, tuple[Text, ...]]) -> None:
        """Each column as wide as its title and `rows` need, without measuring every row again."""
        for (key, _title), needed in zip(self.columns_shown, self._needed(rows), strict=True):
            self.columns[ColumnKey(key)].content_width = needed
        self._clear_caches()
        self._update_count += 1
        self._require_update_dimensions = True  # the board's width
        self.check_idle()
        self.refresh()

    def _row_cells(self, entry: QueueEntry, snapshot: QueueSnapshot, now: datetime,
                   standings: Standings) -> tuple[Text, ...]:
        """`_cells`, or the cells worked out before when the row looks the same now."""
        standing: WaitStanding | None = standings.of(entry.urgency, entry.arrived_at)
        estimate = snapshot.estimates.get(entry.id)
        look = (entry, standing, step_out_text(entry, now), service_day(now))
        kept = self._looks.get(str(entry.id))
        if kept is not None and kept[0] == look:
            if kept[1] == estimate:
                return kept[2]
            # A call takes a little off every estimate, and changes nothing else in those rows.
            cells = (*kept[2][:ESTIMATE], _estimate_text(estimate), *kept[2][ESTIMATE + 1:])
        else:
            cells = self._cells(entry, snapshot, now)
        self._looks[str(entry.id)] = (look, estimate, cells)
        return cells

    def render_lines(self, crop: Region) -> list[Strip]:
        self._framing = True
        try:
            return super().render_lines(crop)
        finally:
            self._framing = False
            self._frame = None

    def _frame_now(self) -> _Frame:
        """What every line of this frame is drawn with, read once for the frame: DataTable reads
        the widget's style, its reactive attributes and every column's width again for every line
        and every cell, most of the time of a call's frame after its cells (`_plain_cell`)."""
        frame = self._frame
        if frame is None:
            columns = self.ordered_columns
            widths = tuple(column.get_render_width(self) for column in columns)
            show_cursor, show_hover = self.show_cursor, self._show_hover_cursor
            board_like = (self.cursor_type == "row" and not self.fixed_columns and not self.fixed_rows
                          and not (self._labelled_row_exists and self.show_row_labels))
            width = self.size.width
            scroll_x, scroll_y = self.scroll_offset
            frame = _Frame(
                board_like, self.rich_style, self.header_height if self.show_header else 0, scroll_x, scroll_y,
                width, self.cursor_coordinate.row, self.hover_coordinate.row, widths, show_cursor, show_hover,
                self._pseudo_class_state, self.cell_padding, self.cursor_foreground_priority == "css",
                self.cursor_background_priority == "css",
                (width, show_cursor, show_hover, self._pseudo_class_state,
                 tuple(zip([column.key for column in columns], widths, strict=True))))
            if self._framing:
                self._frame = frame
        return frame

    def render_line(self, y: int) -> Strip:
        frame = self._frame_now()
        if not frame.board_like:
            return super().render_line(y)
        if y >= frame.header:
            y += frame.scroll_y
        return self._render_line(y, frame.scroll_x, frame.scroll_x + frame.width, frame.base_style)

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> SegmentLines:
        """DataTable draws every cell again after any change to the table (its cache key counts the
        changes); a cell whose content, place and look are as before is drawn as before."""
        if row_index < 0 or column_index < 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        frame = self._frame_now()
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        cell = self._data[row_key][column_key]
        key = (row_key, column_key, row_index, base_style, width, cursor, hover, frame.look)
        drawn = self._drawn.get(key)
        if drawn is not None and drawn[0] is cell:
            return drawn[1]
        lines = self._plain_cell(frame, cell, row_key, row_index, column_index, base_style, width, cursor, hover)
        if lines is None:
            lines = super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        self._drawn.set(key, (cell, lines))  # the cell kept with its lines: its id is not reused
        return lines

    def _plain_cell(self, frame: _Frame, cell: object, row_key: RowKey, row_index: int, column_index: int,
                    base_style: Style, width: int, cursor: bool, hover: bool) -> SegmentLines | None:
        """A one-line cell of text in one style that fits, as DataTable draws it, without Rich: its
        text between spaces (None for any other cell). A call gives every row on the screen a new
        estimate, and a finish moves every row below it: Rich's measuring, padding and styling of
        each cell, and DataTable's formatting of the whole row for it, were most of their time."""
        if not frame.board_like or not isinstance(cell, Text) or cell.spans or self.rows[row_key].height != 1:
            return None
        text = cell.plain
        room = width - cell_len(text) - 2 * frame.padding
        if room < 0 or not text.isprintable():
            return None  # cut or wrapped by Rich, or with a tab or control character
        component, post = self._get_styles_to_render_cell(
            False, False, False, hover, cursor, frame.show_cursor, frame.show_hover, frame.foreground_css,
            frame.background_css)
        # Rich's Styled(Padding(cell)): the padding gets pre + post, the text pre + its own + post.
        pre = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component
        style = pre + post if post else pre
        pad = " " * frame.padding
        if not cell.style or not text:  # an empty text's style draws nothing: Rich leaves it out
            return [[Segment(f"{pad}{text}{pad}{' ' * room}", style)]]
        own = pre + self.app.console.get_style(cell.style)
        if post:
            own += post
        return [[Segment(pad, style), Segment(text, own), Segment(f"{' ' * room}{pad}", style)]]

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        """DataTable draws every line again after any change to the table (its caches count the
        changes, and a walk-in or a call is one); a row's line whose cells, place and look are as
        before is the line drawn before. A call changes one row and every estimate: each row then
        draws only its estimate cell again (`_render_cell`), the unchanged cells as they were."""
        frame = self._frame_now()
        try:
            row_key, line_no = self._get_offsets(y)
        except LookupError:
            return super()._render_line(y, x1, x2, base_style)
        data = self._data.get(row_key)
        if data is None or not frame.board_like:
            return super()._render_line(y, x1, x2, base_style)  # the header, or a table unlike the board
        row_index = self._row_locations.get(row_key)
        cells = [data.get(column.key) for column in self.ordered_columns]
        look = (line_no, row_index, x1, x2, base_style, frame.cursor_row == row_index, frame.hover_row == row_index,
                frame.look)
        kept = self._lines.get(row_key)
        if kept is not None and kept[0] == look and all(map(operator.is_, kept[1], cells)):
            return kept[2]
        # DataTable's line from the row's cells, without its cache of lines (this is the board's).
        _fixed, scrollable = self._render_line_in_row(row_key, line_no, base_style, self.cursor_coordinate,
                                                      self.hover_coordinate)
        strip = Strip(line_crop(list(chain.from_iterable(scrollable)), x1, x2, frame.width))
        strip = strip.adjust_cell_length(frame.width, base_style).simplify()
        self._lines[row_key] = (look, cells, strip)
        return strip

    def _render_line_in_row(self, row_key: RowKey, line_no: int, base_style: Style, cursor_location: Coordinate,
                            hover_location: Coordinate) -> tuple[SegmentLines, SegmentLines]:
        """DataTable's, for the board's rows (a row cursor, no fixed columns, no labels), with the
        row's styles worked out once for its stripe, cursor and hover: DataTable looks three of them
        up in the stylesheet for every line it draws, a third of the line's time."""
        frame = self._frame_now()
        if row_key not in self._data or not frame.board_like:
            return super()._render_line_in_row(row_key, line_no, base_style, cursor_location, hover_location)
        row_index = self._row_locations.get(row_key)
        cursor, hover = cursor_location.row == row_index, hover_location.row == row_index
        look = (row_index % 2, cursor, hover, base_style, frame.show_cursor, frame.show_hover, frame.pseudo_classes)
        styles = self._row_styles.get(look)
        if styles is None:
            row_style = self._get_row_style(row_index, base_style)
            extend_style, _post = self._get_styles_to_render_cell(
                False, False, False, hover, cursor, frame.show_cursor, frame.show_hover, False, False)
            styles = self._row_styles[look] = (row_style, row_style + extend_style)
        row_style, extend_style = styles
        widths = frame.widths
        scrollable_row = [self._render_cell(row_index, column_index, row_style, width, cursor, hover)[line_no]
                          for column_index, width in enumerate(widths)]
        remaining_space = max(0, frame.width - sum(widths))
        extend_style += Style.from_meta({"row": row_index, "column": 0, "out_of_bounds": True})
        scrollable_row.append([Segment(" " * remaining_space, extend_style)])
        return [], scrollable_row

    def _clear_caches(self) -> None:
        super()._clear_caches()
        self._drawn.clear()
        self._lines.clear()
        self._row_styles.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()
        self._lines.clear()
        self._row_styles.clear()

    def _redraw(self) -> None:
        self.clear(columns=True)
        self._add_columns()
        self._keys = []
        self._current = set()

    def _needed(self, rows: dict[str, tuple[Text, ...]]) -> list[int]:
        """Each column's width for its title and `rows`."""
        return [max([self._floor(key, title), *(row[i].cell_len for row in rows.values())])
                for i, (key, title) in enumerate(self.columns_shown)]

    def _floor(self, key: str, title: str) -> int:
        """The least width of a column: its title's, the estimate column's for the whole queue."""
        return max(cell_len(_(title)), self._widest_estimate) if key == "estimate" else cell_len(_(title))

    def _widths_change(self, rows: dict[str, tuple[Text, ...]]) -> bool:
        """Whether a column is to be wider or narrower than it is drawn, for its title and `rows`."""
        if not self._keys:
            return False  # nothing drawn yet: the rows are all added now, and measured
        return any(self.columns[ColumnKey(key)].content_width != needed
                   for (key, _title), needed in zip(self.columns_shown, self._needed(rows), strict=True))

    def _fitted(self, rows: dict[str, tuple[Text, ...]], count: int) -> dict[str, tuple[Text, ...]]:
        """The rows with the cells that give way cut to what the board's width leaves them
        (`count`: the board's rows, of which `rows` are the ones worked out)."""
        if not rows or not self.size.width:
            return rows
        columns = self.columns_shown
        titles = [cell_len(_(title)) for _key, title in columns]
        natural = self._needed(rows)
        width = self.size.width
        if count > self.size.height - self.header_height:
            width -= self.styles.scrollbar_size_vertical
        room = width - sum(natural) - 2 * self.cell_padding * len(columns)
        if room >= 0:
            return rows
        giving = sorted((natural[i], i) for i, (key, _title) in enumerate(columns) if key in GIVING_WAY)
        room += sum(wanted for wanted, _i in giving)
        caps: dict[int, int] = {}
        for left, (wanted, i) in enumerate(giving):
            # Each gets what it needs up to a fair share of what is left; the header stays whole.
            caps[i] = max(titles[i], min(wanted, room // (len(giving) - left)))
            room -= caps[i]
        # A header kept whole beyond its share (the last, widest column's) is paid for by the widest
        # of the others: one column too many put a sideways scroll bar in the board's last row.
        for i in sorted(caps, key=lambda i: caps[i] - titles[i], reverse=True):
            if room >= 0:
                break
            given_back = min(-room, caps[i] - titles[i])
            caps[i] -= given_back
            room += given_back
        return {key: tuple(_cut(cell, caps[i]) if i in caps else cell for i, cell in enumerate(row))
                for key, row in rows.items()}

    def _cells(self, entry: QueueEntry, snapshot: QueueSnapshot, now: datetime) -> tuple[Text, ...]:
        estimate = snapshot.estimates.get(entry.id)
        ticket = entry.ticket
        if entry.service_day != service_day(now):
            ticket = f"{ticket} ({format_date(entry.service_day)})"
        status = entry.status.label
        if entry.status is not VisitStatus.WAITING and entry.called_by:
            status = f"{status}: {entry.called_by}"
        elif entry.handed_to_id is not None:
            status = f"{status} → " + _("handed over")  # waits for a colleague (forms.handover)
        status = step_out_text(entry, now) or status
        raised, past = wait_marks(entry, now, self.profile)
        urgency = Text(urgency_text(entry.urgency), style=STYLES[entry.urgency])
        if raised:
            urgency.append(f" {raised}", style="bold")
        waited = Text(waiting_minutes(entry, now))
        if past:
            waited.append(f" {past}", style="bold")
        return (
            Text(ticket, style="bold"),
            urgency,
            Text(call_name(entry)),
            Text(status),
            waited,
            _estimate_text(estimate),
            Text(triage_line(entry, self.profile)),
        )


def _estimate_text(estimate: int | None) -> Text:
    return Text(_("~{minutes} min").format(minutes=estimate) if estimate is not None else "")


def _pick(cells: tuple[Text, ...], shown: list[int]) -> tuple[Text, ...]:
    return tuple(cells[i] for i in shown)


def _cut(cell: Text, width: int) -> Text:
    if cell.cell_len <= width:
        return cell
    cut = cell.copy()
    cut.truncate(width, overflow="ellipsis")
    return cut
