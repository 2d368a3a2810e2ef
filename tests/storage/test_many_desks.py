"""Eight desk processes at once on one database, on SQLite and on PostgreSQL: no visit called by
two desks, no ticket twice in a day, every admitted visit accounted for, every call (and call
again) counted on its visit, "did not show" only after the profile's calls, no stepped-out client
called by call next before their time was up or they were back, no error."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import func, select

from bench.load import run_load
from forms.profile import load_profile
from storage.models import AuditEvent, Visit
from storage.services import open_services


def test_eight_desks_at_once(db_url: str) -> None:
    # The desks' clock runs 120 times as fast and a step out lasts a minute (0.5 s): many run out.
    desks = run_load(db_url, desks=8, seconds=4.0, speed=120.0, step_out_minutes=1)
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
    assert all(stored[visit] != "waiting" for visit in called)
    again = Counter(visit for d in desks for visit in d.called_again)
    assert again, "no call again went through"
    assert all(calls[visit] == called[visit] + again[visit] for visit in stored), "a call not counted"
    no_shows = [visit for d in desks for visit in d.no_shows]
    assert no_shows and len(no_shows) == len(set(no_shows)), "no no-show, or one recorded twice"
    assert all(stored[visit] == "no_show" and calls[visit] >= 3 for visit in no_shows)
    assert {visit for visit, status in stored.items() if status == "no_show"} == set(no_shows)
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
