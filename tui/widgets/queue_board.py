"""The queue board: open visits in serving order, updated in place so the cursor stays put."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

from forms.choices import Urgency, VisitStatus
from forms.i18n import N_, _
from forms.timefmt import format_date, service_day
from tui.visit_text import call_name, triage_line, urgency_text, wait_marks, waiting_minutes

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


class QueueBoard(DataTable[Text]):
    def __init__(self, profile: ServiceProfile, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.profile = profile
        self._keys: list[str] = []

    def on_mount(self) -> None:
        for key, title in COLUMNS:
            self.add_column(_(title), key=key)

    @property
    def selected_id(self) -> int | None:
        if not self._keys or self.cursor_row < 0 or self.cursor_row >= len(self._keys):
            return None
        return int(self._keys[self.cursor_row])

    def show(self, snapshot: QueueSnapshot, now: datetime) -> None:
        rows = {str(e.id): self._cells(e, snapshot, now) for e in snapshot.entries}
        keys = list(rows)
        if keys == self._keys:
            for key, cells in rows.items():
                for (column, _title), cell in zip(COLUMNS, cells, strict=True):
                    if self.get_cell(key, column) != cell:
                        self.update_cell(key, column, cell, update_width=True)  # a mark added later fits
            return
        selected = self.selected_id
        self.clear()
        for key, cells in rows.items():
            self.add_row(*cells, key=key)
        self._keys = keys
        if selected is not None and str(selected) in rows:
            self.move_cursor(row=keys.index(str(selected)), animate=False)

    def _cells(self, entry: QueueEntry, snapshot: QueueSnapshot, now: datetime) -> tuple[Text, ...]:
        estimate = snapshot.estimates.get(entry.id)
        ticket = entry.ticket
        if entry.service_day != service_day(now):
            ticket = f"{ticket} ({format_date(entry.service_day)})"
        status = entry.status.label
        if entry.status is not VisitStatus.WAITING and entry.called_by:
            status = f"{status}: {entry.called_by}"
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
