"""Data-subject requests for the administrator: find a person's visits, an access copy and a log
extract, erase with a reason, restrict, mark old client matters documented, the register of requests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from forms.choices import ErasureReason
from forms.fields import field_messages
from forms.i18n import N_, _
from forms.privacy import DocumentOrder, FindQuery, NewRequest
from forms.timefmt import format_date, service_day
from storage.privacy import FoundVisit, RequestRecord
from tui.localised import LocalisedBindings
from tui.widgets.form_field import FormField, read_fields, show_errors
from tui.widgets.header import Header
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from tui.app import WalkinApp

FOUND_COLUMNS = ("✓", N_("Ticket"), N_("Day"), N_("Status"), N_("Restricted"), N_("Documentation"),
                 N_("Name to call"), N_("Callback phone"))
REGISTER_COLUMNS = (N_("No."), N_("Received"), N_("Kind"), N_("Due"), N_("State"), N_("Visits"))
NEEDS_VISITS = frozenset({"choose", "choose_all", "copy", "extract", "erase", "restrict", "new_request"})


class PrivacyScreen(LocalisedBindings, Screen[None]):
    HELP = N_(
        "Data-subject requests (GDPR Art. 15, 17, 18; the log extract of Act 703/2023 § 11). Find a "
        "person's visits by the name to call (a part of it), the callback phone, or a ticket and its date, "
        "and press Enter or F2; visits already erased are not searched. Space chooses a visit (a: all "
        "found); without a choice each step takes the highlighted visit. c: access copy (PDF printed or "
        "saved, or JSON); l: log extract (PDF or CSV); files go to the data folder's exports, named by "
        "visit numbers. e: erase the personal fields now, with a reason (the counts stay). r: restrict "
        "(no handouts, the ticket only on screens) or lift it. m: mark an old client matter documented in "
        "the client information system, so retention may erase it. n: add the request to the register "
        "(due a month after receipt); f: mark the highlighted request done. Every step is on the audit trail."
    )
    BINDINGS = [
        Binding("f2", "find", N_("Find"), id="privacy.find"),
        Binding("space", "choose", N_("Choose"), id="privacy.choose"),
        Binding("a", "choose_all", N_("All found"), id="privacy.all", show=False),
        Binding("c", "copy", N_("Access copy"), id="privacy.copy"),
        Binding("l", "extract", N_("Log extract"), id="privacy.extract"),
        Binding("e", "erase", N_("Erase"), id="privacy.erase"),
        Binding("r", "restrict", N_("Restrict / lift"), id="privacy.restrict"),
        Binding("m", "documented", N_("Documented"), id="privacy.documented", show=False),
        Binding("n", "new_request", N_("New request"), id="privacy.new_request"),
        Binding("f", "request_done", N_("Request done"), id="privacy.done"),
        Binding("escape", "back", N_("Back"), id="privacy.back"),
    ]
    AUTO_FOCUS = "#field-name Input"

    app: WalkinApp

    def __init__(self) -> None:
        super().__init__()
        self.found: list[FoundVisit] = []
        self.chosen: set[int] = set()
        self.register: tuple[RequestRecord, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="field-row", id="privacy-search"):
            yield FormField(_("Name to call"), Input(max_length=60), name="name")
            yield FormField(_("Phone"), Input(max_length=30), name="phone")
            yield FormField(_("Ticket"), Input(max_length=8), name="ticket")
            yield FormField(_("Date"), Input(max_length=10), name="day")
        yield Static(_("Find a person's visits: Enter or F2."), id="privacy-found-count")
        yield DataTable[Text](cursor_type="row", zebra_stripes=True, id="privacy-found")
        yield Static(_("Register of requests"), classes="card-title", id="privacy-register-title")
        yield DataTable[Text](cursor_type="row", zebra_stripes=True, id="privacy-register")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Data-subject requests")
        for table, columns in (("#privacy-found", FOUND_COLUMNS), ("#privacy-register", REGISTER_COLUMNS)):
            widget = self.query_one(table, DataTable)
            for title in columns:
                widget.add_column(_(title))
        self._load_register()

    # ---------------------------------------------------------------- find ---
    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_find()

    def action_find(self) -> None:
        try:
            query = FindQuery.model_validate(read_fields(self.query_one("#privacy-search")))
        except ValidationError as error:
            messages = field_messages(error)
            if "" in messages:  # nothing typed: said beside the first field
                messages.setdefault("name", messages.pop(""))
            show_errors(self, messages)
            return
        show_errors(self, {})
        from workflows.privacy import find

        services, actor = self.app.services, self.app.actor
        self.app.run_db(lambda: find(services, query, actor), self._found, owner=self, group="privacy-find")

    def _found(self, found: tuple[FoundVisit, ...]) -> None:
        self.found, self.chosen = list(found), set()
        self._show_found()
        table = self.query_one("#privacy-found", DataTable)
        if found:
            table.focus()

    def _show_found(self) -> None:
        table = self.query_one("#privacy-found", DataTable)
        row = table.cursor_row
        table.clear()
        for v in self.found:
            cells = ("✓" if v.id in self.chosen else "", v.ticket, format_date(v.service_day), v.status.label,
                     _("restricted") if v.restricted else "", _("awaits") if v.awaits_documentation else "",
                     v.call_name or "–", v.callback_phone or "–")
            table.add_row(*(Text(cell) for cell in cells), key=str(v.id))
        if self.found:
            table.move_cursor(row=max(0, min(row, len(self.found) - 1)), animate=False)
        count = (_("{n} visits found; {chosen} chosen.").format(n=len(self.found), chosen=len(self.chosen))
                 if self.found else _("No visits found (visits whose personal data are already erased are "
                                      "not searched)."))
        self.query_one("#privacy-found-count", Static).update(count)
        self.refresh_bindings()

    @property
    def highlighted(self) -> FoundVisit | None:
        row = self.query_one("#privacy-found", DataTable).cursor_row
        return self.found[row] if 0 <= row < len(self.found) else None

    @property
    def targets(self) -> list[FoundVisit]:
        """The chosen visits, or the highlighted one when none is chosen."""
        if self.chosen:
            return [v for v in self.found if v.id in self.chosen]
        return [v] if (v := self.highlighted) is not None else []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # None: shown greyed out, so the footer still tells what the screen can do.
        if action in NEEDS_VISITS:
            return bool(self.found) or None
        if action == "documented":
            return any(v.awaits_documentation for v in self.targets) or None
        if action == "request_done":
            return ((r := self.selected_request) is not None and r.done_at is None) or None
        return True

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()

    def action_choose(self) -> None:
        if (visit := self.highlighted) is not None:
            self.chosen ^= {visit.id}
            self._show_found()

    def action_choose_all(self) -> None:
        everyone = {v.id for v in self.found}
        self.chosen = set() if self.chosen == everyone else everyone
        self._show_found()

    # ------------------------------------------------------- the documents ---
    def action_copy(self) -> None:
        from workflows.privacy import copy_out

        self._document(_("Access copy of {n} visits"), _("Save as JSON"), copy_out)

    def action_extract(self) -> None:
        from workflows.privacy import extract_out

        self._document(_("Log extract of {n} visits"), _("Save as CSV"), extract_out)

    def _document(self, title: str, data_label: str, make: Callable[..., str]) -> None:
        from tui.dialogs.privacy_document import DocumentDialog

        ids = [v.id for v in self.targets]
        app = self.app
        services, settings, profile, actor = app.services, app.settings, app.profile, app.actor

        def chosen(order: DocumentOrder | None) -> None:
            if order is not None:
                app.run_db(lambda: make(services, settings, profile, ids, order, actor), self._told)

        if ids:
            app.push_screen(DocumentDialog(title.format(n=len(ids)), data_label, app.settings.language), chosen)

    def _told(self, message: str) -> None:
        self.notify(message, timeout=12)

    # --------------------------------------------------- erase, restrict ---
    def action_erase(self) -> None:
        from tui.dialogs.privacy_erase import EraseDialog
        from workflows.privacy import erase

        ids = [v.id for v in self.targets]
        services, settings, actor = self.app.services, self.app.settings, self.app.actor

        def chosen(reason: ErasureReason | None) -> None:
            if reason is not None:
                self.app.run_db(lambda: erase(services, settings, ids, reason, actor),
                                lambda erased: self._changed(erased.text(), ids, None))

        if ids:
            self.app.push_screen(EraseDialog(len(ids)), chosen)

    def action_restrict(self) -> None:
        """Restrict the visits, or lift it when every one of them is restricted already."""
        from workflows.privacy import restricted_text

        targets = self.targets
        ids, lift = [v.id for v in targets], all(v.restricted for v in targets)
        privacy, actor = self.app.services.privacy, self.app.actor
        if ids:
            self.app.run_db(lambda: privacy.restrict(ids, actor, lift=lift),
                            lambda n: self._changed(restricted_text(n, lift), ids, {"restricted": not lift}))

    def action_documented(self) -> None:
        from workflows.privacy import mark_documented

        targets, services, staff_id = self.targets, self.app.services, self.app.staff_id
        self.app.run_db(lambda: mark_documented(services, targets, staff_id),
                        lambda ids: self._changed(_("Marked documented in the client information system: {n} "
                                                    "visits.").format(n=len(ids)), ids,
                                                  {"awaits_documentation": False}))

    def _changed(self, message: str, ids: list[int] | tuple[int, ...], fields: dict[str, bool] | None) -> None:
        """The visits as they now are: `fields` changed, or (None) erased and so no longer found."""
        self._told(message)
        if fields is None:
            self.found = [v for v in self.found if v.id not in ids]
            self.chosen -= set(ids)
        else:
            self.found = [replace(v, **fields) if v.id in ids else v for v in self.found]  # type: ignore[arg-type]
        self._show_found()

    # ------------------------------------------------------------ register ---
    def _load_register(self) -> None:
        privacy, actor = self.app.services.privacy, self.app.actor
        self.app.run_db(lambda: privacy.requests(actor), self._show_register, owner=self, group="privacy-register")

    def _show_register(self, register: tuple[RequestRecord, ...]) -> None:
        from workflows.privacy import request_state

        self.register = register
        table = self.query_one("#privacy-register", DataTable)
        row = table.cursor_row
        table.clear()
        for r in register:
            cells = (str(r.id), format_date(r.received_on), r.kind.label, format_date(r.due_on), request_state(r),
                     ", ".join(r.tickets))
            table.add_row(*(Text(cell, style="bold" if r.overdue else "") for cell in cells), key=str(r.id))
        if register:
            table.move_cursor(row=max(0, min(row, len(register) - 1)), animate=False)
        self.refresh_bindings()

    @property
    def selected_request(self) -> RequestRecord | None:
        row = self.query_one("#privacy-register", DataTable).cursor_row
        return self.register[row] if 0 <= row < len(self.register) else None

    def action_new_request(self) -> None:
        from tui.dialogs.privacy_request import RequestDialog
        from workflows.privacy import add_request

        ids = [v.id for v in self.targets]
        services, actor = self.app.services, self.app.actor

        def chosen(new: NewRequest | None) -> None:
            if new is not None:
                self.app.run_db(lambda: add_request(services, new.kind, new.received_on, ids, actor),
                                self._registered)

        if ids:
            self.app.push_screen(RequestDialog(len(ids), service_day(self.app.clock())), chosen)

    def action_request_done(self) -> None:
        from workflows.privacy import mark_done

        if (request := self.selected_request) is not None:
            services, actor = self.app.services, self.app.actor
            self.app.run_db(lambda: mark_done(services, request.id, actor), self._registered)

    def _registered(self, message: str) -> None:
        self._told(message)
        self._load_register()

    def action_back(self) -> None:
        self.dismiss()
