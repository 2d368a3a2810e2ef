"""The follow-up contact's rules (forms.followup), and the demo clock (forms.timefmt.shifted_clock):
pure, no database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from forms.followup import NOT_REACHED, FollowUpContact, FollowUpMove
from forms.profile import load_profile
from forms.timefmt import HELSINKI, shifted_clock

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=HELSINKI)
PROFILE = load_profile().follow_up


def contact(failed: int = 0, **values: object) -> FollowUpContact:
    return FollowUpContact.model_validate(values, context={"now": NOW, "profile": PROFILE, "failed_attempts": failed})


def code(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return str(error.value.errors()[0]["type"])


def test_a_contact_sets_the_next_date_or_closes_never_both() -> None:
    assert contact(reached=True, next_on=date(2026, 12, 1)).end_reason is None
    assert contact(reached=True, end_reason="employed").next_on is None
    for values in ({}, {"next_on": date(2026, 12, 1), "end_reason": "employed"}):
        with pytest.raises(ValidationError) as error:
            contact(reached=True, **values)
        assert code(error) == "next_or_close"


def test_not_reached_records_nothing_else() -> None:
    with pytest.raises(ValidationError) as error:
        contact(reached=False, answers={"heard": "yes"}, next_on=date(2026, 12, 1))
    assert code(error) == "not_reached_answers"
    with pytest.raises(ValidationError) as error:
        contact(reached=False, kykyviisari_before=False, next_on=date(2026, 12, 1))
    assert code(error) == "not_reached_answers"


def test_not_reached_closes_only_after_the_profiles_attempts() -> None:
    needed = PROFILE.attempts_before_not_reached
    with pytest.raises(ValidationError) as error:
        contact(failed=needed - 2, reached=False, end_reason=NOT_REACHED)
    assert code(error) == "too_few_attempts"
    assert contact(failed=needed - 1, reached=False, end_reason=NOT_REACHED).end_reason == NOT_REACHED
    with pytest.raises(ValidationError) as error:
        contact(failed=needed, reached=True, end_reason=NOT_REACHED)
    assert code(error) == "reached_not_reached"


def test_answers_and_reasons_come_from_the_profile() -> None:
    assert contact(reached=True, answers={"heard": "partly"}, worker_views={"quality_of_life": "no"},
                   end_reason="employed").answers == {"heard": "partly"}
    for values, expected in (({"answers": {"nonsense": "yes"}}, "unknown_question"),
                             ({"answers": {"heard": "maybe"}}, "unknown_answer"),
                             ({"worker_views": {"heard": "yes"}}, "unknown_question"),
                             ({"end_reason": "lottery_win"}, "unknown_reason")):
        values.setdefault("end_reason", "employed")
        with pytest.raises(ValidationError) as error:
            contact(reached=True, **values)
        assert code(error) == expected


def test_dates_in_the_past_are_refused() -> None:
    with pytest.raises(ValidationError):
        contact(reached=True, next_on=date(2026, 11, 23))
    with pytest.raises(ValidationError):
        FollowUpMove.model_validate({"due_on": "23.11.2026", "staff_id": 1}, context={"now": NOW})
    assert FollowUpMove.model_validate({"due_on": "1.12.2026", "staff_id": 1}, context={"now": NOW}).due_on == date(
        2026, 12, 1)


def test_the_demo_clock_moves_whole_days_and_keeps_the_time_of_day() -> None:
    real = datetime(2026, 3, 20, 10, 15, tzinfo=HELSINKI)  # winter time
    clock = shifted_clock(date(2026, 4, 3), lambda: real)  # summer time by then
    assert clock().astimezone(HELSINKI).replace(tzinfo=None) == datetime(2026, 4, 3, 10, 15)
    assert clock().tzinfo is UTC
    assert shifted_clock(None, lambda: real)() == real
    moving = {"now": real}
    later = shifted_clock(date(2026, 3, 27), lambda: moving["now"])
    moving["now"] = real + timedelta(hours=2)
    assert later().astimezone(HELSINKI).replace(tzinfo=None) == datetime(2026, 3, 27, 12, 15)
