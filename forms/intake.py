"""The quick intake: anonymous by default, every field optional but the language."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from forms.base import FrozenModel
from forms.choices import LANGUAGE_CODE, AgeGroup, ArrivalChannel, ClientLanguage, LifeSituation
from forms.fields import Phone, text

CALL_NAME_MAX = 40


DRAFT_RENAMES = {"referral_channel": "arrival_channel"}
"""Old field name → today's: intake drafts kept before a rename are stored under the old key."""


def intake_draft(data: dict[str, Any]) -> dict[str, Any]:
    """A kept intake draft under today's field names, so that a draft kept before a rename still
    loads with everything in it."""
    return {DRAFT_RENAMES.get(key, key): value for key, value in data.items()}


def _language_code(value: str) -> str:
    """Not one of the choices: said as for any other list (forms.fields)."""
    if not re.fullmatch(LANGUAGE_CODE, value):
        raise PydanticCustomError("enum", "not a client language code")
    return value


class IntakeForm(FrozenModel):
    """What the desk records about a walk-in in seconds; nothing here identifies a person."""

    call_name: Annotated[str | None, text(CALL_NAME_MAX)] = None
    language: Annotated[str, AfterValidator(_language_code)] = ClientLanguage.FI.value
    """A code of the profile's client languages: the intake offers only those."""
    interpreter_needed: bool = False
    life_situation: LifeSituation | None = None
    arrival_channel: ArrivalChannel | None = None
    """How they heard of us (not a referral: where the desk sends them)."""
    municipality: Annotated[str | None, text(60)] = None
    age_group: AgeGroup | None = None
    callback_phone: Phone = None
