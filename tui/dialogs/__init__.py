"""Modal dialogs: confirm a step, finish a visit, the feedback reminder, memo now?, change urgency, hand
over to a colleague, print a stack, the documentation note, help."""

from tui.lazy import lazy_exports

_WHERE = {
    "AwayDialog": "away",
    "ConfirmDialog": "confirm",
    "DateRangeDialog": "date_range",
    "DocumentationNoteDialog": "documentation_note",
    "FeedbackReminder": "feedback_reminder",
    "FinishDialog": "finish",
    "HandoverDialog": "handover",
    "HelpScreen": "help",
    "MemoNow": "memo_now",
    "OverrideDialog": "override",
    "StackPrintDialog": "stack_print",
    "finish_visit": "finish",
}
__all__ = list(_WHERE)
__getattr__ = lazy_exports(__name__, _WHERE)
