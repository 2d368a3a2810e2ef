"""The follow-up after a walk-in: the profile's questions, scale and reasons a service ended, and
the forms of a follow-up contact and of moving a follow-up."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator, model_validator

from forms.base import FrozenModel, StrictModel
from forms.choices import HealthCheck, ReferralProgress
from forms.fields import OptionalDate, RequiredDate, believable, fail
from forms.i18n import _
from forms.localtext import LocalText

NOT_REACHED = "not_reached"
"""The reason a follow-up is closed when the client could not be reached (not in the catalogue:
it is the desk's own, offered after the profile's number of failed attempts)."""

Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,23}$")]


class Choice(StrictModel):
    id: Code
    label: LocalText


class FollowUpQuestion(StrictModel):
    """A question asked of the client at the follow-up (seed 001), answered on the profile's scale."""

    id: Code
    text: LocalText
    short: LocalText
    """The question in a few words, for the summaries' tables."""
    worker_view: bool = False
    """The worker answers it too, in their own view (seed 001: "the client's and professionals' view")."""


class FollowUpProfile(StrictModel):
    """The `[follow_up]` section of the profile."""

    attempts_before_not_reached: int = Field(default=3, ge=1, le=20)
    """Failed contact attempts in a row after which the follow-up may be closed as not reached."""
    health_check_destination: Code | None = "health_check"
    """The referral destination that is the health check for the unemployed: a follow-up of a visit
    referred there asks whether the check was done."""
    scale: tuple[Choice, ...] = Field(min_length=2)
    questions: tuple[FollowUpQuestion, ...] = ()
    end_reasons: tuple[Choice, ...] = Field(min_length=1)
    """Why the service ended (seed 004), offered when a follow-up is closed."""

    def problems(self, destinations: set[str]) -> list[tuple[str, str]]:
        """Cross-references a schema cannot check: (location, message) pairs."""
        found = []
        parts: dict[str, list[str]] = {"scale": [c.id for c in self.scale],
                                       "questions": [q.id for q in self.questions],
                                       "end_reasons": [c.id for c in self.end_reasons]}
        for part, ids in parts.items():
            found += [(f"follow_up.{part}[{index}].id", f"duplicate id '{id_}'")
                      for index, id_ in enumerate(ids) if id_ in ids[:index]]
        if any(reason.id == NOT_REACHED for reason in self.end_reasons):
            found.append(("follow_up.end_reasons", f"'{NOT_REACHED}' is the desk's own reason; choose another id"))
        if self.health_check_destination is not None and self.health_check_destination not in destinations:
            found.append(("follow_up.health_check_destination",
                          f"unknown referral destination '{self.health_check_destination}'"))
        return found

    def scale_label(self, answer: str) -> str:
        return next((str(c.label) for c in self.scale if c.id == answer), answer)

    def end_reason_label(self, reason: str) -> str:
        if reason == NOT_REACHED:
            return _("not reached")
        return next((str(c.label) for c in self.end_reasons if c.id == reason), reason)


class FollowUpContact(FrozenModel):
    """One follow-up contact: reached or not, how the referrals went, the client's answers, and
    then the next date or the closing.

    Validated with `context={"now": <aware datetime>, "profile": FollowUpProfile,
    "failed_attempts": <failed attempts before this one>}`: answers on the profile's scale, a
    believable next date, and "not reached" only after enough failed attempts."""

    reached: bool
    referrals: dict[int, ReferralProgress] = {}
    """By the visit's referral id."""
    health_check: HealthCheck | None = None
    kykyviisari_before: bool | None = None
    """The Kykyviisari self-assessment was done before the service (None: not asked)."""
    kykyviisari_after: bool | None = None
    answers: dict[str, str] = {}
    """The client's own answers: question id → scale id. Stored without the visit (anonymous)."""
    worker_views: dict[str, str] = {}
    """The worker's view of the questions that ask for it: question id → scale id."""
    next_on: OptionalDate = None
    end_reason: str | None = None

    @field_validator("next_on")
    @classmethod
    def _believable(cls, value: date | None, info: ValidationInfo) -> date | None:
        now = (info.context or {}).get("now")
        if value is not None and now is not None:
            believable(value, now, _("The next follow-up date is in the past."))
        return value

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> FollowUpContact:
        context = info.context or {}
        if (self.next_on is None) == (self.end_reason is None):
            raise fail("next_or_close", _("Set the next follow-up date, or close the follow-up with a reason."))
        if not self.reached and (self.referrals or self.answers or self.worker_views or self.health_check
                                 or self.kykyviisari_before is not None or self.kykyviisari_after is not None):
            raise fail("not_reached_answers", _("The client was not reached: nothing else can be recorded."))
        if self.end_reason == NOT_REACHED:
            if self.reached:
                raise fail("reached_not_reached", _("The client was reached: choose another reason."))
            needed = getattr(context.get("profile"), "attempts_before_not_reached", 1)
            if context.get("failed_attempts", needed) + 1 < needed:
                raise fail("too_few_attempts", _("Not reached can be chosen after {n} failed attempts."), n=needed)
        profile = context.get("profile")
        if isinstance(profile, FollowUpProfile):
            _check_answers(profile, self)
        return self


def _check_answers(profile: FollowUpProfile, contact: FollowUpContact) -> None:
    scale = {choice.id for choice in profile.scale}
    questions = {q.id: q for q in profile.questions}
    for answers, worker in ((contact.answers, False), (contact.worker_views, True)):
        for question, answer in answers.items():
            if question not in questions or (worker and not questions[question].worker_view):
                raise fail("unknown_question", _("Unknown question: {question}."), question=question)
            if answer not in scale:
                raise fail("unknown_answer", _("Choose an answer on the scale."))
    reasons = {reason.id for reason in profile.end_reasons} | {NOT_REACHED}
    if contact.end_reason is not None and contact.end_reason not in reasons:
        raise fail("unknown_reason", _("Choose one of the reasons."))


class FollowUpMove(FrozenModel):
    """A follow-up moved to another date or to another worker (or both).

    Validated with `context={"now": <aware datetime>, "due_on": <the date now>}`: a new date is
    believable; the date it has may stay, even when past (only the worker changes)."""

    due_on: RequiredDate
    staff_id: int

    @field_validator("due_on")
    @classmethod
    def _believable(cls, value: date, info: ValidationInfo) -> date:
        now = (info.context or {}).get("now")
        if now is not None and value != (info.context or {}).get("due_on"):
            believable(value, now, _("The follow-up date is in the past."))
        return value
