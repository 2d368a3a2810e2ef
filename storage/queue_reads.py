"""The queue as the screens read it: the board's snapshot with wait estimates, the waiting-room
display, today's visits of every status, and today's visit by ticket."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from forms.choices import Urgency, VisitStatus
from forms.queue import estimate_waits
from forms.timefmt import service_day
from forms.transitions import NOT_SEEN, OPEN
from forms.waits import QueueRules, standing, stepped_out
from storage.away import read_away
from storage.desk_base import DeskBase
from storage.documentation import awaiting_documentation
from storage.models import DeskSession, Staff, Visit
from storage.presence import present_sessions, staff_at_work, workers_at_work
from storage.view_mapping import SHOWN_CALL_NAME, queue_entry
from storage.views import CalledTicket, DayCounters, DisplayBoard, QueueEntry, QueueSnapshot

Order = tuple[ColumnElement[Any] | InstrumentedAttribute[Any], ...]
URGENCY_RANK = case({u.value: u.rank for u in Urgency}, value=Visit.urgency, else_=len(Urgency))


def queue_order(now: datetime, rules: QueueRules) -> Order:
    """forms.waits.queue_key in SQL: the rank (a normal visit that arrived before the raise
    cutoff ranks as soon), then arrival, then id. The cutoff is a parameter computed here, so
    both databases compare two timestamps and no date arithmetic runs in SQL."""
    cutoff = rules.raise_cutoff(now)
    if cutoff is None:
        return URGENCY_RANK, Visit.arrived_at, Visit.id
    raised = and_(Visit.urgency == Urgency.NORMAL.value, Visit.arrived_at < cutoff)
    rank = case((raised, Urgency.SOON.rank), else_=URGENCY_RANK)
    return rank, Visit.arrived_at, Visit.id


def callable_by(staff_id: int, now: datetime) -> ColumnElement[bool]:
    """forms.handover.callable_by in SQL: not handed to anyone, handed to this worker, or handed
    to a worker not at work now (not signed in anywhere, or away from the desk)."""
    return or_(Visit.handed_to_id.is_(None), Visit.handed_to_id == staff_id,
               Visit.handed_to_id.not_in(staff_at_work(now)))


def own_first(staff_id: int) -> ColumnElement[int]:
    """The first part of forms.handover.call_next_key: 0 for a visit handed to this worker."""
    return case((Visit.handed_to_id == staff_id, 0), else_=1)


def call_site() -> ColumnElement[str]:
    """The site where the visit was last called: that of the caller's sign-in at the workstation
    named on the display (the latest one begun by the call), else the visit's own site (a call
    from the command line, or recorded before sites). A worker signed in at another site calls a
    client handed over to them there, and the client goes there."""
    caller_site = (select(DeskSession.site)
                   .where(DeskSession.staff_id == Visit.called_by_id, DeskSession.workstation == Visit.called_to,
                          DeskSession.signed_in_at <= func.coalesce(Visit.last_called_at, Visit.called_at))
                   .order_by(DeskSession.signed_in_at.desc(), DeskSession.id.desc())
                   .limit(1).scalar_subquery())
    return func.coalesce(caller_site, Visit.site)


def not_stepped_out(now: datetime) -> ColumnElement[bool]:
    """forms.waits.stepped_out in SQL, negated: the waiting visits call next may take now (not
    stepped out, or their time is up), with `now` a parameter as in queue_order."""
    return or_(Visit.stepped_out_until.is_(None), Visit.stepped_out_until <= now)


class QueueReads(DeskBase):
    """Reads of the queue; none of them writes."""

    def snapshot(self, site: str | None = None) -> QueueSnapshot:
        """The board of this workstation's site, or of another `site` (read only there: the same
        queue, counters and estimates its own desks see)."""
        now = self.clock()
        today = service_day(now)
        here = self.here(site)
        with self.db.reading() as session:
            order = queue_order(now, self.queue_rules)
            entries = tuple(queue_entries(session, order, here, Visit.status.in_([s.value for s in OPEN])))
            done = dict(
                session.execute(
                    select(Visit.status, func.count())
                    .where(Visit.service_day == today, here,
                           Visit.status.in_([s.value for s in (VisitStatus.FINISHED, *NOT_SEEN)]))
                    .group_by(Visit.status)
                ).all()
            )
            to_document = session.scalar(select(func.count()).select_from(Visit).where(
                Visit.service_day == today, here, awaiting_documentation()))
            # The estimate shares the site's queue among its workers at work: signed in and not away.
            workers = session.scalar(workers_at_work(now).where(DeskSession.site == (site or self.site)))
            away = read_away(session, present_sessions(now))
            meetings = session.execute(
                select(Visit.started_at, Visit.finished_at).where(
                    Visit.service_day == today, here,
                    Visit.status == "finished",
                    Visit.started_at.is_not(None),
                )
            ).all()
        lengths = [(end - start).total_seconds() / 60 for start, end in meetings if start and end]
        meeting_minutes = sum(lengths) / len(lengths) if lengths else self.meeting_minutes
        waiting = [e for e in entries if e.status is VisitStatus.WAITING]
        past = sum(standing(e.urgency, e.arrived_at, now, self.queue_rules).past_threshold for e in waiting)
        in_meeting = len(entries) - len(waiting)
        # A client stepped out is passed by until back: no estimate of their own (the board shows
        # their time left), and no one's turn waits behind them meanwhile.
        present = [e for e in waiting if not stepped_out(e.stepped_out_until, now)]
        estimates = estimate_waits(len(present), in_meeting, workers or 1, meeting_minutes)
        return QueueSnapshot(
            entries=entries,
            counters=DayCounters(
                waiting=len(waiting),
                in_meeting=in_meeting,
                finished=done.get("finished", 0),
                left=done.get(VisitStatus.LEFT.value, 0),
                no_show=done.get(VisitStatus.NO_SHOW.value, 0),
                past_threshold=past,
                to_document=to_document or 0,
            ),
            workers_signed_in=workers or 0,
            meeting_minutes=meeting_minutes,
            estimates={e.id: minutes for e, minutes in zip(present, estimates, strict=True)},
            away=away,
        )

    def acute_waiting(self) -> tuple[QueueEntry, ...]:
        """The site's acute visits nobody has called yet, first arrived first: each desk's alert,
        which stays until one of them is called (a visit put back in the queue alerts again)."""
        with self.db.reading() as session:
            return tuple(queue_entries(
                session, queue_order(self.clock(), self.queue_rules), self.here(),
                Visit.status == VisitStatus.WAITING.value, Visit.urgency == Urgency.ACUTE.value))

    def display_board(self, shown: int = 6, site: str | None = None) -> DisplayBoard:
        """The tickets called today at the site (None: this workstation's), those still being
        called first, then the latest calls (a call again is the latest: it comes to the top). A
        call is shown where the client is called: a client handed over to a worker at another site
        shows on that site's display, not on the one of the site they arrived at."""
        today = service_day(self.clock())
        at_site = self.here(site)
        calling = Visit.status == VisitStatus.CALLED.value
        with self.db.reading() as session:
            rows = session.execute(
                select(Visit.ticket, Visit.called_to, SHOWN_CALL_NAME, calling, Visit.calls)
                .where(Visit.service_day == today, call_site() == (site or self.site),
                       Visit.called_at.is_not(None))
                .order_by(calling.desc(), func.coalesce(Visit.last_called_at, Visit.called_at).desc(),
                          Visit.updated_at.desc()).limit(shown))
            called = tuple(CalledTicket(t, to, name, bool(now), max(calls or 0, 1))
                           for t, to, name, now, calls in rows)
            waiting = session.scalar(select(func.count()).select_from(Visit).where(
                at_site, Visit.status == VisitStatus.WAITING.value)) or 0
        return DisplayBoard(called, waiting)

    def today_visits(self) -> tuple[QueueEntry, ...]:
        """Every visit of today at this site, whatever its status (finished and left too), in order
        of arrival: the list a worker opens any of them from."""
        with self.db.reading() as session:
            rows = session.execute(
                select(Visit, Staff.display_name)
                .outerjoin(Staff, Staff.id == Visit.called_by_id)
                .where(Visit.service_day == service_day(self.clock()), self.here())
                .order_by(Visit.ticket_no, Visit.id)
            )
            return tuple(queue_entry(visit, called_by) for visit, called_by in rows)

    def find_today(self, ticket: str) -> int | None:
        """The id of today's visit with this ticket at this site."""
        with self.db.reading() as session:
            return session.scalar(
                select(Visit.id).where(
                    Visit.ticket == ticket.strip().upper(), Visit.service_day == service_day(self.clock()),
                    self.here()
                )
            )


ENTRY_COLUMNS = (
    Visit.id, Visit.ticket, Visit.service_day, Visit.status, Visit.urgency, Visit.arrived_at, SHOWN_CALL_NAME,
    Visit.language, Visit.triaged_at.is_not(None), Visit.triage_rules, Staff.display_name, Visit.updated_at,
    Visit.calls, Visit.handed_to_id, Visit.stepped_out_until, Visit.restricted_at.is_not(None),
)
"""What a QueueEntry holds, in its order: columns, not visits (the board reads hundreds of rows on
every queue change, and a whole visit with its triage answers is several times the work)."""


def queue_entries(session: Session, order: Order, *where: Any) -> Iterable[QueueEntry]:
    """The visits matching `where`, in `order` (queue_order), with the name of who called them."""
    rows = session.execute(
        select(*ENTRY_COLUMNS)
        .outerjoin(Staff, Staff.id == Visit.called_by_id)
        .where(*where)
        .order_by(*order)
    )
    return (
        QueueEntry(id, ticket, day, VisitStatus(status), Urgency(urgency), arrived, name, language, bool(triaged),
                   tuple(rules or ()), called_by, updated, calls or 0, handed_to, stepped_out, bool(restricted))
        for (id, ticket, day, status, urgency, arrived, name, language, triaged, rules, called_by, updated, calls,
             handed_to, stepped_out, restricted) in rows
    )
