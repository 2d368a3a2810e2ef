"""The quick intake: anonymous by default, every field optional but the language."""

from __future__ import annotations

from typing import Annotated

from forms.base import FrozenModel
from forms.choices import AgeGroup, ClientLanguage, LifeSituation, ReferralChannel
from forms.fields import Phone, text

CALL_NAME_MAX = 40


class IntakeForm(FrozenModel):
    """What the desk records about a walk-in in seconds; nothing here identifies a person."""

    call_name: Annotated[str | None, text(CALL_NAME_MAX)] = None
    language: ClientLanguage = ClientLanguage.FI
    life_situation: LifeSituation | None = None
    referral_channel: ReferralChannel | None = None
    municipality: Annotated[str | None, text(60)] = None
    age_group: AgeGroup | None = None
    callback_phone: Phone = None
