"""What was done in a visit: the finish form."""

from __future__ import annotations

from pydantic import Field, model_validator

from forms.base import FrozenModel
from forms.choices import OutcomeAction
from forms.fields import OptionalDate, OptionalMoment, Phone, fail, text
from forms.i18n import _


class NamedWorker(FrozenModel):
    """A responsible worker: one of the staff, or a person outside the desk."""

    staff_id: int | None = None
    name: text(80) = None
    organisation: text(120) = None
    phone: Phone = None

    @model_validator(mode="after")
    def _someone(self) -> NamedWorker:
        if self.staff_id is None and self.name is None:
            raise fail("worker_missing", _("Choose a worker or write a name."))
        return self


class Outcome(FrozenModel):
    """Referrals and named workers imply their actions, so the counts cannot disagree."""

    actions: frozenset[OutcomeAction] = frozenset()
    referrals: tuple[str, ...] = ()
    workers: tuple[NamedWorker, ...] = Field(default=(), max_length=5)
    follow_up_on: OptionalDate = None
    next_appointment: OptionalMoment = None
    note: text(500) = None

    @model_validator(mode="after")
    def _implied_actions(self) -> Outcome:
        implied = set(self.actions)
        if self.referrals:
            implied.add(OutcomeAction.REFERRAL)
        if self.workers:
            implied.add(OutcomeAction.WORKER_NAMED)
        if self.next_appointment:
            implied.add(OutcomeAction.APPOINTMENT)
        object.__setattr__(self, "actions", frozenset(implied))
        return self
