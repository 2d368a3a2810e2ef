"""The waiting rules, pure: thresholds per urgency and the fair-wait raise of a normal visit."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from pydantic import ValidationError

from forms.choices import Urgency
from forms.profile import load_profile
from forms.waits import (
    QueueRules,
    WaitThresholds,
    past_threshold_minutes,
    queue_key,
    standing,
    step_out_minutes_left,
    step_out_over,
    stepped_out,
)

NOW = datetime(2026, 11, 24, 12, 0)
RULES = QueueRules(thresholds=WaitThresholds(acute=0, soon=30, normal=120))


def ago(minutes: float) -> datetime:
    return NOW - timedelta(minutes=minutes)


def test_the_default_profile_sets_the_thresholds_and_the_raise() -> None:
    queue = load_profile().queue
    assert (queue.thresholds.acute, queue.thresholds.soon, queue.thresholds.normal) == (0, 30, 120)
    assert queue.raise_normal_after_threshold


def test_a_threshold_is_never_negative() -> None:
    with pytest.raises(ValidationError):
        QueueRules.model_validate({"thresholds": {"soon": -1}})


def test_past_threshold_is_strictly_longer_than_the_threshold_in_whole_minutes() -> None:
    # whole minutes, as the board shows a wait and the summaries count it
    assert not standing(Urgency.SOON, ago(30.5), NOW, RULES).past_threshold
    assert standing(Urgency.SOON, ago(31), NOW, RULES).past_threshold
    assert not standing(Urgency.ACUTE, ago(0.5), NOW, RULES).past_threshold  # just arrived: the alert says it
    assert standing(Urgency.ACUTE, ago(1), NOW, RULES).past_threshold
    assert not standing(Urgency.NORMAL, ago(119), NOW, RULES).past_threshold
    assert past_threshold_minutes(Urgency.NORMAL, 121, RULES) and not past_threshold_minutes(Urgency.NORMAL, 120, RULES)


def test_a_normal_visit_past_its_threshold_ranks_as_soon_and_says_how_long_it_waited() -> None:
    long_wait = standing(Urgency.NORMAL, ago(130), NOW, RULES)
    assert (long_wait.rank, long_wait.raised, long_wait.waited_minutes) == (Urgency.SOON.rank, True, 130)
    assert standing(Urgency.NORMAL, ago(100), NOW, RULES).rank == Urgency.NORMAL.rank
    # only normal visits are raised; a soon one past its threshold keeps its rank
    assert not standing(Urgency.SOON, ago(300), NOW, RULES).raised


def test_the_order_acute_first_then_soon_with_raised_normals_by_arrival() -> None:
    visits = [  # (id, urgency, arrived minutes ago)
        (1, Urgency.NORMAL, 130),  # raised: waited past 120, arrived before the soon ones
        (2, Urgency.SOON, 20),
        (3, Urgency.SOON, 125),
        (4, Urgency.ACUTE, 1),
        (5, Urgency.NORMAL, 60),
    ]
    order = sorted(visits, key=lambda v: queue_key(v[1], ago(v[2]), v[0], NOW, RULES))
    assert [v[0] for v in order] == [4, 1, 3, 2, 5]


def test_the_raise_can_be_turned_off_strict_urgency_order() -> None:
    strict = RULES.model_copy(update={"raise_normal_after_threshold": False})
    assert strict.raise_cutoff(NOW) is None
    assert not standing(Urgency.NORMAL, ago(500), NOW, strict).raised
    assert standing(Urgency.NORMAL, ago(500), NOW, strict).rank == Urgency.NORMAL.rank


def test_stepped_out_until_the_end_then_over() -> None:
    until = NOW + timedelta(minutes=12)
    assert not stepped_out(None, NOW) and not step_out_over(None, NOW)
    assert stepped_out(until, NOW) and not step_out_over(until, NOW)
    assert stepped_out(until, until - timedelta(seconds=1))
    assert not stepped_out(until, until) and step_out_over(until, until)  # call next takes them again
    assert step_out_over(until, until + timedelta(hours=1))


def test_minutes_left_round_up_and_stop_at_zero() -> None:
    until = NOW + timedelta(minutes=12)
    assert step_out_minutes_left(until, NOW) == 12
    assert step_out_minutes_left(until, NOW + timedelta(seconds=30)) == 12
    assert step_out_minutes_left(until, until - timedelta(seconds=5)) == 1
    assert step_out_minutes_left(until, until) == 0 == step_out_minutes_left(until, until + timedelta(minutes=3))


def test_a_step_out_lasts_the_profiles_minutes_to_the_whole_second() -> None:
    assert load_profile().queue.step_out_minutes == 15
    rules = QueueRules(step_out_minutes=10)
    assert rules.step_out_until(NOW) == NOW + timedelta(minutes=10)
    assert rules.step_out_until(NOW + timedelta(microseconds=1)) == NOW + timedelta(minutes=10, seconds=1)
    with pytest.raises(ValidationError):
        QueueRules(step_out_minutes=0)
