"""Is the staff resource enough: worker-hours present from the sign-ins, the queue each arrival met
per worker present, and the waits past the threshold by weekday and hour; pure arithmetic over
stored rows (storage/staffing.py reads them)."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from forms.base import FrozenModel
from forms.timefmt import local

BANDS: tuple[tuple[float, float | None], ...] = ((0, 1), (1, 2), (2, 4), (4, None))
"""Clients already waiting per worker present at an arrival: [low, high) bands, the last open."""


@dataclass(frozen=True)
class Arrival:
    """One visit as the staffing figures see it."""

    arrived: datetime
    wait_end: datetime | None
    """When the client stopped waiting: called, left, or did not show (None: still waiting)."""
    waited: int | None
    """Whole minutes waited until called, for a visit that waited until called (else None)."""
    past_threshold: bool = False


@dataclass(frozen=True)
class Presence:
    """A stretch of time one worker was at a desk: a sign-in, or an away period (`away`)."""

    staff_id: int
    start: datetime
    end: datetime
    away: bool = False


class WaitBand(FrozenModel):
    """The waits of the clients who arrived when `low` … `high` clients waited per worker present."""

    low: float
    high: float | None = None
    visits: int = 0
    median: float | None = None


class Staffing(FrozenModel):
    worker_hours: float = 0
    """Hours signed in and not away, all workers added up, within the period."""
    arrivals: int = 0
    no_worker: int = 0
    """Arrivals when no worker was signed in and at the desk (their waits are left out of the bands)."""
    no_worker_median: float | None = None
    bands: list[WaitBand] = []
    past_threshold_at: dict[str, int] = {}
    """"weekday-hour" of arrival (0 is Monday, Helsinki hours) → visits that waited past their threshold."""
    workers_at: dict[str, float] = {}
    """"weekday-hour" → workers present on average when those visits arrived."""

    def per_worker_hour(self, visits: int) -> float | None:
        return visits / self.worker_hours if self.worker_hours else None


def staffing(arrivals: Sequence[Arrival], presence: Iterable[Presence], start: datetime, end: datetime) -> Staffing:
    """The figures of [start, end): one sweep over sign-ins, away periods, arrivals and wait ends in
    time order. A worker counts as present while signed in somewhere and not away (two desks at
    once count once)."""
    # (moment, order, kind, payload): at one moment ends come first, then starts, then arrivals,
    # so a worker signing in as a client arrives counts, and a wait ending then does not.
    events: list[tuple[datetime, int, str, object]] = []
    for p in presence:
        if p.end > p.start:
            events += [(p.start, 1, "away" if p.away else "in", p.staff_id),
                       (p.end, 0, "back" if p.away else "out", p.staff_id)]
    for index, arrival in enumerate(arrivals):
        events.append((arrival.arrived, 2, "arrive", index))
        until = arrival.wait_end if arrival.wait_end is not None else end
        if until > arrival.arrived:
            events.append((until, 0, "served", index))
    events.sort(key=lambda event: (event[0], event[1]))

    signed_in: Counter[int] = Counter()
    away: Counter[int] = Counter()
    waiting_ids: set[int] = set()
    present = 0
    seconds = 0.0
    last = start
    by_band: list[list[int]] = [[] for _band in BANDS]
    alone: list[int] = []
    no_worker = 0
    past: Counter[str] = Counter()
    workers_sum: Counter[str] = Counter()
    for moment, _order, kind, payload in events:
        if last < min(moment, end):
            seconds += present * (min(moment, end) - last).total_seconds()
            last = min(moment, end)
        if kind == "arrive":
            index = int(str(payload))
            arrival = arrivals[index]
            if arrival.wait_end is None or arrival.wait_end > arrival.arrived:
                waiting_ids.add(index)
            if not present:
                no_worker += 1
            if arrival.waited is not None:
                if present:
                    ratio = (len(waiting_ids) - 1) / present
                    by_band[_band_of(ratio)].append(arrival.waited)
                else:
                    alone.append(arrival.waited)
            if arrival.past_threshold:
                clock = local(arrival.arrived)
                cell = f"{clock.weekday()}-{clock.hour:02d}"
                past[cell] += 1
                workers_sum[cell] += present
            continue
        if kind == "served":
            waiting_ids.discard(int(str(payload)))
            continue
        staff_id = int(str(payload))
        before = signed_in[staff_id] > 0 and away[staff_id] == 0
        {"in": signed_in, "out": signed_in, "away": away, "back": away}[kind][staff_id] += (
            1 if kind in ("in", "away") else -1)
        after = signed_in[staff_id] > 0 and away[staff_id] == 0
        present += int(after) - int(before)
    if last < end:
        seconds += present * (end - last).total_seconds()
    bands = [WaitBand(low=low, high=high, visits=len(waits), median=_median(waits))
             for (low, high), waits in zip(BANDS, by_band, strict=True)]
    return Staffing(worker_hours=seconds / 3600, arrivals=len(arrivals), no_worker=no_worker,
                    no_worker_median=_median(alone), bands=bands, past_threshold_at=dict(past),
                    workers_at={cell: workers_sum[cell] / n for cell, n in past.items()})


def _band_of(ratio: float) -> int:
    for index, (low, high) in enumerate(BANDS):
        if ratio >= low and (high is None or ratio < high):
            return index
    return len(BANDS) - 1


def _median(waits: list[int]) -> float | None:
    return float(statistics.median(waits)) if waits else None
