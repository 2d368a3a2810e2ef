"""How an access copy or a log extract leaves the desk: printed or saved as PDF, or saved as data
(JSON or CSV), in the client's language."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Select, Static

from forms.i18n import _
from forms.privacy import DocumentOrder, DocumentWay
from tui.dialogs.form_dialog import FormDialog
from tui.widgets.form_field import FormField
from tui.widgets.keys_footer import KeysFooter

LANGUAGES = (("suomi", "fi"), ("svenska", "sv"), ("English", "en"))
"""Each language by its own name: the client's, not the desk's."""


class DocumentDialog(FormDialog[DocumentOrder]):
    """↑/↓ picks the way and Enter makes the document; Tab moves to the language (F2 anywhere)."""

    MODEL = DocumentOrder
    AUTO_FOCUS = "#document-way"

    def __init__(self, title: str, data_label: str, language: str) -> None:
        super().__init__()
        self.title_text = title
        self.ways = {DocumentWay.PRINT: _("Print the PDF"), DocumentWay.SAVE_PDF: _("Save the PDF"),
                     DocumentWay.SAVE_DATA: data_label}
        self.language = language if language in dict(LANGUAGES).values() else "fi"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="card-title", markup=False)
            ways = OptionList(*self.ways.values(), id="document-way")
            ways.highlighted = 0
            yield ways
            yield FormField(_("Language of the document"),
                            Select(LANGUAGES, value=self.language, allow_blank=False), name="language")
            yield Static(_("Enter or F2: make it    Esc: cancel"), classes="choices-help", markup=False)
        yield KeysFooter()

    def fixed_values(self) -> dict[str, Any]:
        return {"way": list(self.ways)[self.query_one(OptionList).highlighted or 0]}

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_save()
