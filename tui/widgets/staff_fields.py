"""The account form in pairs of fields: the first run, and the administrator's add and edit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select

from forms.choices import StaffRole
from forms.i18n import _
from tui.widgets.form_field import FormField

if TYPE_CHECKING:
    from storage.views import StaffMember


def staff_fields(shown: StaffMember | None = None, pin: bool = True, role: bool = False,
                 details: bool = True) -> ComposeResult:
    """`shown`: an account being changed; `pin`: ask a new PIN twice; `role`: let it be chosen;
    `details`: False for the PIN alone."""

    def text(name: str, label: str, max_length: int, password: bool = False) -> FormField:
        value = getattr(shown, name, None) or ""
        return FormField(label, Input(value, max_length=max_length, password=password), name=name)

    pairs = [] if not details else [
        (text("username", _("Username (e.g. anna.k)"), 32), text("display_name", _("Name as shown to clients"), 80)),
        (text("job_title", _("Job title"), 80), text("phone", _("Phone"), 30)),
        (text("phone_hours", _("Phone hours"), 80), text("email", _("Email"), 120)),
    ]
    if role:
        current = shown.role if shown else StaffRole.DESK.value
        choose = FormField(_("Role"), Select(StaffRole.options(), value=current, allow_blank=False), name="role")
        pairs.append((text("location", _("Where to find them"), 120), choose))
    if pin:
        pairs.append((text("pin", _("PIN (4–12 digits)"), 12, password=True),
                      text("pin_again", _("PIN again"), 12, password=True)))
    for left, right in pairs:
        with Horizontal(classes="field-row"):
            yield left
            yield right
