"""Queue arithmetic that needs no database: the wait-time estimate."""

from __future__ import annotations

import math


def estimate_waits(waiting: int, in_meeting: int, workers: int, meeting_minutes: float) -> list[int]:
    """Minutes until each waiting ticket is likely called, in queue order, rounded up to 5.

    Everyone ahead (and everyone in a meeting, half-way on average) shares the workers at
    work: signed in and not away from the desk.
    """
    workers = max(1, workers)
    estimates = []
    for ahead in range(waiting):
        minutes = (ahead + in_meeting * 0.5) * meeting_minutes / workers
        estimates.append(int(math.ceil(minutes / 5) * 5))
    return estimates
