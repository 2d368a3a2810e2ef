"""The stored triage of a period's visits, streamed for a replay of a draft catalogue (forms.replay)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy import select

from forms.choices import Urgency
from forms.replay import StoredTriage
from storage.db import Database
from storage.models import Visit


def triaged_visits(db: Database, day_from: date, day_to: date) -> Iterator[StoredTriage]:
    """The triaged visits of `day_from` … `day_to` in the order of their days and tickets, read in
    batches (a year is a million rows); only codes and answers, never a name. Reads only."""
    query = (select(Visit.ticket, Visit.service_day, Visit.triage_answers, Visit.triage_rules,
                    Visit.triage_urgency, Visit.urgency, Visit.override_reason.is_not(None),
                    Visit.restricted_at.is_not(None))
             .where(Visit.service_day.between(day_from, day_to), Visit.triaged_at.is_not(None))
             .order_by(Visit.service_day, Visit.ticket_no)
             .execution_options(yield_per=2000))
    with db.reading() as session:
        for ticket, day, answers, rules, triage_urgency, urgency, overridden, restricted in session.execute(query):
            yield StoredTriage(ticket, day, answers or {}, tuple(rules or ()),
                               Urgency(triage_urgency or urgency), Urgency(urgency), bool(overridden),
                               bool(restricted))
