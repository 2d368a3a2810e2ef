"""Keeping a half-typed form as the worker's draft: a moment after each change, and at once when
the screen locks (the lock screen, and switching user, must not lose it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from forms.i18n import _

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widgets import Input, Select, SelectionList

    from tui.app import WalkinApp

DRAFT_DELAY = 0.4
"""Seconds after the last change: a save per pause in typing, not per key."""


class KeepsDraft:
    """Mixed into a form screen: every change of an input, a select or a selection list is kept
    a moment later; `draft_data()` says what to keep (None: nothing typed, no draft). The app
    calls `keep_draft()` before it locks; Esc calls `throw_away()`."""

    DRAFT_KIND: str
    app: WalkinApp
    _draft_timer: Timer | None = None
    draft_kept = False
    """True once this form is kept as a draft (or was opened from one): only then is there a
    draft of it to drop. Another form's draft of the same kind is not this form's to drop."""

    _cancel_armed = False

    def draft_data(self) -> dict[str, Any] | None:
        raise NotImplementedError

    def on_input_changed(self, _event: Input.Changed) -> None:
        self.draft_changed()

    def on_select_changed(self, _event: Select.Changed) -> None:
        self.draft_changed()

    def on_selection_list_selected_changed(self, _event: SelectionList.SelectedChanged[Any]) -> None:
        self.draft_changed()

    def draft_changed(self) -> None:
        self._cancel_armed = False
        self.stop_draft_timer()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self._save_draft)  # type: ignore[attr-defined]

    def keep_draft(self) -> None:
        """Save what is typed now (the screen is locking)."""
        if self._draft_timer is not None:
            self.stop_draft_timer()
            self._save_draft()

    def stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def throw_away(self) -> bool:
        """Esc: with something typed the first press only warns, the next one drops the draft.
        True: the form may close."""
        if self.draft_data() is not None and not self._cancel_armed:
            self._cancel_armed = True
            self.notify(_("Press Esc again to throw away what you typed."), timeout=4)  # type: ignore[attr-defined]
            return False
        self.drop_draft()
        return True

    def drop_draft(self) -> None:
        """The form was thrown away: so is its draft."""
        self.stop_draft_timer()
        if not self.draft_kept:
            return
        self.draft_kept = False
        drafts, staff_id, kind = self.app.services.drafts, self.app.staff_id, self.DRAFT_KIND
        self.app.run_db(lambda: drafts.clear(staff_id, kind), quiet=True)

    def _save_draft(self) -> None:
        self._draft_timer = None
        data = self.draft_data()
        if data is None:
            self.drop_draft()
            return
        self.draft_kept = True
        drafts, staff_id, kind = self.app.services.drafts, self.app.staff_id, self.DRAFT_KIND
        self.app.run_db(lambda: drafts.save(staff_id, kind, data), quiet=True)
