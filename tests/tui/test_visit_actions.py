"""The screens grey out a queue key exactly where the queue's transition table refuses the step."""

from __future__ import annotations

from forms.choices import VisitStatus
from forms.transitions import allows
from tui.visit_actions import STEPS, applies


def test_greying_follows_the_transition_table() -> None:
    for action, step in STEPS.items():
        for status in VisitStatus:
            expected = True if allows(step, status) else None
            assert applies(action, (), status) is expected, (action, status)
            assert applies("queue", (action,), status) is expected, (action, status)
            assert applies(action, (), None) is None


def test_other_actions_are_left_alone() -> None:
    assert applies("help", (), None) is True
    assert all(applies("open_visit", (), status) for status in VisitStatus)
    assert applies("open_visit", (), None) is None


def test_put_back_is_live_on_a_closed_visit_only() -> None:
    for status in VisitStatus:
        closed = status in (VisitStatus.LEFT, VisitStatus.FINISHED, VisitStatus.NO_SHOW)
        assert applies("put_back", (), status) is (True if closed else None), status
    assert applies("put_back", (), None) is None


def test_did_not_show_is_greyed_until_enough_calls() -> None:
    called = VisitStatus.CALLED
    assert [applies("queue", ("no_show",), called, calls, 3) for calls in (1, 2, 3, 4)] == [None, None, True, True]
    assert applies("queue", ("no_show",), VisitStatus.WAITING, 5, 3) is None
    assert applies("queue", ("call_again",), called, 1, 3) is True
