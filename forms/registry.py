"""Tables keyed by an enum that refuse what they do not know, instead of falling through an if-chain."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import Enum
from typing import TypeVar

K = TypeVar("K", bound=Enum)
V = TypeVar("V")


class UnknownKind(LookupError):
    """A kind that a table has no entry for: a programming error, said plainly."""


class Registry(Mapping[K, V]):
    """One entry for every member of `kinds`, checked when the table is made: a member added to
    the enum without its entry stops the import, not the desk in the middle of a visit."""

    def __init__(self, what: str, kinds: type[K], entries: Mapping[K, V]) -> None:
        missing = [member.value for member in kinds if member not in entries]
        if missing:
            raise UnknownKind(f"{what}: no entry for {', '.join(map(str, missing))}")
        self.what = what
        self._entries = dict(entries)

    def __getitem__(self, kind: K) -> V:
        try:
            return self._entries[kind]
        except (KeyError, TypeError):
            known = ", ".join(str(k.value) for k in self._entries)
            raise UnknownKind(f"{self.what}: unknown kind {kind!r} (known: {known})") from None

    def __iter__(self) -> Iterator[K]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)
