"""The desk's operations: admit, triage, call, start, finish, left; every one commits at once.

`Desk` is composed of its parts, one module per concern: the queue's guarded steps
(storage.queue_steps, and the warm handover built on them in storage.handovers), the queue's
reads (storage.queue_reads), a visit's records (storage.visit_records) and its record status
(storage.documentation); rows become view
records in storage.view_mapping."""

from __future__ import annotations

from forms.transitions import OPEN
from storage.documentation import Documenting
from storage.handovers import Handovers
from storage.queue_reads import QueueReads
from storage.view_mapping import ACTION_COLUMNS
from storage.visit_records import VisitRecords

__all__ = ["ACTION_COLUMNS", "OPEN", "Desk"]


class Desk(Handovers, QueueReads, VisitRecords, Documenting):
    """Everything a desk does with the queue and its visits (`services.desk`)."""
