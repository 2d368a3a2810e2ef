"""What the administrator looks for in the audit trail: every part optional."""

from __future__ import annotations

from typing import Annotated

from datetime import date

from pydantic import ValidationInfo, field_validator

from forms.base import FrozenModel
from forms.choices import AuditAction
from forms.fields import OptionalDate, not_before, text


class AuditQuery(FrozenModel):
    day_from: OptionalDate = None
    day_to: OptionalDate = None
    username: Annotated[str | None, text(32)] = None
    action: AuditAction | None = None
    ticket: Annotated[str | None, text(8)] = None

    @field_validator("day_to")
    @classmethod
    def _not_before(cls, value: date | None, info: ValidationInfo) -> date | None:
        not_before(info.data.get("day_from"), value)
        return value
