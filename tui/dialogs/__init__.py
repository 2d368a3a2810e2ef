"""Modal dialogs: finish a visit, change urgency, help."""

from tui.lazy import lazy_exports

_WHERE = {
    "FinishDialog": "finish",
    "HelpScreen": "help",
    "OverrideDialog": "override",
    "finish_visit": "finish",
}
__all__ = list(_WHERE)
__getattr__ = lazy_exports(__name__, _WHERE)
