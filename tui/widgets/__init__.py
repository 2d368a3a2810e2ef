"""Reusable widgets of the desk."""

from tui.widgets.counters import DayCountersBar
from tui.widgets.form_field import FormField
from tui.widgets.queue_board import QueueBoard
from tui.widgets.questions import MultiQuestion, YesNoQuestion

__all__ = ["DayCountersBar", "FormField", "MultiQuestion", "QueueBoard", "YesNoQuestion"]
