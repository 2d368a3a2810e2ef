"""A summary as lines of text with bar charts in block characters: `walkin summary` prints them,
the summary screen shows them."""

from __future__ import annotations

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


def summary_lines(summary: Summary, profile: ServiceProfile, viewer: StaffMember | None = None) -> list[str]:
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
        lines += ["", section.title, *_bars(section.rows)]
    if s.overrides:
        lines.append("  " + _("urgency changed by a worker: {n}").format(n=s.overrides))
    lines += fair_triage(s, profile)
    lines += ["", _("Follow-ups"), "  " + view.follow_up_now(s), "  " + view.follow_up_period(s)]
    for section in view.follow_up_sections(s, profile):
        lines += ["", section.title, *_bars(section.rows)]
    for grid in view.follow_up_grids(s, profile):
        lines += ["", grid.title, *_grid(grid)]
    lines += ["", _("Handouts printed"), *("  " + line for line in view.handouts(s))]
    lines += ["", _("By worker"), *("  " + line for line in view.workers(s, may_see_names(viewer)))]
    if s.per_weekday_hour:
        hours, days = view.weekday_hours(s)
        lines += ["", _("When people come (weekday and hour)"), "       " + " ".join(f"{h:>3}" for h in hours)]
        lines += [f"  {name:<4} " + " ".join(f"{n or '·':>3}" for n in counts) for name, counts in days]
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


def _bars(rows: list[tuple[str, int]]) -> list[str]:
    if not rows:
        return ["  –"]
    most = max(n for _label, n in rows) or 1
    width = max(len(label) for label, _n in rows)
    return [f"  {label:<{width}} {'█' * round(BAR * n / most):<{BAR}} {n}" for label, n in rows]


def _grid(grid: view.Grid) -> list[str]:
    """The table in columns as wide as their headings; the rows' labels to the left."""
    width = max(len(label) for label, _counts in grid.rows)
    widths = [max(len(column), 3) for column in grid.columns]
    head = "  " + " " * width + "".join(f"  {column:>{w}}" for column, w in zip(grid.columns, widths, strict=True))
    return [head, *(f"  {label:<{width}}" + "".join(f"  {n:>{w}}" for n, w in zip(counts, widths, strict=True))
                    for label, counts in grid.rows)]
