"""Tables keyed by an enum refuse a kind they do not know: when made without one of its members,
and when asked for something that is not one."""

from __future__ import annotations

from enum import StrEnum

import pytest

from forms.registry import Registry, UnknownKind


class Colour(StrEnum):
    RED = "red"
    GREEN = "green"


def test_a_table_missing_a_member_is_refused_when_made() -> None:
    with pytest.raises(UnknownKind, match="colour name: no entry for green"):
        Registry("colour name", Colour, {Colour.RED: "punainen"})


def test_a_lookup_of_an_unknown_kind_says_which() -> None:
    names = Registry("colour name", Colour, {Colour.RED: "punainen", Colour.GREEN: "vihreä"})
    assert names[Colour.GREEN] == "vihreä"
    with pytest.raises(UnknownKind, match=r"colour name: unknown kind 'blue' \(known: red, green\)"):
        names["blue"]  # type: ignore[index]
