"""Messages the app posts to its screens: declared, so a screen that cares handles them by type."""

from __future__ import annotations

from textual.message import Message


class QueueChanged(Message, bubble=False):
    """The shared queue changed (at this desk or another): the screen on show reads it again."""


class AcuteAlertsChanged(Message, bubble=False):
    """The acute visits nobody has called yet changed (app.acute_alerts): the alert follows."""


class HandoversChanged(Message, bubble=False):
    """The visits handed to the worker on duty changed (app.handovers_to_me): the desk follows."""
