"""What was done in a visit: the finish form."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator, model_validator

from forms.base import FrozenModel
from forms.choices import FeedbackInstruction, FollowUpBy, OutcomeAction
from forms.fields import OptionalDate, OptionalMoment, Phone, believable, fail, text
from forms.i18n import _


class NamedWorker(FrozenModel):
    """A responsible worker: one of the staff, or a person outside the desk."""

    staff_id: int | None = None
    name: Annotated[str | None, text(80)] = None
    organisation: Annotated[str | None, text(120)] = None
    phone: Phone = None

    @model_validator(mode="after")
    def _someone(self) -> NamedWorker:
        if self.staff_id is None and self.name is None:
            raise fail("worker_missing", _("Choose a worker or write a name."))
        return self


class Outcome(FrozenModel):
    """Referrals and named workers imply their actions, so the counts cannot disagree.

    Validated with `context={"now": <aware datetime>}` (the finish form), the follow-up and the
    appointment must also be believable: not past, at most a year ahead."""

    actions: frozenset[OutcomeAction] = frozenset()
    referrals: tuple[str, ...] = ()
    workers: tuple[NamedWorker, ...] = Field(default=(), max_length=5)
    follow_up_on: OptionalDate = None
    follow_up_by: FollowUpBy = FollowUpBy.WORKER
    """Who gets in touch by the follow-up date (the memo says so)."""
    next_appointment: OptionalMoment = None
    appointment_place: Annotated[str | None, text(120)] = None
    """Where the booked appointment is, e.g. "Työkykykeskus, Esimerkkikatu 1"."""
    note: Annotated[str | None, text(500)] = None

    @property
    def empty(self) -> bool:
        """Nothing recorded: no action, referral, worker, date, place or note."""
        return not (self.actions or self.referrals or self.workers or self.follow_up_on
                    or self.next_appointment or self.appointment_place or self.note)

    @field_validator("follow_up_on", "next_appointment")
    @classmethod
    def _believable(cls, value: date | None, info: ValidationInfo) -> date | None:
        now = (info.context or {}).get("now")
        if value is not None and now is not None:
            past = (_("The follow-up date is in the past.") if info.field_name == "follow_up_on"
                    else _("The appointment time is in the past."))
            believable(value, now, past)
        return value

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


class Finishing(FrozenModel):
    """What the finish form hands its caller: the outcome, and the worker's answer about the
    feedback instruction when they were asked (None: not asked, it was given already)."""

    outcome: Outcome
    feedback: FeedbackInstruction | None = None
