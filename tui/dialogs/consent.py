"""Record a consent (what, and how it was given), or its withdrawal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Select, Static

from forms.choices import ConsentKind, ConsentMethod
from forms.consent import ConsentGiven, ConsentWithdrawn
from forms.i18n import _
from forms.timefmt import format_datetime
from storage.views import ConsentRecord
from tui.dialogs.form_dialog import FormDialog
from tui.widgets.form_field import FormField
from tui.widgets.keys_footer import KeysFooter


def _choose(label: str, options: list[tuple[str, object]], name: str) -> FormField:
    return FormField(label, Select(options, prompt=_("choose")), name=name)


class ConsentDialog(FormDialog[ConsentGiven]):
    MODEL = ConsentGiven
    AUTO_FOCUS = "#field-kind Select"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("Record a consent"), classes="card-title")
            yield _choose(_("Consent to"), ConsentKind.options(), "kind")  # type: ignore[arg-type]
            yield _choose(_("Given"), ConsentMethod.options(), "method")  # type: ignore[arg-type]
            yield Static(_("F2 saves; the time and your name are recorded with it."))
        yield KeysFooter()


class WithdrawalDialog(FormDialog[ConsentWithdrawn]):
    MODEL = ConsentWithdrawn
    AUTO_FOCUS = "#field-consent_id Select"

    def __init__(self, consents: list[ConsentRecord]) -> None:
        super().__init__()
        self.consents = consents

    def compose(self) -> ComposeResult:
        options = [(f"{ConsentKind(c.kind).label}, {format_datetime(c.given_at)}", c.id) for c in self.consents]
        with Vertical(classes="dialog"):
            yield Static(_("Withdraw a consent"), classes="card-title")
            yield _choose(_("Consent"), options, "consent_id")  # type: ignore[arg-type]
            yield _choose(_("Withdrawn"), ConsentMethod.options(), "method")  # type: ignore[arg-type]
            yield Static(_("F2 saves. The consent and its withdrawal both stay on record."))
        yield KeysFooter()
