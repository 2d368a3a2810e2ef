"""The access copy (GDPR Art. 15) and the log extract (Act 703/2023 § 11) as A4 PDFs for the
client, in Finnish, Swedish or English: every field held, labelled in the client's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from forms.privacy import STAFF_KEYS
from forms.profile import ServiceProfile
from forms.timefmt import format_date
from printouts.data import LogLine
from printouts.layout import FONT, build, format_moment, heading, labelled, para, styles, texts

Row = Mapping[str, Any]
HIDDEN = frozenset({"id", "visit_id"})
"""Section rows' own numbers: meaningless to the client (the visit's number is shown once)."""


def access_copy(profile: ServiceProfile, visits: Sequence[tuple[Row, Mapping[str, Sequence[Row]]]],
                staff: Mapping[int, str], language: str, made_on: date) -> bytes:
    """`visits`: each visit's own row and its sections (storage.privacy.HELD), field → value."""
    t = texts(language)["privacy"]
    story: list[Flowable] = [
        para(profile.service.name.get(language), "subtitle"),
        para(t["access_title"], "title"),
        para(t["access_intro"].format(date=format_date(made_on, language))),
    ]
    for visit, sections in visits:
        # Each visit a heading of the outline, its sections under it.
        when = format_date(visit["service_day"], language)
        story.append(heading(t["visit"].format(ticket=visit["ticket"], date=when), 1, "big"))
        story.append(heading(t["sections"]["visit"], 2))
        story.extend(_fields(visit, frozenset(), staff, language))
        for name, rows in sections.items():
            story.append(heading(t["sections"].get(name, name), 2))
            if not rows:
                story.append(para(t["nothing"]))
            for number, row in enumerate(rows):
                if number:
                    story.append(Spacer(1, 2 * mm))
                story.extend(_fields(row, HIDDEN, staff, language))
    return build(story, profile, language, made_on, title=t["access_title"], kind="access_copy", numbered=True)


def log_extract(profile: ServiceProfile, lines: Sequence[LogLine], language: str, made_on: date) -> bytes:
    t = texts(language)["privacy"]
    columns = t["columns"]
    small = styles(0.8)["body"]

    def cell(text: str) -> Paragraph:
        return para(text, "body", 0.8)

    table = [[cell(columns[c]) for c in ("time", "who", "action", "workstation", "ticket")]]
    for line in lines:
        what = t["actions"].get(line.action, line.action) + (f" ({line.detail})" if line.detail else "")
        ticket = f"{line.ticket} {format_date(line.service_day, language)}" if line.service_day else line.ticket
        table.append([cell(format_moment(line.at, language)), cell(line.who), cell(what), cell(line.workstation),
                      cell(ticket)])
    style = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FONT),
                        ("LINEBELOW", (0, 0), (-1, 0), 0.8, "black"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)])
    story: list[Flowable] = [
        para(profile.service.name.get(language), "subtitle"),
        para(t["extract_title"], "title"),
        para(t["extract_intro"].format(date=format_date(made_on, language))),
        Spacer(1, 3 * mm),
        Table(table, colWidths=[40 * mm, 26 * mm, 52 * mm, 26 * mm, 26 * mm], repeatRows=1, hAlign="LEFT",
              style=style) if lines else Paragraph(t["nothing"], small),
    ]
    return build(story, profile, language, made_on, title=t["extract_title"], kind="log_extract", numbered=True)


def _fields(row: Row, hidden: frozenset[str], staff: Mapping[int, str], language: str) -> list[Flowable]:
    labels = texts(language)["privacy"]["fields"]
    return [labelled(labels.get(key, key), _value(key, value, staff, language))
            for key, value in row.items() if key not in hidden and value not in (None, "", [], {})]


def _value(key: str, value: Any, staff: Mapping[int, str], language: str) -> str:
    t = texts(language)["privacy"]
    if key in STAFF_KEYS:
        return staff.get(value, f"#{value}")
    if key == "action":
        return str(t["actions"].get(value, value))
    if isinstance(value, bool):
        return str(t["yes"] if value else t["no"])
    if isinstance(value, datetime):
        return format_moment(value, language)
    if isinstance(value, date):
        return format_date(value, language)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value('', v, staff, language)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_value("", v, staff, language) for v in value)
    return str(value)


