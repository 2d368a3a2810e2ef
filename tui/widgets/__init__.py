"""Reusable widgets of the desk."""

from tui.lazy import lazy_exports

_WHERE = {
    "AcuteBanner": "acute_banner",
    "AwayLine": "away_line",
    "DayCountersBar": "counters",
    "FormField": "form_field",
    "HandoverBanner": "handover_banner",
    "HelsinkiHeader": "helsinki_header",
    "MultiQuestion": "questions",
    "QueueBoard": "queue_board",
    "YesNoQuestion": "questions",
}
__all__ = list(_WHERE)
__getattr__ = lazy_exports(__name__, _WHERE)
