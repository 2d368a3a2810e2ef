"""One module per screen."""

from tui.screens.desk import DeskScreen
from tui.screens.first_run import FirstRunScreen
from tui.screens.intake import IntakeScreen
from tui.screens.sign_in import SignInScreen
from tui.screens.start_failed import StartFailedScreen
from tui.screens.triage import TriageScreen
from tui.screens.visit import VisitScreen

__all__ = [
    "DeskScreen",
    "FirstRunScreen",
    "IntakeScreen",
    "SignInScreen",
    "StartFailedScreen",
    "TriageScreen",
    "VisitScreen",
]
