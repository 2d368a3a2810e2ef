"""The queue board: open visits in serving order, updated in place so the cursor stays put."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from forms.choices import Urgency, VisitStatus
from forms.i18n import N_, _
from forms.timefmt import format_date, service_day
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
LARGE_DROPS = ("estimate", "triage")
"""Left out of the larger-text layout: the triage is on the visit and triage screens, and fewer,
wider columns read more easily row by row."""


class QueueBoard(DataTable[Text]):
    large: reactive[bool] = reactive(False, init=False)
    """The larger-text layout: fewer columns, more space between them (tui.accessibility)."""

    def __init__(self, profile: ServiceProfile, left_out: Collection[str] = (), **kwargs: object) -> None:
        """`left_out`: columns this board never shows (another site's board: no names, no triage)."""
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.profile = profile
        self.left_out = frozenset(left_out)
        self._keys: list[str] = []
        self._shown: tuple[QueueSnapshot, datetime] | None = None

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
        if self._shown is not None:
            self.show(*self._shown)

    def show(self, snapshot: QueueSnapshot, now: datetime) -> None:
        self._shown = (snapshot, now)
        shown = [i for i, column in enumerate(COLUMNS) if column in self.columns_shown]
        every = {str(e.id): self._cells(e, snapshot, now) for e in snapshot.entries}
        rows = self._fitted({key: tuple(cells[i] for i in shown) for key, cells in every.items()})
        keys = list(rows)
        selected = self.selected_id
        gone = set(self._keys) - set(keys)
        kept = [key for key in self._keys if key not in gone]
        if keys[:len(kept)] != kept or self._widths_change(rows):
            # Reordered (a triage moved a client up), or a column's width changes (a longer name
            # came, the longest went): drawn anew, the columns measured again with the rows.
            self._redraw()
            gone, kept = set(), []
        # The usual change (a call takes a row, a walk-in joins at the end) touches those rows and
        # the cells that changed: a board of hundreds is not drawn again for one.
        for key in gone:
            self.remove_row(key)
        for key in keys[len(kept):]:
            self.add_row(*rows[key], key=key)
        for key in kept:
            for (column, _title), cell in zip(self.columns_shown, rows[key], strict=True):
                if self.get_cell(key, column) != cell:
                    self.update_cell(key, column, cell)  # widths unchanged: _widths_change said so
        self._keys = keys
        if selected is not None and str(selected) in rows:
            self.move_cursor(row=keys.index(str(selected)), animate=False)

    def _redraw(self) -> None:
        self.clear(columns=True)
        self._add_columns()
        self._keys = []

    def _widths_change(self, rows: dict[str, tuple[Text, ...]]) -> bool:
        """Whether a column is to be wider or narrower than it is drawn, for its title and `rows`."""
        if not self._keys:
            return False  # nothing drawn yet: the rows are all added now, and measured
        for i, (key, title) in enumerate(self.columns_shown):
            needed = max([cell_len(_(title)), *(row[i].cell_len for row in rows.values())])
            if self.columns[ColumnKey(key)].content_width != needed:
                return True
        return False

    def _fitted(self, rows: dict[str, tuple[Text, ...]]) -> dict[str, tuple[Text, ...]]:
        """The rows with the cells that give way cut to what the board's width leaves them."""
        if not rows or not self.size.width:
            return rows
        columns = self.columns_shown
        titles = [cell_len(_(title)) for _key, title in columns]
        natural = [max([titles[i], *(row[i].cell_len for row in rows.values())]) for i in range(len(columns))]
        width = self.size.width
        if len(rows) > self.size.height - self.header_height:
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
            Text(_("~{minutes} min").format(minutes=estimate) if estimate is not None else ""),
            Text(triage_line(entry, self.profile)),
        )


def _cut(cell: Text, width: int) -> Text:
    if cell.cell_len <= width:
        return cell
    cut = cell.copy()
    cut.truncate(width, overflow="ellipsis")
    return cut
