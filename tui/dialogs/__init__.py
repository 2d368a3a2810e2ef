"""Modal dialogs: confirm a step, finish a visit, the feedback reminder, memo now?, change urgency, hand
over to a colleague, record or move a follow-up, print a stack, the documentation note, a data-subject
request's document, erasure and register entry, help."""

from tui.lazy import lazy_exports

_WHERE = {
    "AwayDialog": "away",
    "ConfirmDialog": "confirm",
    "ContactDialog": "follow_up_contact",
    "DateRangeDialog": "date_range",
    "DocumentDialog": "privacy_document",
    "DocumentationNoteDialog": "documentation_note",
    "EraseDialog": "privacy_erase",
    "FeedbackReminder": "feedback_reminder",
    "FinishDialog": "finish",
    "HandoverDialog": "handover",
    "HelpScreen": "help",
    "MemoNow": "memo_now",
    "MoveFollowUpDialog": "follow_up_move",
    "OverrideDialog": "override",
    "RequestDialog": "privacy_request",
    "StackPrintDialog": "stack_print",
    "finish_visit": "finish",
    "move_follow_up": "follow_up_move",
    "record_contact": "follow_up_contact",
}
__all__ = list(_WHERE)
__getattr__ = lazy_exports(__name__, _WHERE)
