"""Move a follow-up to another date or to another worker (or both); the store audits the move."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Select, Static

from forms.followup import FollowUpMove
from forms.i18n import _
from forms.timefmt import format_date
from storage.views import StaffMember
from tui.dialogs.form_dialog import FormDialog
from tui.inert import plain
from tui.widgets.form_field import FormField, show_errors
from tui.widgets.keys_footer import KeysFooter
from workflows import followups as steps

if TYPE_CHECKING:
    from storage.views import FollowUpLine
    from tui.app import WalkinApp


def typed_date(day: date) -> str:
    """A date as the desk types one (24.11.2026), whatever the UI language."""
    return f"{day.day}.{day.month}.{day.year}"


class MoveFollowUpDialog(FormDialog[FollowUpMove]):
    """The date (Enter or F2 moves) and the worker from the active accounts (↑/↓, Enter)."""

    MODEL = FollowUpMove
    AUTO_FOCUS = "#field-due_on Input"

    app: WalkinApp

    def __init__(self, line: FollowUpLine, members: Sequence[StaffMember]) -> None:
        super().__init__()
        self.line = line
        self.members = members

    def validation_context(self) -> dict[str, Any]:
        return {"now": self.app.clock(), "due_on": self.line.due_on}

    def action_save(self) -> None:
        if self.query_one(Select).value is Select.NULL:
            show_errors(self, {"staff_id": _("Choose one of the options.")})
            return
        day = self.query_one("#field-due_on Input", Input)
        if not day.value.strip():
            day.value = typed_date(self.line.due_on)  # left empty: the date stays
        super().action_save()

    def compose(self) -> ComposeResult:
        line = self.line
        options = [(plain(f"{m.display_name} ({m.job_title})"), m.id) for m in self.members]
        ids = {m.id for m in self.members}
        with Vertical(classes="dialog"):
            yield Static(_("Move the follow-up of {ticket}").format(ticket=line.ticket), classes="card-title",
                         markup=False)
            yield Static(_("Now due {day}, with {name}.").format(day=format_date(line.due_on), name=line.staff_name),
                         markup=False)
            # Empty, the date it has as the placeholder: a new date is typed without first
            # deleting the old one, and left empty only the worker changes.
            yield FormField(_("New date (e.g. 24.11.2026; empty: keep it); Enter or F2 moves"),
                            Input(placeholder=typed_date(line.due_on), max_length=20), name="due_on")
            yield FormField(_("Responsible worker"),
                            Select(options, prompt=_("choose"),
                                   value=line.staff_id if line.staff_id in ids else Select.NULL),
                            name="staff_id")
        yield KeysFooter()


def move_follow_up(app: WalkinApp, line: FollowUpLine, then: Callable[[], object]) -> None:
    """Read the active accounts, ask for the date and the worker, and move the follow-up."""
    services, worker = app.services, app.worker_on_duty
    assert worker is not None

    def chosen(move: FollowUpMove | None) -> None:
        if move is None:
            return
        name = next((m.display_name for m in members if m.id == move.staff_id), "")

        def done(changed: list[str]) -> None:
            if not changed:
                app.notify(_("Nothing changed in the follow-up of {ticket}.").format(ticket=line.ticket), timeout=4)
                return
            app.notify(_("The follow-up of {ticket} moved to {day}, {name}.").format(
                ticket=line.ticket, day=format_date(move.due_on), name=name), timeout=5)
            then()

        app.run_db(lambda: steps.move(services, line.id, move, worker), done)

    members: list[StaffMember] = []

    def listed(found: list[StaffMember]) -> None:
        members[:] = found
        app.push_screen(MoveFollowUpDialog(line, members), chosen)

    # Keys typed meanwhile wait for the dialog.
    app.run_db(services.staff.active_members, listed, hold_keys=True)
