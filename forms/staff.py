"""A staff account as the desk and the command line fill it in."""

from __future__ import annotations

from pydantic import ValidationInfo, field_validator

from forms.base import FrozenModel
from forms.choices import StaffRole
from forms.fields import Email, Phone, Pin, Username, fail, text
from forms.i18n import _


class StaffDetails(FrozenModel):
    """Who a worker is, as printed on a contact card."""

    username: Username
    display_name: text(80, required=True)
    job_title: text(80, required=True)
    phone: Phone = None
    phone_hours: text(80) = None
    email: Email = None
    location: text(120) = None
    role: StaffRole = StaffRole.DESK


class NewPin(FrozenModel):
    """A PIN typed twice: a new account's, or one the administrator resets."""

    pin: Pin
    pin_again: str

    @field_validator("pin_again")
    @classmethod
    def _pins_match(cls, value: str, info: ValidationInfo) -> str:
        if "pin" in info.data and value != info.data["pin"]:
            raise fail("pin_mismatch", _("The PINs do not match."))
        return value


class NewStaff(StaffDetails, NewPin):
    """A new account: details plus a PIN typed twice."""


class SignIn(FrozenModel):
    username: Username
    pin: Pin
