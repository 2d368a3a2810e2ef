"""Eight desk processes at once on one database, on SQLite and on PostgreSQL: no visit called by
two desks (a visit handed over is called again only by the worker it was handed to, or by
another while that worker was not at work), no ticket twice in a day, every admitted visit
accounted for, every call (and call again) counted on its visit, "did not show" only after the
profile's calls, no stepped-out client called by call next before their time was up or they were
back, no handover lost or duplicated, no overlapping away periods for one worker (each ended, or
the worker still away), no error."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from itertools import pairwise

import pytest
from sqlalchemy import func, select

from bench.load import county, run_load
from forms.profile import load_profile
from storage.models import AuditEvent, AwayPeriod, DeskSession, Visit, VisitHandover
from storage.presence import PRESENCE
from storage.services import open_services

EDGE = timedelta(seconds=1)
MOVES = 150


# On the real clock, and on one 120 times as fast where a step out of a minute lasts 0.5 s (many
# run out): there a desk's heartbeat every 2 s is minutes apart, so presence (and with it who a
# handover waits for) is checked on the real clock only.
@pytest.mark.alone  # eight desk processes on two cores: nothing else meanwhile (tests/conftest.py)
@pytest.mark.parametrize("speed", [1.0, 120.0])
def test_eight_desks_at_once(db_url: str, speed: float) -> None:
    # At least MOVES moves each (about 4 s on a quiet machine): a slow one makes few in 4 s, too
    # few for a visit called three times or a handover reached by its worker.
    desks = run_load(db_url, desks=8, seconds=4.0, speed=speed, step_out_minutes=1, moves=MOVES)
    assert [d.errors for d in desks] == [[]] * 8
    called = Counter(visit for d in desks for visit in d.called)
    handed = Counter(visit for d in desks for visit, _to in d.handed)
    assert handed, "no handover went through"
    # Called once, and once more after each handover (by the worker named: below), never twice.
    assert called and all(n <= 1 + handed[visit] for visit, n in called.items()), "a visit was called by two desks"
    admitted = {visit for d in desks for visit in d.admitted}
    assert sum(len(d.admitted) for d in desks) == len(admitted) > 8
    services = open_services(db_url, load_profile())
    try:
        with services.db.reading() as session:
            stored = dict(session.execute(select(Visit.id, Visit.status)).all())
            calls = dict(session.execute(select(Visit.id, Visit.calls)).all())
            away = session.execute(select(AwayPeriod.staff_id, AwayPeriod.started_at, AwayPeriod.ended_at)
                                   .order_by(AwayPeriod.staff_id, AwayPeriod.started_at, AwayPeriod.id)).all()
            chains = session.execute(select(VisitHandover.visit_id, VisitHandover.to_staff_id,
                                            VisitHandover.taken_by_id, VisitHandover.taken_at)
                                     .order_by(VisitHandover.id)).all()
            signed_in = {staff: (since, seen) for staff, since, seen in session.execute(
                select(DeskSession.staff_id, DeskSession.signed_in_at, DeskSession.last_seen_at))}
            handed_to = dict(session.execute(select(Visit.id, Visit.handed_to_id)).all())
            events = session.execute(
                select(AuditEvent.visit_id, AuditEvent.action, AuditEvent.at, AuditEvent.detail)
                .where(AuditEvent.action.in_(("step_out", "step_back", "call")))
                .order_by(AuditEvent.id)).all()
            tickets = session.execute(select(Visit.service_day, Visit.ticket, func.count())
                                      .group_by(Visit.service_day, Visit.ticket).having(func.count() > 1)).all()
    finally:
        services.close()
    assert set(stored) == admitted
    assert tickets == []
    assert set(stored.values()) <= {"waiting", "called", "finished", "left", "no_show"}
    assert all(stored[visit] != "waiting" for visit in called if visit not in handed)
    # No handover lost or duplicated; each one taken was taken by the worker named, or by another
    # while the named one was not at work: no heartbeat for a while (a busy machine), or away from
    # the desk. The desks start working together once all are signed in (bench.load.Start).

    def at_work(staff: int, at: datetime) -> bool:
        """Surely at work then: a second from every edge, since a call next and an away that
        commit at the same moment may each have read the time before the other's commit (on
        PostgreSQL nothing orders them; SQLite's one writer does)."""
        since, seen = signed_in[staff]
        return since + EDGE <= at <= seen + PRESENCE - EDGE and not any(
            who == staff and started - EDGE <= at and (ended is None or at <= ended + EDGE)
            for who, started, ended in away)

    assert Counter((v, to) for v, to, _by, _at in chains) == Counter(h for d in desks for h in d.handed)
    assert speed > 1 or all(by in (None, to) or not at_work(to, at) for _v, to, by, at in chains), \
        "a colleague's handover was called while they were at their desk"
    assert any(by == to for _v, to, by, _at in chains), "no handover was called by the worker named"
    latest = {v: to for v, to, _by, _at in chains}
    assert all(handed_to[v] in (None, latest.get(v)) for v in stored)
    assert all(stored[v] == "waiting" for v, to in handed_to.items() if to is not None and stored[v] != "left")
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
    # The worker signed in at every desk (made first), whose away the desks race for, and some
    # desk's own worker (a desk whose few away moves all fell on the shared one has none).
    assert min(by_worker) == min(signed_in) and len(by_worker) > 1
    for periods in by_worker.values():
        # Only the last may be open (the worker is still away); each ends before the next starts.
        assert all(ended is not None for _started, ended in periods[:-1])
        assert all(ended is None or started <= ended for started, ended in periods)
        assert all(e is not None and e <= later for (_s, e), (later, _e) in pairwise(periods))
    # Replayed visit by visit in the order the database wrote them (a step and a call of one visit
    # wait for each other's row lock, so their audit rows follow their commits): every call here
    # is a call next, and none found its visit stepped out until a later moment.
    out_until: dict[int, datetime] = {}
    ended = Counter[str]()
    for visit, action, at, detail in events:
        if action == "step_out":
            assert visit not in out_until or at >= out_until[visit], "stepped out twice at once"
            out_until[visit] = datetime.fromisoformat(detail)
        elif action == "step_back":
            out_until.pop(visit)
            ended["back"] += 1
        elif (until := out_until.pop(visit, None)) is not None:
            assert at >= until, f"visit {visit} called at {at}, stepped out until {until}"
            ended["called after the time was up"] += 1
    assert sum(len(d.stepped_out) for d in desks) >= 5, "hardly any step out"
    assert ended.total(), "no step out ended with a back or a call"
    assert speed == 1 or ended["called after the time was up"], "no step out ran out"


