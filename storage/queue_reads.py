"""The queue as the screens read it: the board's snapshot with wait estimates, the waiting-room
display, today's visits of every status, and today's visit by ticket."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from forms.choices import Urgency, VisitStatus
from forms.queue import estimate_waits
from forms.timefmt import service_day
from forms.transitions import NOT_SEEN, OPEN
from forms.waits import QueueRules, Standings, stepped_out
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept: dict[str, KeptQueue] = {}
        """Each site's open visits as last read: the next read takes only the visits changed since."""
        self._kept_lock = threading.Lock()

    def snapshot(self, site: str | None = None, *, whole: bool = False) -> QueueSnapshot:
        """The board of this workstation's site, or of another `site` (read only there: the same
        queue, counters and estimates its own desks see). The open visits are those of the last
        read with the visits changed since read again (`whole`: every open visit read again)."""
        now = self.clock()
        today = service_day(now)
        here = self.here(site)
        standings = Standings(now, self.queue_rules)
        with self._kept_lock, self.db.reading() as session:
            if not self.db.is_sqlite:
                # One snapshot for every statement below: the revision mark and the rows it covers.
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            entries = self._open_visits(session, site or self.site, standings, whole)
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
        past = sum(standings.past_threshold(e.urgency, e.arrived_at) for e in waiting)
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

    def _open_visits(self, session: Session, site: str, standings: Standings, whole: bool) -> tuple[QueueEntry, ...]:
        """The site's open visits in queue order: those kept from the last read, with the visits
        changed since (revision at or above its mark, migration 0027) read again. An unchanged
        visit keeps its QueueEntry, the same object, so the board sees at once which rows changed."""
        mark = session.scalar(REVISION_MARK[session.get_bind().dialect.name])
        kept = None if whole else self._kept.get(site)
        if kept is not None and mark < kept.mark:
            kept = None  # the database was made anew under the desk: its revisions start again
        at_site, open_ = Visit.site == site, Visit.status.in_(OPEN_VALUES)
        rows = session.execute(select(*OPEN_COLUMNS).where(
            at_site, open_ if kept is None else Visit.revision >= kept.mark)).all()
        entries = dict(kept.entries) if kept is not None else {}
        callers = dict(kept.callers) if kept is not None else {}
        changed = []
        for row in rows:
            if row.status in OPEN_VALUES:
                changed.append(row)
                callers[row.id] = row.called_by_id
            else:  # finished, left, did not show: off the board
                entries.pop(row.id, None)
                callers.pop(row.id, None)
        calling = {staff_id for staff_id in callers.values() if staff_id is not None}
        names = {staff_id: name for staff_id, name in session.execute(
            select(Staff.id, Staff.display_name).where(Staff.id.in_(calling)))} if calling else {}
        if kept is not None:
            # A visit deleted (or one that left the site) has no revision to read: the open visits'
            # count and ids then differ from those kept, and the whole queue is read again.
            count, ids = session.execute(select(func.count(), func.coalesce(func.sum(Visit.id), 0))
                                         .where(at_site, open_)).one()
            if (count, int(ids)) != (len(callers), sum(callers)):
                return self._open_visits(session, site, standings, whole=True)
            for visit_id, staff_id in callers.items():  # a caller renamed since the last read
                if staff_id is not None and kept.names.get(staff_id) != names.get(staff_id) and visit_id in entries:
                    entries[visit_id] = replace(entries[visit_id], called_by=names.get(staff_id))
        for row in changed:
            entry = open_entry(row, names.get(row.called_by_id) if row.called_by_id else None)
            # Read again but as it was (PostgreSQL reads again from the oldest transaction then
            # open anywhere on the server): the entry kept stays, so the board sees it unchanged.
            if entries.get(row.id) != entry:
                entries[row.id] = entry
        order = tuple(sorted(entries.values(), key=lambda e: standings.key(e.urgency, e.arrived_at, e.id)))
        if kept is not None and _same(order, kept.order):
            order = kept.order  # the same tuple: the board need not look further
        self._kept[site] = KeptQueue(mark, entries, callers, names, order)
        return order

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

OPEN_COLUMNS = (*ENTRY_COLUMNS[:10], Visit.called_by_id, *ENTRY_COLUMNS[11:])
"""ENTRY_COLUMNS with the caller's id for their name: the snapshot reads the names apart, once."""
OPEN_VALUES = tuple(s.value for s in OPEN)
REVISION_MARK = {
    "sqlite": text("SELECT value + 1 FROM visit_revision WHERE id = 1"),
    "postgresql": text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"),
}
"""The lowest visit revision a read may not have seen (migration 0027): on SQLite the next number
to be taken; on PostgreSQL the oldest transaction still open when the read's snapshot was taken
(one that commits later was not seen, and its revision is its id, at least this)."""


@dataclass(frozen=True, slots=True)
class KeptQueue:
    """A site's open visits as a read left them, for the next read to start from."""

    mark: int
    entries: dict[int, QueueEntry]
    callers: dict[int, int | None]
    """Each open visit's caller (a staff id), whose name the entry shows."""
    names: dict[int, str]
    order: tuple[QueueEntry, ...]


def _same(order: Sequence[QueueEntry], kept: Sequence[QueueEntry]) -> bool:
    return len(order) == len(kept) and all(a is b for a, b in zip(order, kept, strict=True))


def open_entry(row: Sequence[Any], called_by: str | None) -> QueueEntry:
    """A QueueEntry from a row of ENTRY_COLUMNS (OPEN_COLUMNS: the caller's name given apart)."""
    (id, ticket, day, status, urgency, arrived, name, language, triaged, rules, _caller, updated, calls,
     handed_to, stepped_out, restricted) = row
    return QueueEntry(id, ticket, day, VisitStatus(status), Urgency(urgency), arrived, name, language, bool(triaged),
                      tuple(rules or ()), called_by, updated, calls or 0, handed_to, stepped_out, bool(restricted))


def queue_entries(session: Session, order: Order, *where: Any) -> Iterable[QueueEntry]:
    """The visits matching `where`, in `order` (queue_order), with the name of who called them."""
    rows = session.execute(
        select(*ENTRY_COLUMNS)
        .outerjoin(Staff, Staff.id == Visit.called_by_id)
        .where(*where)
        .order_by(*order)
    )
    return (open_entry(row, row[10]) for row in rows)
