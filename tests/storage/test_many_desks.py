"""Eight desk processes at once on one database, on SQLite and on PostgreSQL: no visit called by
two desks, no ticket twice in a day, every admitted visit accounted for, every call (and call
again) counted on its visit, "did not show" only after the profile's calls, no overlapping away
periods for one worker (each ended, or the worker still away), no error."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from itertools import pairwise

from sqlalchemy import func, select

from bench.load import run_load
from forms.profile import load_profile
from storage.models import AwayPeriod, Visit
from storage.services import open_services


def test_eight_desks_at_once(db_url: str) -> None:
    desks = run_load(db_url, desks=8, seconds=4.0)
    assert [d.errors for d in desks] == [[]] * 8
    called = Counter(visit for d in desks for visit in d.called)
    assert called and max(called.values()) == 1, "a visit was called by two desks"
    admitted = {visit for d in desks for visit in d.admitted}
    assert sum(len(d.admitted) for d in desks) == len(admitted) > 8
    services = open_services(db_url, load_profile())
    try:
        with services.db.reading() as session:
            stored = dict(session.execute(select(Visit.id, Visit.status)).all())
            calls = dict(session.execute(select(Visit.id, Visit.calls)).all())
            away = session.execute(select(AwayPeriod.staff_id, AwayPeriod.started_at, AwayPeriod.ended_at)
                                   .order_by(AwayPeriod.staff_id, AwayPeriod.started_at, AwayPeriod.id)).all()
            tickets = session.execute(select(Visit.service_day, Visit.ticket, func.count())
                                      .group_by(Visit.service_day, Visit.ticket).having(func.count() > 1)).all()
    finally:
        services.close()
    assert set(stored) == admitted
    assert tickets == []
    assert set(stored.values()) <= {"waiting", "called", "finished", "left", "no_show"}
    assert all(stored[visit] != "waiting" for visit in called)
    again = Counter(visit for d in desks for visit in d.called_again)
    assert again, "no call again went through"
    assert all(calls[visit] == called[visit] + again[visit] for visit in stored), "a call not counted"
    no_shows = [visit for d in desks for visit in d.no_shows]
    assert no_shows and len(no_shows) == len(set(no_shows)), "no no-show, or one recorded twice"
    assert all(stored[visit] == "no_show" and calls[visit] >= 3 for visit in no_shows)
    assert {visit for visit, status in stored.items() if status == "no_show"} == set(no_shows)
    assert len(away) == sum(d.away for d in desks) > 0, "an away lost, or none went through"
    by_worker: dict[int, list[tuple[datetime, datetime | None]]] = {}
    for staff_id, started, ended in away:
        by_worker.setdefault(staff_id, []).append((started, ended))
    assert len(by_worker) == 9  # each desk's own worker and the shared one
    for periods in by_worker.values():
        # Only the last may be open (the worker is still away); each ends before the next starts.
        assert all(ended is not None for _started, ended in periods[:-1])
        assert all(ended is None or started <= ended for started, ended in periods)
        assert all(e is not None and e <= later for (_s, e), (later, _e) in pairwise(periods))
