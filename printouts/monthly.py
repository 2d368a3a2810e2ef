"""The monthly report for the service owner as an A4 PDF: a cover of key figures against the previous
month and the same month a year before, charts (reportlab.graphics), whether the staff was enough,
and what the figures say. A staff document: in the UI language."""

from __future__ import annotations

from datetime import date

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from forms import monthly as m
from forms import summary_view as view
from forms.choices import Urgency
from forms.i18n import _, current_language
from forms.profile import ServiceProfile
from forms.summary import Summary
from printouts.layout import FONT, build, bullets, heading, para
from printouts.summary import GRID, WIDTH, bar_chart, by_site

GREY = colors.Color(0.6, 0.6, 0.6)


def monthly_pdf(r: m.MonthlyReport, profile: ServiceProfile, printed_on: date) -> bytes:
    s = r.current
    title = _("Monthly report {month}").format(month=m.month_name(r.month))
    story: list[Flowable] = [
        para(str(profile.service.name), "subtitle"),
        para(title, "title"),
        para(view.sites_covered(s, profile)),
        para(view.period(s)),
        heading(_("Key figures"), 1),
        cover_table(r),
        Spacer(1, 4 * mm),
        para(_("The change is from the earlier month to this one: + more, - fewer.")),
        heading(_("What the figures say"), 1),
        bullets(m.findings(r) + view.fair_finding(s, profile) or [_("Nothing to say: no visits in the month.")]),
        *by_site(s, profile),
        PageBreak(),
    ]
    sections = {section.title: section for section in view.count_sections(s, profile)}

    def chart(title: str, drawing: Flowable | Drawing, *more: Flowable) -> None:
        story.append(KeepTogether([heading(title, 1), drawing, *more]))

    if s.per_day:
        chart(_("Visits per day"), column_chart([(str(d.day), n) for d, n in s.per_day.items()]))
    if s.per_weekday_hour:
        chart(_("When people come (weekday and hour)"), heat_map(s.per_weekday_hour),
              para(_("Visits by weekday and hour of arrival: the darker, the more.")))
    chart(_("Urgency"), bar_chart(sections[_("Urgency")].rows))
    chart(_("Waiting by urgency (minutes)"), wait_bars(s),
          para(_("For each urgency the upper bar is the median wait, the lower the wait that "
                 "90 %\u00a0stayed within.")))
    weeks = [w for w in r.weeks if w.feedback.finished]
    if weeks:
        chart(_("Feedback instruction by week (%)"), column_chart(
            [(_("wk {n}").format(n=w.day_from.isocalendar().week), round(100 * (w.feedback.share or 0)))
             for w in weeks], suffix=" %"))
    if _("Referred to") in sections:
        chart(_("Referrals by destination"), bar_chart(sections[_("Referred to")].rows))
    for section in view.follow_up_sections(s, profile)[:1]:
        chart(section.title, bar_chart(section.rows))
    story += staff_part(r)
    story += fair_part(s, profile)
    return build(story, profile, current_language(), printed_on, title=title, kind="summary", numbered=True,
                 running=view.sites_covered(s, profile))


def cover_table(r: m.MonthlyReport) -> Table:
    head = [_("This month"), _("Previous month"), _("Difference"), _("A year before"), _("Difference")]
    rows = [["", *(para(h, "strong", 0.75) for h in head)]]
    for f in m.key_figures(r):
        rows.append([para(f.label, "body", 0.85), m.figure(f.now, f.unit), m.figure(f.previous, f.unit),
                     para(m.change(f.now, f.previous, f.unit), "body", 0.75), m.figure(f.year_before, f.unit),
                     para(m.change(f.now, f.year_before, f.unit), "body", 0.75)])
    return Table(rows, colWidths=[42 * mm, 20 * mm, 20 * mm, 34 * mm, 20 * mm, 34 * mm], hAlign="LEFT", style=GRID)


def staff_part(r: m.MonthlyReport) -> list[Flowable]:
    st, s = r.staffing, r.current
    rate = st.per_worker_hour(s.visits)
    rows = [["", para(_("Visits"), "strong", 0.75), para(_("Median wait (min)"), "strong", 0.75)]]
    rows += [[para(_("{band} waiting per worker").format(band=m.band_label(b)), "body", 0.85), b.visits,
              m.number(b.median)] for b in st.bands]
    if st.no_worker:
        rows.append([para(_("no worker at a desk"), "body", 0.85), st.no_worker, m.number(st.no_worker_median)])
    story: list[Flowable] = [
        PageBreak(), heading(_("Is the staff resource enough?"), 1),
        para(_("Worker-hours present (signed in, not away): {hours}").format(hours=m.number(st.worker_hours))),
        para(_("Visits per worker-hour present: {rate}").format(rate=m.number(rate, 1))),
        KeepTogether([heading(_("Waits by the queue each client met"), 2, "strong"),
                      para(_("Clients already waiting per worker present when a client arrived, and how long "
                             "those clients waited until called.")),
                      Table(rows, colWidths=[70 * mm, 25 * mm, 35 * mm], hAlign="LEFT", style=GRID)]),
    ]
    if st.past_threshold_at:
        story.append(KeepTogether([
            heading(_("When clients waited past their threshold"), 2, "strong"),
            heat_map(st.past_threshold_at),
            para(_("Visits that waited past their urgency's threshold, by weekday and hour of arrival.")),
        ]))
    return story


