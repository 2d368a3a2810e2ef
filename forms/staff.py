"""A staff account as the desk and the command line fill it in."""

from __future__ import annotations

from typing import Annotated

from itertools import pairwise

from pydantic import ValidationInfo, field_validator

from forms.base import FrozenModel
from forms.choices import StaffRole
from forms.fields import Email, Phone, Pin, Username, fail, text
from forms.i18n import _

COMMON_PINS = frozenset({
    "1004", "2000", "2001", "2002", "1122", "1313", "1357", "2468", "1998", "1999", "5683",
    "2580", "0852", "1470", "0741", "3690", "0963", "112233", "123321", "147258", "159753",
})
"""The commonest PINs in published counts of leaked ones that the rules below let through (a
keypad's straight lines, years, LOVE on a phone's letters)."""


def is_trivial_pin(pin: str) -> bool:
    """A block repeated (1111, 1212, 123123), a run up or down (1234, 7890, 4321), or a common PIN:
    what a passer-by at the desk tries first."""
    if any(pin == pin[:size] * (len(pin) // size) for size in range(1, len(pin) // 2 + 1)):
        return True
    steps = {(int(b) - int(a)) % 10 for a, b in pairwise(pin)}
    return steps in ({1}, {9}) or pin in COMMON_PINS


class StaffDetails(FrozenModel):
    """Who a worker is, as printed on a contact card."""

    username: Username
    display_name: Annotated[str, text(80, required=True)]
    job_title: Annotated[str, text(80, required=True)]
    phone: Phone = None
    phone_hours: Annotated[str | None, text(80)] = None
    email: Email = None
    location: Annotated[str | None, text(120)] = None
    role: StaffRole = StaffRole.DESK


class NewPin(FrozenModel):
    """A PIN typed twice: a new account's, or one the administrator resets."""

    pin: Pin
    pin_again: str

    @field_validator("pin")
    @classmethod
    def _not_trivial(cls, value: str) -> str:
        if is_trivial_pin(value):
            raise fail("pin_trivial", _("Too easy to guess: avoid runs (1234), repeats (1111, 1212) and "
                                        "common PINs such as 2580."))
        return value

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
