"""The audit trail for the administrator: filter by days, worker, action or ticket; save as CSV."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, Static

from forms.audit_query import AuditQuery
from forms.choices import AuditAction
from forms.fields import field_messages
from forms.i18n import N_, _
from forms.timefmt import format_date, format_datetime
from storage.audit import AuditRow
from tui.localised import LocalisedBindings
from tui.widgets.form_field import FormField, read_fields, show_errors
from tui.widgets.header import Header
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from tui.app import WalkinApp

COLUMNS = (N_("Time"), N_("Worker"), N_("Workstation"), N_("Action"), N_("Visit"), N_("Detail"))
SHOWN = 500


class AuditScreen(LocalisedBindings, Screen[None]):
    HELP = N_("Every view of a visit, every change, print and export, newest first (the latest 500 on "
              "screen; the CSV has them all). Fill in any of the filters and press Enter. The trail "
              "cannot be changed.")
    BINDINGS = [
        Binding("f2", "filter", N_("Filter"), id="audit.filter"),
        Binding("ctrl+s", "export", N_("Save CSV"), id="audit.export"),
        Binding("escape", "back", N_("Back"), id="audit.back"),
    ]
    AUTO_FOCUS = "#field-day_from Input"

    app: WalkinApp

    def __init__(self) -> None:
        super().__init__()
        self.query_shown = AuditQuery()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="field-row", id="audit-filters"):
            yield FormField(_("From"), Input(), name="day_from")
            yield FormField(_("To"), Input(), name="day_to")
            yield FormField(_("Username"), Input(max_length=32), name="username")
            yield FormField(_("Action"), Select(AuditAction.options(), prompt=_("all")), name="action")
            yield FormField(_("Ticket"), Input(max_length=8), name="ticket")
        yield Static("", id="audit-count")
        yield DataTable[Text](cursor_type="row", zebra_stripes=True, id="audit")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for title in COLUMNS:
            table.add_column(_(title))
        self._load()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_filter()

    def action_filter(self) -> None:
        try:
            self.query_shown = AuditQuery.model_validate(read_fields(self))
        except ValidationError as error:
            show_errors(self, field_messages(error))
            return
        show_errors(self, {})
        self._load()

    def _load(self) -> None:
        where = self.query_shown
        self.app.run_db(lambda: self.app.services.audit.events(where, SHOWN), self._show)

    def _show(self, rows: list[AuditRow]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for row in rows:
            visit = f"{row.ticket} {format_date(row.service_day)}" if row.ticket and row.service_day else ""
            cells = (format_datetime(row.at), row.username or row.actor or "", row.workstation or "",
                     row.action.label, visit, row.detail or "")
            table.add_row(*(Text(cell) for cell in cells))
        more = _(" (the latest {n})").format(n=SHOWN) if len(rows) == SHOWN else ""
        self.query_one("#audit-count", Static).update(_("{n} events").format(n=len(rows)) + more)

    def action_export(self) -> None:
        """All the events of the filter as CSV in the data folder; the export is itself recorded."""
        app, where, actor = self.app, self.query_shown, self.app.actor

        def job() -> str:
            from workflows.exports import save_audit_csv

            return save_audit_csv(app.services, app.settings, where, actor)

        self.app.run_db(job, lambda message: self.notify(message, timeout=12))

    def action_back(self) -> None:
        self.dismiss()
