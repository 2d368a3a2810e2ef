"""Modal dialogs: finish a visit, change urgency, help."""

from tui.dialogs.finish import FinishDialog, finish_visit
from tui.dialogs.help import HelpScreen
from tui.dialogs.override import OverrideDialog

__all__ = ["FinishDialog", "HelpScreen", "OverrideDialog", "finish_visit"]
