"""One module per screen."""

from tui.lazy import lazy_exports

_WHERE = {
    "DeskScreen": "desk",
    "FirstRunScreen": "first_run",
    "FollowUpsScreen": "follow_ups",
    "IntakeEditScreen": "intake",
    "IntakeScreen": "intake",
    "PrivacyScreen": "privacy",
    "SignInScreen": "sign_in",
    "StartFailedScreen": "start_failed",
    "SummaryScreen": "summary",
    "TodayScreen": "today",
    "TriageScreen": "triage",
    "VisitScreen": "visit",
}
__all__ = list(_WHERE)
__getattr__ = lazy_exports(__name__, _WHERE)
