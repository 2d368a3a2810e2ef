"""Python's cycle collector kept off the keys: long-lived objects frozen, the young ones collected
between keys, full collections done in quiet moments."""

from __future__ import annotations

import gc

QUIET_SECONDS = 4.0
"""No key for this long and the desk is free for a full collection: a worker talking with a client."""

YOUNG_THRESHOLDS = (20_000, 5, 10)
"""Python's (700, 10, 10) collected the youngest objects 60–120 times for each key that opens a
screen, and moved a screen's widgets, alive across those, into the oldest generation, whose full
collection then came every other such key. With room for a key's objects, most of a closed
screen is freed young: measured over the key bench, 1.7 s of collection instead of 8.1 s."""

BETWEEN_KEYS_SECONDS = 0.15
"""No key for this long: the worker reads the screen or talks (a practised worker's keys come some
100 ms apart), and a collection of the young objects made now lands on no key."""
YOUNG_WORTH_COLLECTING = YOUNG_THRESHOLDS[0] // 4
"""Between keys the young objects are collected once this many have come: 2–5 ms then, where the
collection Python makes at its threshold, on whichever key crosses it, took 10–40 ms of that key."""
SECOND_GENERATION_COLLECTIONS_BETWEEN = 10
"""A full collection in a quiet moment only once this many second-generation collections happened
since the last (Python's own pace for considering one): an idle desk does not collect every few
seconds."""

_at_last_freeze = 0
_thresholds_before: tuple[int, int, int] | None = None


def hold_off() -> None:
    """The desk's start, before Textual is imported: the collector off until `settle_in`. A start
    makes some 250,000 objects that live as long as the app (the modules of Textual, SQLAlchemy and
    the desk) and next to no garbage, and Python's collector walked them again and again as they
    came: 150–200 ms of a cold start to a signed-in desk, 20–30 ms of its first paint (issue 19)."""
    gc.disable()


def settle_in() -> None:
    """Once the desk has imported what it works with (or its start stopped on a screen that waits:
    the collector is on again, whatever comes): the collector's pace for a desk, and what lives now
    frozen (below)."""
    global _thresholds_before
    if _thresholds_before is None:
        _thresholds_before = gc.get_threshold()
    gc.set_threshold(*YOUNG_THRESHOLDS)
    freeze()
    gc.enable()


def freeze() -> None:
    """Everything alive now is left out of later collections: a full collection walks every object
    Python tracks, about 250,000 at a desk (Textual's line caches, SQLAlchemy, the modules), which
    took 250–900 ms of a key on a busy machine."""
    global _at_last_freeze
    gc.freeze()
    _at_last_freeze = _second_generation_collections()


def collect_in_quiet() -> bool:
    """In a quiet moment, when enough was made since the last: the frozen objects are collected
    too (so what was alive at the last freeze and has gone since is freed), then what lives is
    frozen again. True when it collected."""
    if _second_generation_collections() - _at_last_freeze < SECOND_GENERATION_COLLECTIONS_BETWEEN:
        return False
    gc.unfreeze()
    gc.collect()
    freeze()
    return True


def collect_idle(quiet: bool) -> None:
    """The desk idle between keys (`quiet`: for QUIET_SECONDS): the full collection when one is due
    (collect_in_quiet), else the young objects once enough have come. The second generation is
    collected with them when its next young collection would be Python's own of it."""
    if quiet and collect_in_quiet():
        return
    young, middle, _old = gc.get_count()
    if young >= YOUNG_WORTH_COLLECTING:
        gc.collect(1 if middle + 1 >= YOUNG_THRESHOLDS[1] else 0)


def let_go() -> None:
    """The app has ended: its objects are collectable again (a desk started again after an error,
    or the next app in a test run, would otherwise keep them for good), at Python's own pace."""
    global _thresholds_before
    gc.unfreeze()
    gc.enable()
    if _thresholds_before is not None:
        gc.set_threshold(*_thresholds_before)
        _thresholds_before = None


def _second_generation_collections() -> int:
    return int(gc.get_stats()[1]["collections"])
