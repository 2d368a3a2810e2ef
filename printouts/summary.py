"""The summary as an A4 PDF for the service owner, with bar charts (reportlab.graphics).
A staff document: in the UI language, not the handout languages."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import date

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from forms import summary_view as view
from forms.i18n import _, current_language
from forms.profile import ServiceProfile
from forms.summary import Summary
from printouts.layout import BESIDE, FONT, build, heading, para

WIDTH = 170 * mm
ROW = 5.5 * mm
GRID = TableStyle([*BESIDE.getCommands(), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                   ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                   ("FONTSIZE", (1, 0), (-1, 0), 9), ("FONTSIZE", (1, 1), (-1, -1), 11)])
"""Counts right-aligned under their headings, a rule under the heading row."""


def summary_pdf(summary: Summary, profile: ServiceProfile, may_see_name: Callable[[int], bool],
                printed_on: date) -> bytes:
    s = summary
    title = _("Summary {when}").format(when=view.period(s))
    story: list[Flowable] = [
        para(str(profile.service.name), "subtitle"),
        para(title, "title"),
        para(view.sites_covered(s, profile)),
        para(view.headline(s), "strong"),
        *(para(line) for line in view.open_visits(s)),
        *(para(line) for line in view.awaiting_documentation(s)),
        *by_site(s, profile),
        para(_("Feedback instruction"), "heading"),
        para(view.feedback(s, "(!)"), "big"),  # Vera has no ⚠
        *(para(f"{label}: {n}") for label, n in view.feedback_ways(s)),
        para(_("Times in minutes"), "heading"),
        Table([[para(_("Waiting (arrival to call)")), para(view.durations(s.waiting))],
               [para(_("Waited longer than the threshold")), para(view.past_threshold(s))],
               [para(_("Meetings (start to finish)")), para(view.durations(s.meeting))],
               [para(_("Handed over to a colleague")), para(view.handovers(s))]],
              colWidths=[60 * mm, None], hAlign="LEFT", style=BESIDE),
    ]
    for section in view.count_sections(s, profile):
        story.append(KeepTogether([para(section.title, "heading"), bar_chart(section.rows)]))
    story += follow_ups(s, profile)
    story += [para(_("Handouts printed"), "heading"), *(para(line) for line in view.handouts(s))]
    story += [para(_("By worker"), "heading"), *(para(line) for line in view.workers(s, may_see_name))]
    if s.per_weekday_hour:
        hours, days = view.weekday_hours(s)
        table = Table([["", *hours], *([name, *(n or "·" for n in counts)] for name, counts in days)],
                      hAlign="LEFT", style=BESIDE)
        story += [para(_("When people come (weekday and hour)"), "heading"), table]
    return build(story, profile, current_language(), printed_on, title=title, kind="summary", numbered=True,
                 running=view.sites_covered(s, profile))


def by_site(s: Summary, profile: ServiceProfile) -> list[Flowable]:
    """The sites side by side: their main figures in a table, then each site's urgency mix and
    arrival channels in a line (a column each would not fit the page)."""
    rows = view.site_rows(s, profile)
    if not rows:
        return []
    table = view.site_table(s, profile)
    assert table is not None
    # The headings as plain lines broken between words, and the figures' columns as wide as those
    # lines need: a long Swedish word is never split.
    head = [para(table.headers[0]), *(textwrap.fill(h, 14, break_long_words=False) for h in table.headers[1:6])]
    cells = [[para(row.name), row.visits, row.finished, "–" if row.median_wait is None else row.median_wait,
              "–" if row.feedback is None else f"{round(100 * row.feedback)} %", row.follow_ups] for row in rows]
    story: list[Flowable] = [para(_("By site"), "heading"),
                             Table([head, *cells], colWidths=[50 * mm, *([None] * 5)], hAlign="LEFT", style=GRID,
                                   repeatRows=1)]
    for row in rows:
        story.append(KeepTogether([heading(row.name, 2, "strong"),
                                   *(para(line) for line in view.site_lines(row)[2:])]))
    return story


def follow_ups(s: Summary, profile: ServiceProfile) -> list[Flowable]:
    """The follow-ups' part: the state now, the period in a line, then bars and tables."""
    story: list[Flowable] = [CondPageBreak(60 * mm), para(_("Follow-ups"), "heading"),
                             para(view.follow_up_now(s)), para(view.follow_up_period(s))]
    for section in view.follow_up_sections(s, profile):
        story.append(KeepTogether([heading(section.title, 2, "strong"), bar_chart(section.rows)]))
    for grid in view.follow_up_grids(s, profile):
        count_width = (WIDTH - 70 * mm) / len(grid.columns)
        table = Table([["", *grid.columns], *([para(label), *counts] for label, counts in grid.rows)],
                      colWidths=[70 * mm, *([count_width] * len(grid.columns))], hAlign="LEFT", style=GRID)
        story.append(KeepTogether([Spacer(1, 3 * mm), heading(grid.title, 2, "strong"), table]))
    return story


def bar_chart(rows: list[tuple[str, int]]) -> Drawing:
    """Horizontal bars, first row on top, the count at the end of each bar."""
    rows = rows or [("–", 0)]
    label_width = 60 * mm
    height = ROW * len(rows) + 4 * mm
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 2 * mm
    chart.width, chart.height = WIDTH - label_width - 12 * mm, ROW * len(rows)
    chart.data = [[n for _label, n in reversed(rows)]]
    chart.categoryAxis.categoryNames = [label for label, _n in reversed(rows)]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 9
    chart.categoryAxis.labels.dx = -2
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.visibleTicks = False
    chart.valueAxis.visible = False
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(1, max(n for _label, n in rows))
    chart.bars[0].fillColor = colors.black
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 9
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing
