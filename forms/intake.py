"""The quick intake: anonymous by default, every field optional but the language."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from forms.base import FrozenModel
from forms.choices import AgeGroup, ArrivalChannel, ClientLanguage, LifeSituation
from forms.fields import Phone, text

CALL_NAME_MAX = 40


DRAFT_RENAMES = {"referral_channel": "arrival_channel"}
"""Old field name → today's: intake drafts kept before a rename are stored under the old key."""


def intake_draft(data: dict[str, Any]) -> dict[str, Any]:
    """A kept intake draft under today's field names, so that a draft kept before a rename still
    loads with everything in it."""
    return {DRAFT_RENAMES.get(key, key): value for key, value in data.items()}


class IntakeForm(FrozenModel):
    """What the desk records about a walk-in in seconds; nothing here identifies a person."""

    call_name: Annotated[str | None, text(CALL_NAME_MAX)] = None
    language: str = Field(default=ClientLanguage.FI.value, pattern=r"^([a-z]{2,3}|other)$")
    """A code of the profile's client languages: the intake offers only those."""
    interpreter_needed: bool = False
    life_situation: LifeSituation | None = None
    arrival_channel: ArrivalChannel | None = None
    """How they heard of us (not a referral: where the desk sends them)."""
    municipality: Annotated[str | None, text(60)] = None
    age_group: AgeGroup | None = None
    callback_phone: Phone = None
