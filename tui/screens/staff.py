"""The administrator's accounts screen: add, change, deactivate and reactivate, reset a PIN; the way
to the audit trail and the data-subject requests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from forms.choices import StaffRole
from forms.i18n import N_, _
from forms.staff import NewPin, NewStaff, StaffDetails
from storage.views import StaffMember
from tui.dialogs.staff import PinDialog, StaffDialog
from tui.localised import LocalisedBindings
from tui.widgets.header import Header
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from tui.app import WalkinApp

COLUMNS = (N_("Username"), N_("Name"), N_("Job title"), N_("Role"), N_("State"))


class StaffScreen(LocalisedBindings, Screen[None]):
    HELP = N_("Accounts of the desk. A deactivated account cannot sign in; its history stays. "
              "There is always at least one active administrator. u shows the audit trail; p the data-subject "
              "requests (find a person's visits, access copy, log extract, erase, the register).")
    BINDINGS = [
        Binding("a", "add", N_("New account"), id="staff.add"),
        Binding("e", "change", N_("Change"), id="staff.change"),
        Binding("d", "toggle_active", N_("Deactivate / activate"), id="staff.toggle"),
        Binding("r", "reset_pin", N_("New PIN"), id="staff.pin"),
        Binding("u", "audit", N_("Audit trail"), id="staff.audit"),
        Binding("p", "privacy", N_("Data-subject requests"), id="staff.privacy"),
        Binding("escape", "back", N_("Back"), id="staff.back"),
    ]

    app: WalkinApp

    def __init__(self) -> None:
        super().__init__()
        self.members: list[StaffMember] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("Accounts"), classes="card-title")
        yield DataTable[Text](cursor_type="row", zebra_stripes=True, id="staff")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for title in COLUMNS:
            table.add_column(_(title))
        self.reload()

    def reload(self) -> None:
        staff, by = self.app.services.staff, self.app.staff_id
        self.app.run_db(lambda: staff.all_members(by), self._show)

    def _show(self, members: list[StaffMember]) -> None:
        self.members = members
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for m in members:
            state = _("active") if m.active else _("deactivated")
            cells = (m.username, m.display_name, m.job_title, StaffRole(m.role).label, state)
            table.add_row(*(Text(cell, style="" if m.active else "dim") for cell in cells))
        table.move_cursor(row=min(row, len(members) - 1))

    @property
    def selected(self) -> StaffMember | None:
        row = self.query_one(DataTable).cursor_row
        return self.members[row] if 0 <= row < len(self.members) else None

    def _save(self, job: object) -> None:
        self.app.run_db(job, lambda _result: self.reload())  # type: ignore[arg-type]

    def action_add(self) -> None:
        staff, by = self.app.services.staff, self.app.staff_id

        def chosen(new: StaffDetails | None) -> None:
            if isinstance(new, NewStaff):
                self._save(lambda: staff.add(new, by))

        self.app.push_screen(StaffDialog(), chosen)

    def action_change(self) -> None:
        member, staff, by = self.selected, self.app.services.staff, self.app.staff_id
        if member is None:
            return

        def chosen(details: StaffDetails | None) -> None:
            if details is not None:
                self._save(lambda: staff.change(member.id, details, by))

        self.app.push_screen(StaffDialog(member), chosen)

    def action_toggle_active(self) -> None:
        member, staff, by = self.selected, self.app.services.staff, self.app.staff_id
        if member is not None:
            self._save(lambda: staff.set_active(member.id, not member.active, by))

    def action_reset_pin(self) -> None:
        member, staff, by = self.selected, self.app.services.staff, self.app.staff_id
        if member is None:
            return

        def chosen(new: NewPin | None) -> None:
            if new is not None:
                self._save(lambda: staff.reset_pin(member.id, new.pin, by))

        self.app.push_screen(PinDialog(member), chosen)

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_change()

    def action_audit(self) -> None:
        from tui.screens.audit import AuditScreen

        self.app.push_screen(AuditScreen())

    def action_privacy(self) -> None:
        from tui.screens.privacy import PrivacyScreen

        self.app.push_screen(PrivacyScreen())

    def action_back(self) -> None:
        self.dismiss()
