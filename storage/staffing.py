"""The rows behind the staffing figures (forms/staffing.py): the period's visits with the moment each
stopped waiting, the sign-ins and the away periods. Not tallied: sign-ins change no day tally, and a
month is some tens of thousands of visits read once for a report."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from forms.away import day_bounds, open_until
from forms.choices import Urgency, VisitStatus
from forms.staffing import Arrival, Presence, Staffing, staffing
from forms.transitions import waited_until_called
from forms.waits import QueueRules, past_threshold_minutes
from storage.away import spans_in
from storage.models import DeskSession, Visit
from storage.presence import PRESENCE


def staffing_in(session: Session, day_from: date, day_to: date, now: datetime, rules: QueueRules,
                sites: Collection[str] | None = None) -> Staffing:
    """The staffing figures of the Helsinki days `day_from` … `day_to` at `sites` (None: all): the
    visits that arrived there and the workers signed in there."""
    start, end = day_bounds(day_from, day_to)
    visits_here = (Visit.site.in_(sorted(sites)),) if sites is not None else ()
    sessions_here = (DeskSession.site.in_(sorted(sites)),) if sites is not None else ()
    end = min(end, max(start, now))
    arrivals = []
    for arrived, wait, status, urgency, left, no_show, started in session.execute(
            select(Visit.arrived_at, Visit.wait_seconds, Visit.status, Visit.urgency, Visit.left_at,
                   Visit.no_show_at, Visit.started_at)
            .where(Visit.service_day.between(day_from, day_to), *visits_here).order_by(Visit.arrived_at)
            .execution_options(yield_per=5000)):
        wait_end = arrived + timedelta(seconds=wait) if wait is not None else (left or no_show or started)
        # whole minutes half up, as the tallies count them
        waited = (wait + 30) // 60 if wait is not None and waited_until_called(VisitStatus(status)) else None
        past = waited is not None and urgency in Urgency._value2member_map_ and past_threshold_minutes(
            Urgency(urgency), waited, rules)
        arrivals.append(Arrival(arrived, wait_end, waited, bool(past)))
    presence = [Presence(staff_id, signed_in, open_until(signed_out, last_seen, now, PRESENCE))
                for staff_id, signed_in, signed_out, last_seen in session.execute(
                    select(DeskSession.staff_id, DeskSession.signed_in_at, DeskSession.signed_out_at,
                           DeskSession.last_seen_at)
                    .where(DeskSession.signed_in_at < end, *sessions_here,
                           or_(func.coalesce(DeskSession.signed_out_at, DeskSession.last_seen_at) > start,
                               DeskSession.signed_out_at.is_(None))))]
    presence += [Presence(span.staff_id, span.started,
                          span.ended if span.ended is not None else min(span.open_until, now), away=True)
                 for span in spans_in(session, start, end, now, sites)]
    return staffing(arrivals, presence, start, end)