def fair_part(s: Summary, profile: ServiceProfile) -> list[Flowable]:
    """Fair triage: the rule, the groups that waited clearly longer, then every group and every rule."""
    if s.fairness is None:
        return []
    head = [_("Group"), _("Urgency"), _("Waits"), _("Median, min"), _("Others' median, min"), _("Clearly longer")]
    rows: list[list[object]] = [[para(h, "strong", 0.75) for h in head]]
    rows += [[para(view.fair_group(g, profile), "body", 0.85), para(view.urgency_label(g.urgency), "body", 0.85),
              g.visits, view.median_text(g.median), view.median_text(g.others_median),
              _("yes") if g.flagged else ""] for g in s.fairness.groups]
    changes: list[list[object]] = [[para(h, "strong", 0.75) for h in (
        _("Rule"), _("Fired"), _("Raised"), _("Lowered"), _("Changed"))]]
    changes += [[para(name, "body", 0.85), r.fired, r.raised, r.lowered,
                 f"{r.changed} ({round(100 * (r.share or 0))} %)"] for name, r in view.override_rows(s, profile)]
    return [
        PageBreak(), heading(_("Fair triage"), 1),
        para(view.fair_rule()),
        bullets(view.fair_flagged(s, profile)),
        heading(_("Waits until called by group, within each urgency"), 2, "strong"),
        Table(rows, colWidths=[51 * mm, 25 * mm, 22 * mm, 22 * mm, 28 * mm, 22 * mm], hAlign="LEFT", style=GRID,
              repeatRows=1),
        KeepTogether([Spacer(1, 4 * mm), heading(_("Urgency changed by a worker, per triage rule"), 2, "strong"),
                      Table(changes, colWidths=[60 * mm, 20 * mm, 20 * mm, 20 * mm, 30 * mm], hAlign="LEFT",
                            style=GRID, repeatRows=1)]),
    ]


def column_chart(rows: list[tuple[str, int]], suffix: str = "") -> Drawing:
    """Vertical bars left to right, the count on top of each bar."""
    height = 55 * mm
    drawing = Drawing(WIDTH, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 8 * mm, 8 * mm
    chart.width, chart.height = WIDTH - 12 * mm, height - 16 * mm
    chart.data = [[n for _label, n in rows]]
    chart.categoryAxis.categoryNames = [label for label, _n in rows]
    for axis in (chart.categoryAxis.labels, chart.valueAxis.labels):
        axis.fontName, axis.fontSize = FONT, 7 if len(rows) > 20 else 9
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(1, max((n for _label, n in rows), default=1)) * 1.15
    chart.valueAxis.visible = False
    chart.bars[0].fillColor = colors.black
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d" + suffix.replace("%", "%%")
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT, 7 if len(rows) > 20 else 9
    chart.barLabels.boxAnchor = "s"
    chart.barLabels.dy = 2
    drawing.add(chart)
    return drawing


def heat_map(cells: dict[str, int]) -> Drawing:
    """Weekday rows × hour columns, each cell shaded by its count and showing the number (the shade
    alone would not tell it)."""
    hours = list(range(min(int(k[2:]) for k in cells), max(int(k[2:]) for k in cells) + 1))
    days = sorted({int(k[0]) for k in cells})
    label, cell = 14 * mm, min(9 * mm, (WIDTH - 14 * mm) / len(hours))
    drawing = Drawing(WIDTH, (len(days) + 1) * cell)
    top = max(cells.values())
    for column, hour in enumerate(hours):
        drawing.add(String(label + (column + 0.5) * cell, len(days) * cell + 2, str(hour),
                           fontName=FONT, fontSize=8, textAnchor="middle"))
    for row, day in enumerate(days):
        y = (len(days) - 1 - row) * cell
        drawing.add(String(0, y + cell / 2 - 3, _(view.WEEKDAYS[day]), fontName=FONT, fontSize=9))
        for column, hour in enumerate(hours):
            n = cells.get(f"{day}-{hour:02d}", 0)
            shade = n / top
            drawing.add(Rect(label + column * cell, y, cell, cell, strokeColor=colors.white, strokeWidth=1,
                             fillColor=colors.Color(1 - 0.85 * shade, 1 - 0.85 * shade, 1 - 0.85 * shade)))
            drawing.add(String(label + (column + 0.5) * cell, y + cell / 2 - 3, str(n) if n else "·",
                               fontName=FONT, fontSize=8, textAnchor="middle",
                               fillColor=colors.white if shade > 0.55 else colors.black))
    return drawing


def wait_bars(s: Summary) -> Drawing:
    """Per urgency two bars, the median over the 90th percentile, each with its number and name."""
    urgencies = [u for u in Urgency if s.waiting_by_urgency.get(u.value)]
    if not urgencies:
        return bar_chart([])
    row = 12 * mm
    height = row * len(urgencies) + 4 * mm
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 40 * mm, 2 * mm
    chart.width, chart.height = WIDTH - 40 * mm - 30 * mm, row * len(urgencies)
    waits = [s.waiting_by_urgency[u.value] for u in reversed(urgencies)]
    # the first series is drawn lowest in each group: the 90th percentile first, so the median is on top
    chart.data = [[d.p90 or 0 for d in waits], [d.median or 0 for d in waits]]
    chart.categoryAxis.categoryNames = [u.label for u in reversed(urgencies)]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 9
    chart.categoryAxis.labels.textAnchor, chart.categoryAxis.labels.dx = "end", -2
    chart.categoryAxis.visibleTicks = False
    chart.valueAxis.visible = False
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(1.0, *(d.p90 or 0 for d in waits))
    chart.bars[0].fillColor, chart.bars[1].fillColor = GREY, colors.black
    chart.bars.strokeColor = None
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[_("90 %: {n} min").format(n=m.number(d.p90)) for d in waits],
                           [_("median: {n} min").format(n=m.number(d.median)) for d in waits]]
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT, 8
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 3
    drawing.add(chart)
    return drawing