def test_four_sites_of_a_county_at_once(db_url: str) -> None:
    """Four sites with two desk processes each (the bench runs four each for a minute): every desk
    calls only its own site's clients, or one handed to its worker from another site; tickets are
    unique within a site and day; every visit is accounted for; no error."""
    desks = run_load(db_url, desks=8, seconds=4.0, sites=4)
    assert [d.errors for d in desks] == [[]] * 8
    assert len({d.site for d in desks}) == 4
    handed_here = {(visit, to) for d in desks for visit, to in d.handed}
    services = open_services(db_url, county(4))
    try:
        with services.db.reading() as session:
            site_of = dict(session.execute(select(Visit.id, Visit.site)).all())
            tickets = session.execute(select(Visit.service_day, Visit.site, Visit.ticket, func.count())
                                      .group_by(Visit.service_day, Visit.site, Visit.ticket)
                                      .having(func.count() > 1)).all()
            letters = set(session.execute(select(Visit.site, func.substr(Visit.ticket, 1, 1)).distinct()).all())
    finally:
        services.close()
    assert set(site_of) == {visit for d in desks for visit in d.admitted}
    assert {site_of[visit] for d in desks for visit in d.admitted} == {d.site for d in desks}
    assert all(site_of[visit] == d.site for d in desks for visit in d.admitted)
    assert tickets == []
    assert letters == {(f"site_{n}", chr(ord("A") + n)) for n in range(4)}
    strangers = [(visit, d.site) for d in desks for visit in d.called
                 if site_of[visit] != d.site and (visit, d.staff_id) not in handed_here]
    assert strangers == [], "a desk called another site's client that was not handed to its worker"
    called = Counter(visit for d in desks for visit in d.called)
    handed = Counter(visit for d in desks for visit, _to in d.handed)
    assert called and all(n <= 1 + handed[visit] for visit, n in called.items()), "a visit was called by two desks"
