"""A summary as lines of text with bar charts in block characters: `walkin summary` prints them,
the summary screen shows them."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from forms import summary_view as view
from forms.i18n import _
from forms.profile import ServiceProfile
from forms.summary import Summary
from storage.views import StaffMember

BAR = 30


def may_see_names(viewer: StaffMember | None) -> Callable[[int], bool]:
    """A worker sees their own name; an administrator sees everyone's."""
    return lambda staff_id: viewer is not None and (viewer.role == "admin" or viewer.id == staff_id)


def summary_lines(summary: Summary, profile: ServiceProfile, viewer: StaffMember | None = None,
                  width: int | None = None) -> list[str]:
    """The summary as lines; with `width` (the screen's columns) its tables are drawn to fit, each
    row on one line of its own (`fit` wraps the prose)."""
    s = summary
    lines = [_("Summary {when}").format(when=view.period(s)), view.sites_covered(s, profile), "", view.headline(s)]
    lines += ["  " + line for line in view.open_visits(s)]
    lines += ["  " + line for line in view.awaiting_documentation(s)]
    if s.by_site:
        lines += ["", _("By site")]
        for row in view.site_rows(s, profile):
            lines += ["  " + row.name, *("    " + line for line in view.site_lines(row))]
    lines += ["", _("Feedback instruction"), "  " + view.feedback(s, "⚠")]
    lines += [f"    {label}: {n}" for label, n in view.feedback_ways(s)]
    lines += ["", _("Waiting (arrival to call), minutes: ") + view.durations(s.waiting),
              _("Waited longer than the threshold: ") + view.past_threshold(s),
              _("Meetings (start to finish), minutes: ") + view.durations(s.meeting),
              _("Handed over to a colleague: ") + view.handovers(s)]
    for section in view.count_sections(s, profile):
        lines += ["", section.title, *_bars(section.rows, width)]
    if s.overrides:
        lines.append("  " + _("urgency changed by a worker: {n}").format(n=s.overrides))
    lines += fair_triage(s, profile)
    lines += ["", _("Follow-ups"), "  " + view.follow_up_now(s), "  " + view.follow_up_period(s)]
    for section in view.follow_up_sections(s, profile):
        lines += ["", section.title, *_bars(section.rows, width)]
    for grid in view.follow_up_grids(s, profile):
        lines += ["", grid.title, *_grid(grid, width)]
    lines += ["", _("Handouts printed"), *("  " + line for line in view.handouts(s))]
    lines += ["", _("By worker"), *("  " + line for line in view.workers(s, may_see_names(viewer)))]
    if s.per_weekday_hour:
        hours, days = view.weekday_hours(s)
        lines += ["", _("When people come (weekday and hour)")]
        # Narrower than the day's hours: the table in blocks of hours, one under the other.
        per_block = len(hours) if width is None else max(1, (width - 7) // 4)
        for start in range(0, len(hours), per_block):
            block = slice(start, start + per_block)
            lines += [] if start == 0 else [""]
            lines.append("       " + " ".join(f"{h:>3}" for h in hours[block]))
            lines += [f"  {name:<4} " + " ".join(f"{n or '·':>3}" for n in counts[block]) for name, counts in days]
    return lines


def fair_triage(s: Summary, profile: ServiceProfile) -> list[str]:
    """The groups that wait clearly longer first, then every group and every rule, a line each that
    reads alone (a screen reader reads it row by row); nothing in the summary of a single day."""
    if s.fairness is None:
        return []
    lines = ["", _("Fair triage"), "  " + view.fair_rule()]
    lines += ["  " + ("⚠ " if s.fairness.flagged else "") + line for line in view.fair_flagged(s, profile)]
    lines += ["", "  " + _("Waits until called by group, within each urgency") + ":"]
    lines += ["    " + line for _g, line in view.fair_rows(s, profile)] or ["    –"]
    lines += ["", "  " + _("Urgency changed by a worker, per triage rule") + ":"]
    lines += ["    " + view.override_line(name, r) for name, r in view.override_rows(s, profile)] or ["    –"]
    return lines


def fit(lines: list[str], width: int) -> list[str]:
    """Lines longer than `width` wrapped at words, the rest of a line indented under its start,
    so that a wrapped line is not read as the next row."""
    fitted: list[str] = []
    for line in lines:
        if len(line) <= width:
            fitted.append(line)
            continue
        lead = " " * (len(line) - len(line.lstrip(" ")))
        fitted += textwrap.wrap(line, width, initial_indent=lead, subsequent_indent=lead + "  ",
                                break_on_hyphens=False) or [line]
    return fitted


def _bars(rows: list[tuple[str, int]], width: int | None = None) -> list[str]:
    """A row each: its label, its count, then the bar (read row by row, the count is beside its
    label, not at the end of a bar or of a blank); the bars as long as `width` leaves room for."""
    if not rows:
        return ["  –"]
    most = max(n for _label, n in rows) or 1
    label_width = max(len(label) for label, _n in rows)
    count_width = max(len(str(n)) for _label, n in rows)
    room = BAR if width is None else max(0, min(BAR, width - 4 - label_width - count_width))
    return [f"  {label:<{label_width}} {n:>{count_width}} {'█' * round(room * n / most)}".rstrip()
            for label, n in rows]


def _grid(grid: view.Grid, width: int | None = None) -> list[str]:
    """The table in columns as wide as their headings, the rows' labels to the left; narrower
    than `width` allows, each row in words instead ("Heard: Yes 1, Partly 0, …")."""
    label_width = max(len(label) for label, _counts in grid.rows)
    widths = [max(len(column), 3) for column in grid.columns]
    head = "  " + " " * label_width + "".join(
        f"  {column:>{w}}" for column, w in zip(grid.columns, widths, strict=True))
    if width is not None and len(head) > width:
        return [f"  {label}: " + ", ".join(f"{column} {n}" for column, n in zip(grid.columns, counts, strict=True))
                for label, counts in grid.rows]
    return [head, *(f"  {label:<{label_width}}" + "".join(f"  {n:>{w}}" for n, w in zip(counts, widths, strict=True))
                    for label, counts in grid.rows)]
