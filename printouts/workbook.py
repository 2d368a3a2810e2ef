"""The summary as an Excel workbook (openpyxl): a sheet per table, typed cells, in the UI language."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from forms import summary_view as view
from forms.i18n import _, current_language
from forms.profile import ServiceProfile
from forms.summary import Summary

HEAD_ROWS = 6
"""The service, the summary's title, its first and last day, the sites it covers, the table's
title and its headings; the rows follow."""
BOLD = Font(bold=True)
NAME_LENGTH = 31
"""Excel refuses a longer sheet name."""
NOT_IN_NAMES = re.compile(r"[\[\]:*?/\\]")


def summary_workbook(summary: Summary, profile: ServiceProfile, may_see_name: Callable[[int], bool]) -> bytes:
    """The .xlsx file's bytes: each sheet names the service and the period above its table."""
    s = summary
    formats = number_formats(current_language())
    book = Workbook()
    book.remove(book.active)
    book.properties.creator = "walkin-desk"
    book.properties.title = _("Summary {when}").format(when=view.period(s))
    taken: set[str] = set()
    for table in view.tables(s, profile, may_see_name):
        sheet = book.create_sheet(sheet_name(table.title, taken))
        head: list[list[view.Cell]] = [[str(profile.service.name)], [book.properties.title],
                                        [_("Period"), s.day_from, s.day_to], [view.sites_covered(s, profile)],
                                        [table.title], [*table.headers]]
        for number, row in enumerate([*head, *table.rows], start=1):
            _write(sheet, number, row, formats)
        for number in (1, 2, 5, 6):
            for cell in sheet[number]:
                cell.font = BOLD
        sheet.freeze_panes = f"A{HEAD_ROWS + 1}"
        widen(sheet, table)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write(sheet: Worksheet, number: int, row: list[view.Cell], formats: dict[str, str]) -> None:
    """Row `number` of the sheet, each cell with its number format: dates, times and percentages."""
    for column, value in enumerate(row, start=1):
        cell = sheet.cell(number, column, float(value) if isinstance(value, view.Share) else value)
        if isinstance(value, view.Share):
            cell.number_format = formats["share"]
        elif isinstance(value, datetime):
            cell.number_format = formats["datetime"]
        elif isinstance(value, date):
            cell.number_format = formats["date"]


def number_formats(language: str) -> dict[str, str]:
    """Dates as the desk writes them (22.11.2026 or 22 Nov 2026), shares as whole percentages."""
    if language in ("fi", "sv"):
        return {"date": "d.m.yyyy", "datetime": "d.m.yyyy hh:mm", "share": "0 %"}
    return {"date": "d mmm yyyy", "datetime": "d mmm yyyy hh:mm", "share": "0%"}


def sheet_name(title: str, taken: set[str]) -> str:
    """A name Excel takes: at most 31 characters (cut at a word), none of []:*?/\\, not starting
    or ending with an apostrophe, and not one already `taken` (in any case); added to `taken`."""
    name = " ".join(NOT_IN_NAMES.sub(" ", title).split()).strip("'") or "-"
    if len(name) > NAME_LENGTH:
        # "Kykyviisari self-assessment, of 4 follow-ups closed": the part before the comma names it
        cut = name.split(", ", 1)[0]
        if len(cut) > NAME_LENGTH:
            cut = name[:NAME_LENGTH + 1].rsplit(" ", 1)[0]
        if cut.count("(") > cut.count(")"):
            cut = cut[:cut.rindex("(")]  # no bracket left open
        name = (cut if len(cut) >= NAME_LENGTH // 2 else name[:NAME_LENGTH]).rstrip(" ,;.–-'")
    unique, number = name, 1
    while unique.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        unique = name[:NAME_LENGTH - len(suffix)].rstrip(" '") + suffix
    taken.add(unique.casefold())
    return unique


def widen(sheet: Worksheet, table: view.Table) -> None:
    """Each column as wide as its heading or its widest cell (the titles above may run over)."""
    for column, header in enumerate(table.headers, start=1):
        cells = [row[column - 1] for row in table.rows if column <= len(row)]
        width = max([len(header), *(_shown_length(cell) for cell in cells)])
        if column <= 3:
            width = max(width, 11)  # the period's days in row 3
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, 60)


def _shown_length(cell: view.Cell) -> int:
    if cell is None:
        return 0
    if isinstance(cell, datetime):
        return 17
    if isinstance(cell, date):
        return 11
    if isinstance(cell, view.Share):
        return 5
    return len(str(cell))
