"""The follow-ups due: mine today and overdue, all my open ones, or (an administrator) everyone's;
Enter records a contact, t moves one to another date or worker."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from forms.choices import FollowUpBy
from forms.i18n import N_, _, current_language
from forms.timefmt import format_date, service_day
from tui.dialogs.follow_up_contact import record_contact
from tui.dialogs.follow_up_move import move_follow_up
from tui.localised import LocalisedBindings
from tui.messages import QueueChanged
from tui.widgets.header import Header
from tui.widgets.keys_footer import KeysFooter
from workflows.followups import due, may_see_everyones

if TYPE_CHECKING:
    from storage.views import FollowUpLine
    from tui.app import WalkinApp

PAGE = 200
"""Rows drawn at a time (see FollowUpsScreen._draw_rows)."""
WHO_GETS_IN_TOUCH = {FollowUpBy.WORKER: N_("we → client"), FollowUpBy.CLIENT: N_("client → us")}


def short_date(day: date, today: date) -> str:
    """24.11. within this year (the list's dates mostly are), the year only when it differs."""
    if day.year != today.year:
        return format_date(day)
    return f"{day.day}.{day.month}." if current_language() in ("fi", "sv") else f"{day.day} {day:%b}"


def due_text(day: date, today: date) -> Text:
    """The due date with its state in words and a symbol: overdue is not shown by colour alone."""
    if day < today:
        return Text.assemble(short_date(day, today) + " ", ("⚠ " + _("overdue"), "bold"))
    if day == today:
        return Text(short_date(day, today) + " " + _("today"))
    return Text(short_date(day, today))


def about(line: FollowUpLine, destinations: dict[str, str]) -> str:
    """The chosen follow-up in one wrapped line: everything the columns may not have room for."""
    parts = [_("{ticket}, visit {day}").format(ticket=line.ticket, day=format_date(line.service_day)),
             line.staff_name, line.by.label,
             _("failed attempts: {n}").format(n=line.failed_attempts),
             _("consent to contact: {answer}").format(answer=_("yes") if line.consent_to_contact else _("no"))]
    parts += [value for value in (line.call_name, line.callback_phone) if value]
    if line.destinations:
        parts.append(_("referred to: {where}").format(
            where=", ".join(destinations.get(d, d) for d in line.destinations)))
    return " · ".join(parts)


class FollowUpsScreen(LocalisedBindings, Screen[None]):
    HELP = N_(
        "The follow-ups of finished visits, by due date: yours due today and overdue (⚠). "
        "a shows your later ones too; an administrator's e shows everyone's. "
        "Enter records a contact: whether the client was reached, how the referrals went and the "
        "client's answers, then the next date or the reason the service ended. "
        "t moves the follow-up to another date or worker. The name and phone show only while the "
        "client's consent to be contacted stands. Esc goes back."
    )
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="follow_ups.back"),
        Binding("enter", "record", N_("Record contact"), id="follow_ups.record", key_display="⏎", priority=True),
        Binding("t", "move", N_("Move"), id="follow_ups.move"),
        Binding("a", "toggle_later", N_("Later too / due only"), id="follow_ups.later"),
        Binding("e", "toggle_everyone", N_("Everyone's / mine"), id="follow_ups.everyone"),
        Binding("down", "step(1)", N_("Next"), id="follow_ups.down", show=False, priority=True),
        Binding("up", "step(-1)", N_("Previous"), id="follow_ups.up", show=False, priority=True),
    ]

    app: WalkinApp

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[FollowUpLine] = []
        self.later = False
        """All open ones, later ones too (False: due today and overdue)."""
        self.everyone = False
        """Everyone's (an administrator), not only the worker's own."""
        self._columns = (False, False)
        """Whether the name and the phone columns are shown (only when a follow-up gives them)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable[Text](cursor_type="row", zebra_stripes=True, id="follow-ups")
        yield Static("", id="follow-ups-empty", markup=False)
        yield Static("", id="follow-up-about", markup=False)
        yield KeysFooter()

    def on_screen_resume(self) -> None:
        # Also the first showing, and after a contact or a move.
        self.reload()

    @on(QueueChanged)
    def reload(self) -> None:
        self.sub_title = self._what()
        worker, everyone = self.app.worker_on_duty, self.everyone
        if worker is None:
            return  # signing out
        through = None if self.later else service_day(self.app.clock())
        services = self.app.services
        self.app.run_db(lambda: due(services, worker, everyone, through), self._loaded, quiet=True, owner=self,
                        group="follow-ups")

    def _what(self) -> str:
        if self.everyone:
            return _("Everyone's open follow-ups") if self.later else _("Everyone's follow-ups due by today")
        return _("My open follow-ups") if self.later else _("My follow-ups due today and overdue")

    def _loaded(self, lines: list[FollowUpLine]) -> None:
        chosen = self.selected
        self.lines = lines
        table = self.query_one("#follow-ups", DataTable)
        table.clear(columns=True)
        named = any(line.call_name for line in lines)
        phoned = any(line.callback_phone for line in lines)
        columns = [N_("Due"), N_("Visit"), *([N_("Responsible worker")] if self.everyone else []),
                   N_("Contacting"), N_("Not reached"), N_("Consent"),
                   *([N_("Name")] if named else []), *([N_("Phone")] if phoned else [])]
        for title in columns:
            # Widths set here and widened by each page of rows (_draw_rows): a table measuring
            # its own was seen to keep the headers' widths after a reload, cutting the dates.
            table.add_column(_(title), width=Text(_(title)).cell_len)
        self._columns = (named, phoned)
        ids = [line.id for line in lines]
        wanted = ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0
        self._draw_rows(wanted + PAGE)
        if wanted:
            table.move_cursor(row=wanted, animate=False)
        table.display = bool(lines)
        empty = self.query_one("#follow-ups-empty", Static)
        empty.display = not lines
        empty.update(_("No open follow-ups.") if self.later
                     else _("No follow-ups due today or overdue. a shows the later ones too."))
        self._show_about()
        self.refresh_bindings()

    def _draw_rows(self, up_to: int) -> None:
        """Draw the rows up to `up_to` that are not drawn yet: a table measures every cell it is
        given, so thousands of follow-ups are drawn a page at a time as the cursor comes near."""
        table = self.query_one("#follow-ups", DataTable)
        today = service_day(self.app.clock())
        named, phoned = self._columns
        rows = [
            [due_text(line.due_on, today), Text(f"{line.ticket} {short_date(line.service_day, today)}"),
             *([Text(line.staff_name)] if self.everyone else []),
             Text(_(WHO_GETS_IN_TOUCH[line.by])),
             Text(f"{line.failed_attempts}×" if line.failed_attempts else "–"),
             Text(_("yes") if line.consent_to_contact else _("no")),
             *([Text(line.call_name or "")] if named else []),
             *([Text(line.callback_phone or "")] if phoned else [])]
            for line in self.lines[table.row_count:up_to]]
        for index, column in enumerate(table.ordered_columns):
            column.width = max([column.width, *(row[index].cell_len for row in rows)])
        table.add_rows(rows)

    @property
    def selected(self) -> FollowUpLine | None:
        row = self.query_one("#follow-ups", DataTable).cursor_row
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= event.data_table.row_count - PAGE // 2:
            self._draw_rows(event.data_table.row_count + PAGE)
        self._show_about()

    def _show_about(self) -> None:
        line = self.selected
        shown = self.query_one("#follow-up-about", Static)
        shown.display = line is not None
        if line is not None:
            destinations = {d.id: str(d.label) for d in self.app.profile.referral_destinations}
            shown.update(about(line, destinations))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_everyone":
            member = self.app.worker_on_duty
            return member is not None and may_see_everyones(member)
        if action in ("record", "move"):
            return self.selected is not None or None  # greyed out on an empty list
        return True

    # -------------------------------------------------------------- actions ---
    def action_step(self, step: int) -> None:
        table = self.query_one("#follow-ups", DataTable)
        if self.lines:
            table.move_cursor(row=max(0, min(len(self.lines) - 1, table.cursor_row + step)), animate=False)

    def action_record(self) -> None:
        if (line := self.selected) is not None:
            record_contact(self.app, line.id, then=self.reload)

    def action_move(self) -> None:
        if (line := self.selected) is not None:
            move_follow_up(self.app, line, then=self.reload)

    def action_toggle_later(self) -> None:
        self.later = not self.later
        self.reload()

    def action_toggle_everyone(self) -> None:
        self.everyone = not self.everyone
        self.reload()

    def action_back(self) -> None:
        self.dismiss()
