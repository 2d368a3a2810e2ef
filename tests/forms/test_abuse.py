"""Arbitrary input thrown at every form model and at the profile loader: the only way out is a
validation error whose every message is a sentence in the UI language (or a located profile
problem), never another exception."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from forms.audit_query import AuditQuery
from forms.consent import ConsentGiven, ConsentWithdrawn
from forms.fields import field_messages
from forms.handout import StackOrder
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.profile import (
    DEFAULT_PROFILE,
    ProfileError,
    ServiceProfile,
    load_profile,
    partial_problems,
)
from forms.staff import NewPin, NewStaff, SignIn, StaffDetails
from forms.summary import DateRange
from forms.triage import UrgencyOverride

FORMS = [IntakeForm, StaffDetails, NewStaff, NewPin, SignIn, NamedWorker, Outcome, DateRange, AuditQuery,
         ConsentGiven, ConsentWithdrawn, StackOrder, UrgencyOverride]

# What a terminal can deliver into a field, and what a careless caller might pass.
HOSTILE = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.sampled_from("\x1b[]0123456789;mJ\x07\x9b\r\n\t\x00 äöå"), max_size=40),
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.lists(st.text(max_size=20), max_size=4),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)


@pytest.mark.parametrize("model", FORMS, ids=lambda m: m.__name__)
def test_every_form_model_fails_only_with_messages(model: type[BaseModel]) -> None:
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.dictionaries(st.sampled_from(list(model.model_fields)), HOSTILE, max_size=len(model.model_fields)))
    def check(data: dict[str, object]) -> None:
        try:
            model.model_validate(data)
        except ValidationError as error:
            messages = field_messages(error)
            assert messages and all(isinstance(m, str) and m.strip() for m in messages.values())
            assert not any(ch == "\x1b" for m in messages.values() for ch in m)

    check()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_the_profile_loader_names_problems_for_any_text(tmp_path_factory: pytest.TempPathFactory,
                                                        text: str) -> None:
    path = tmp_path_factory.mktemp("profile") / "profile.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load_profile(path)
    except ProfileError as error:
        assert error.problems and all(isinstance(p, str) and p for p in error.problems)


DEFAULT = tomllib.loads(DEFAULT_PROFILE.read_text(encoding="utf-8"))


def _paths(data: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every place in the default profile where a value could be swapped for another."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(DEFAULT)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PATHS), HOSTILE), min_size=1, max_size=3))
def test_the_profile_loader_names_problems_in_a_damaged_profile(
        tmp_path_factory: pytest.TempPathFactory, changes: list[tuple[tuple[object, ...], object]]) -> None:
    """The example profile with a few values replaced by anything at all, as a careless edit would."""
    data = copy.deepcopy(DEFAULT)
    for path, value in changes:
        _put(data, path, value)
    try:
        profile = ServiceProfile.model_validate(data)
    except ValidationError as error:
        assert error.errors(include_url=False)
        partial_problems(data)  # the cross-checks of the valid parts run without raising
        return
    profile.problems()  # the cross-checks run without raising


def _put(data: object, path: tuple[object, ...], value: object) -> None:
    """Replace the value at `path`, if an earlier change left it there."""
    target = data
    try:
        for step in path[:-1]:
            target = target[step]  # type: ignore[index]
        if isinstance(target, (dict, list)):
            target[path[-1]] = value  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        pass


def test_a_profile_that_is_not_a_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile(tmp_path)
    assert caught.value.problems
