"""A dialog of form fields that gives back a validated model: Enter moves to the next field and
saves from the last one, F2 saves from anywhere, Esc cancels; each message shows beside its field."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input

from forms.fields import field_messages
from forms.i18n import N_
from tui.covered import DimsCovered
from tui.localised import LocalisedBindings
from tui.widgets.form_field import read_fields, show_errors

M = TypeVar("M", bound=BaseModel)


class FormDialog(LocalisedBindings, DimsCovered, ModalScreen[M | None], Generic[M]):
    MODEL: ClassVar[type[BaseModel]]
    BINDINGS = [
        Binding("f2", "save", N_("Save"), id="form.save"),
        Binding("escape", "cancel", N_("Cancel"), id="form.cancel"),
    ]

    def fixed_values(self) -> dict[str, Any]:
        """Values the form does not show but the model needs."""
        return {}

    def validation_context(self) -> dict[str, Any] | None:
        """The model's validation context (the clock, for dates that must be believable)."""
        return None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is list(self.query(Input))[-1]:
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        try:
            model = self.MODEL.model_validate({**read_fields(self), **self.fixed_values()},
                                              context=self.validation_context())
        except ValidationError as error:
            show_errors(self, field_messages(error))
            return
        self.dismiss(model)  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        self.dismiss(None)
