"""The queue's transition table: every step against every status, and an unknown step refused."""

from __future__ import annotations

import pytest

from forms.choices import VisitStatus
from forms.transitions import (
    OPEN,
    PUT_BACK,
    SAME_DAY,
    TRANSITIONS,
    QueueStep,
    allows,
    no_show_due,
    put_back_step,
    transition,
    waited_until_called,
)

W, C, S, F, L, N = (VisitStatus.WAITING, VisitStatus.CALLED, VisitStatus.IN_MEETING,
                    VisitStatus.FINISHED, VisitStatus.LEFT, VisitStatus.NO_SHOW)

# Written out in full on purpose: a change to the queue's rules has to change this table too.
EXPECTED = {
    QueueStep.TRIAGE: ({W, C, S}, None),
    QueueStep.EDIT_INTAKE: ({W, C, S}, None),
    QueueStep.CALL: ({W}, C),
    QueueStep.CALL_AGAIN: ({C}, None),
    QueueStep.START: ({W, C}, S),
    QueueStep.RETURN_TO_QUEUE: ({C, S}, W),
    QueueStep.MARK_LEFT: ({W, C}, L),
    QueueStep.MARK_NO_SHOW: ({C}, N),
    QueueStep.FINISH: ({C, S}, F),
    QueueStep.PUT_BACK_LEFT: ({L}, W),
    QueueStep.PUT_BACK_FINISHED: ({F}, S),
    QueueStep.PUT_BACK_NO_SHOW: ({N}, W),
    QueueStep.CORRECT_OUTCOME: ({F}, None),
    QueueStep.HAND_OVER: ({W, C, S}, W),
    QueueStep.STEP_OUT: ({W}, None),
    QueueStep.STEP_BACK: ({W}, None),
}


def test_every_step_has_a_rule() -> None:
    assert set(TRANSITIONS) == set(QueueStep) == set(EXPECTED)


@pytest.mark.parametrize("step", list(QueueStep))
@pytest.mark.parametrize("status", list(VisitStatus))
def test_every_step_against_every_status(step: QueueStep, status: VisitStatus) -> None:
    applies_to, leads_to = EXPECTED[step]
    assert allows(step, status) is (status in applies_to)
    assert allows(step.value, status.value) is (status in applies_to)
    assert transition(step).leads_to is leads_to


def test_only_a_put_back_moves_a_closed_visit() -> None:
    for step in QueueStep:
        if step in SAME_DAY:
            # a correction of a closed visit: a put-back moves it, a corrected outcome leaves it
            assert (transition(step).leads_to is None) is (step not in PUT_BACK)
            assert not set(transition(step).applies_to) & set(OPEN)
            continue
        assert not allows(step, F) and not allows(step, L) and not allows(step, N)
        assert set(transition(step).applies_to) <= set(OPEN)


def test_put_back_undoes_the_closing_step() -> None:
    # Left → the queue again; finished → the meeting again; nothing open is "put back".
    assert put_back_step(L) is QueueStep.PUT_BACK_LEFT
    assert put_back_step(F) is QueueStep.PUT_BACK_FINISHED
    assert put_back_step(N) is QueueStep.PUT_BACK_NO_SHOW
    assert all(put_back_step(status) is None for status in OPEN)
    assert transition(QueueStep.MARK_LEFT).applies_to[0] == transition(QueueStep.PUT_BACK_LEFT).leads_to


def test_did_not_show_needs_the_profiles_number_of_calls() -> None:
    assert [no_show_due(calls, 3) for calls in range(5)] == [False, False, False, True, True]
    assert not allows(QueueStep.MARK_NO_SHOW, C, calls=2, calls_before_no_show=3)
    assert allows(QueueStep.MARK_NO_SHOW, C, calls=3, calls_before_no_show=3)
    assert not allows(QueueStep.MARK_NO_SHOW, S, calls=5, calls_before_no_show=3)
    # the count matters to "did not show" only
    assert allows(QueueStep.CALL_AGAIN, C, calls=1, calls_before_no_show=3)


def test_left_and_no_show_do_not_count_as_waited_until_called() -> None:
    assert [s for s in VisitStatus if not waited_until_called(s)] == [L, N]


@pytest.mark.parametrize("step", ["fly", "", "Call", "requeue"])
def test_an_unknown_step_is_refused(step: str) -> None:
    with pytest.raises(ValueError):
        transition(step)
    with pytest.raises(ValueError):
        allows(step, W)
