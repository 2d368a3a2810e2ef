"""A consent the client gives, and its withdrawal."""

from __future__ import annotations

from forms.base import FrozenModel
from forms.choices import ConsentKind, ConsentMethod


class ConsentGiven(FrozenModel):
    kind: ConsentKind
    method: ConsentMethod


class ConsentWithdrawn(FrozenModel):
    consent_id: int
    method: ConsentMethod
