"""Hand a client over to a named colleague: whom (an active account) and why (required, kept)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Select, Static

from forms.handover import REASON_LENGTH, HandoverRequest
from forms.i18n import _
from storage.views import StaffMember
from tui.dialogs.form_dialog import FormDialog
from tui.widgets.form_field import FormField
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from tui.app import WalkinApp


class HandoverDialog(FormDialog[HandoverRequest]):
    """The colleague from a list (↑/↓, Enter), then the reason; Enter or F2 hands over."""

    MODEL = HandoverRequest
    AUTO_FOCUS = "#field-to_staff_id Select"

    def __init__(self, ticket: str, colleagues: Sequence[StaffMember],
                 elsewhere: Mapping[int, str] | None = None) -> None:
        """`elsewhere`: the colleagues at work at another site now, with its name."""
        super().__init__()
        self.ticket = ticket
        self.colleagues = colleagues
        self.elsewhere = elsewhere or {}

    def compose(self) -> ComposeResult:
        options = [(f"{m.display_name} ({m.job_title})"
                    + (f" – {self.elsewhere[m.id]}" if m.id in self.elsewhere else ""), m.id)
                   for m in self.colleagues]
        with Vertical(classes="dialog"):
            yield Static(_("Hand {ticket} over to a colleague").format(ticket=self.ticket), classes="card-title")
            yield FormField(_("Colleague"), Select(options, prompt=_("choose")), name="to_staff_id")
            # Longer than the rule allows: a reason too long is said beside the field, not cut short.
            yield FormField(_("Reason (the colleague sees it); Enter or F2 hands over"),
                            Input(max_length=2 * REASON_LENGTH), name="reason")
            yield Static(_("The client waits for them in the queue; their call next takes the client first."))
        yield KeysFooter()


def hand_over(app: WalkinApp, visit_id: int, ticket: str, then: object = None) -> None:
    """Read the active colleagues, ask whom and why, and hand the visit over."""
    staff_id = app.staff_id
    desk = app.services.desk

    def chosen(request: HandoverRequest | None) -> None:
        if request is None:
            return
        name = next((m.display_name for m in colleagues if m.id == request.to_staff_id), "")

        def done(_result: object) -> None:
            if request.to_staff_id in elsewhere:
                app.notify(_("{ticket} handed over to {name} at {site}").format(
                    ticket=ticket, name=name, site=elsewhere[request.to_staff_id]), timeout=5)
            else:
                app.notify(_("{ticket} handed over to {name}").format(ticket=ticket, name=name), timeout=5)
            if callable(then):
                then()

        app.run_db(lambda: desk.hand_over(visit_id, request, staff_id), done)

    colleagues: list[StaffMember] = []
    elsewhere: dict[int, str] = {}

    def listed(read: tuple[list[StaffMember], dict[int, str]]) -> None:
        members, sites = read
        colleagues[:] = [m for m in members if m.id != staff_id]
        elsewhere.update({i: app.profile.site_name(site) for i, site in sites.items() if site != desk.site})
        if not colleagues:
            app.notify(_("No colleague has an active account."), timeout=5)
            return
        app.push_screen(HandoverDialog(ticket, colleagues, elsewhere), chosen)

    # Keys typed meanwhile wait for the dialog (a worker types "h", the colleague and the reason at once).
    app.run_db(lambda: (app.services.staff.active_members(), desk.colleague_sites()), listed, hold_keys=True)
