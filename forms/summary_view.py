"""What a summary says, in words and rows, for every way of showing it (text, screen, PDF)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from forms import fairness
from forms.choices import (
    AgeGroup,
    ArrivalChannel,
    FeedbackInstruction,
    HandoutKind,
    HealthCheck,
    Labelled,
    LifeSituation,
    OutcomeAction,
    ReferralProgress,
    Urgency,
    VisitStatus,
)
from forms.followup import NOT_REACHED
from forms.i18n import N_, _, current_language
from forms.monthly import number
from forms.profile import ServiceProfile
from forms.summary import NOT_RECORDED, Durations, Summary
from forms.timefmt import format_date, format_datetime, format_time, local


@dataclass(frozen=True)
class Section:
    """A titled list of counts, drawn as bars."""

    title: str
    rows: list[tuple[str, int]]
    days: tuple[date, ...] = ()
    """The day of each row, when the rows are days (a spreadsheet takes them as dates)."""


def ordered(counts: dict[str, int], order: Sequence[str]) -> list[tuple[str, int]]:
    """Counts in the order of the choices, then anything else, then "not recorded"."""
    known = [(key, counts[key]) for key in order if key in counts]
    rest = sorted((k, v) for k, v in counts.items() if k not in order and k != NOT_RECORDED)
    tail = [(NOT_RECORDED, counts[NOT_RECORDED])] if NOT_RECORDED in counts else []
    return known + rest + tail


WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def weekday_name(day: date) -> str:
    return _(WEEKDAYS[day.weekday()])


def period(s: Summary) -> str:
    """"24.11.2026"; a whole week "week 48: 23.–29.11.2026" (so a Monday's week is not mistaken
    for the day); else "1.11.2026 – 20.11.2026"."""
    if s.days == 1:
        return format_date(s.day_from)
    if s.days == 7 and s.day_from.weekday() == 0:
        return _("week {number}: {days}").format(number=s.day_from.isocalendar().week,
                                                  days=days_between(s.day_from, s.day_to))
    return f"{format_date(s.day_from)} – {format_date(s.day_to)}"


def days_between(first: date, last: date) -> str:
    """23.–29.11.2026, 30.11.–6.12.2026 in Finnish and Swedish; 23 Nov 2026 – 29 Nov 2026 in English."""
    if current_language() not in ("fi", "sv") or first.year != last.year:
        return f"{format_date(first)} – {format_date(last)}"
    start = f"{first.day}." if first.month == last.month else f"{first.day}.{first.month}."
    return f"{start}–{format_date(last)}"


def headline(s: Summary) -> str:
    return _("Visits {visits}: finished {finished}, left without being seen {left}, did not show {no_show}, "
             "still open {open}").format(visits=s.visits, finished=s.finished, left=s.left, no_show=s.no_show,
                                         open=s.still_open)


def open_visits(s: Summary) -> list[str]:
    # The words and each day's date and status looked up once: a busy day lists hundreds.
    line = _("open: {ticket} {day} {time} ({status})")
    days = {day: format_date(day) for day in {v.service_day for v in s.open_visits}}
    statuses = {status: VisitStatus(status).label for status in {v.status for v in s.open_visits}}
    return [line.format(ticket=v.ticket, day=days[v.service_day], time=format_time(v.arrived_at),
                        status=statuses[v.status]) for v in s.open_visits]


def awaiting_documentation(s: Summary) -> list[str]:
    """The client matters still to be marked documented in the client information system, by
    ticket (and day, over a period); none: no line."""
    if not s.awaiting_documentation:
        return []
    tickets = ", ".join(v.ticket if s.days == 1 else f"{v.ticket} {format_date(v.service_day)}"
                        for v in s.awaiting_documentation)
    return [_("Awaiting documentation in the client information system: {n} ({tickets})").format(
        n=len(s.awaiting_documentation), tickets=tickets)]


def feedback(s: Summary, flag: str) -> str:
    """The coverage of the feedback instruction; below 100 % it starts with `flag`."""
    if not s.feedback.finished:
        return _("no finished visits")
    text = _("{given} of {finished} finished visits got it ({share} %)").format(
        given=s.feedback.given, finished=s.feedback.finished, share=round(100 * (s.feedback.share or 0)))
    return text if s.feedback.complete else f"{flag} {text} — " + _("below 100 %")


def feedback_ways(s: Summary) -> list[tuple[str, int]]:
    labels = {way.value: way.label for way in FeedbackInstruction} | {"missing": _("no answer recorded")}
    return [(labels[way], s.feedback.ways[way]) for way in labels if s.feedback.ways.get(way)]


def durations(d: Durations) -> str:
    if not d.count:
        return "–"
    return _("median {median:.0f}, 90 % within {p90:.0f}, longest {longest:.0f} (n={n})").format(
        median=d.median, p90=d.p90, longest=d.longest, n=d.count)


def past_threshold(s: Summary) -> str:
    """"4 (acute 1, normal 3)": the visits that waited until called longer than the profile's
    threshold of their urgency."""
    total = sum(s.past_threshold.values())
    parts = [f"{u.label} {s.past_threshold[u.value]}" for u in Urgency if s.past_threshold.get(u.value)]
    return f"{total} ({', '.join(parts)})" if parts else str(total)


def handovers(s: Summary) -> str:
    """"3, from handover to call: median 12, …": warm handovers to a named colleague."""
    return _("{n}, from handover to call: {times}").format(n=s.handovers, times=durations(s.handover_to_call))


def count_sections(s: Summary, profile: ServiceProfile) -> list[Section]:
    def labelled(counts: dict[str, int], choices: type[Labelled]) -> list[tuple[str, int]]:
        return [(label_of(key, choices), n) for key, n in ordered(counts, [c.value for c in choices])]

    sections = [
        Section(_("Urgency"), labelled(s.by_urgency, Urgency)),
        Section(_("How they heard of us"), labelled(s.by_channel, ArrivalChannel)),
        Section(_("Life situation"), labelled(s.by_life_situation, LifeSituation)),
        Section(_("Language"), [(label_of(k, None) if k == NOT_RECORDED else profile.language_label(k), n)
                                for k, n in ordered(s.by_language, [c.code for c in profile.client_languages])]),
        Section(_("Interpreter"), [(_("needed"), s.interpreter_needed),
                                   (_("not needed"), s.visits - s.interpreter_needed)]),
        Section(_("Age group"), labelled(s.by_age_group, AgeGroup)),
        Section(_("Municipality"), [(label_of(k, None), n) for k, n in
                                    ordered(s.by_municipality, list(profile.municipalities))]),
        Section(_("What was done"), [(a.label, s.actions.get(a.value, 0)) for a in OutcomeAction]),
    ]
    if s.referrals:
        labels = {d.id: str(d.label) for d in profile.referral_destinations}
        sections.append(Section(_("Referred to"), [(labels.get(k, k), n) for k, n in sorted(s.referrals.items())]))
    if s.per_day:
        sections.append(Section(_("Visits per day"), [(f"{weekday_name(d)} {format_date(d)}", n)
                                                      for d, n in s.per_day.items()], tuple(s.per_day)))
    return sections


def sites_covered(s: Summary, profile: ServiceProfile) -> str:
    """Which walk-in sites the figures cover, by their names in the UI language: every page and
    sheet says it."""
    names = ", ".join(profile.site_name(site) for site in s.sites)
    if s.whole_service and len(s.sites) > 1:
        return _("All sites: {names}").format(names=names)
    return (_("Sites: {names}") if len(s.sites) > 1 else _("Site: {names}")).format(names=names)


@dataclass(frozen=True)
class SiteRow:
    """One site's figures beside the others' (forms.summary.SiteLine, in words)."""

    name: str
    visits: int
    finished: int
    median_wait: int | None
    feedback: float | None
    """The share of the finished visits that got the feedback instruction."""
    follow_ups: int
    urgency: list[tuple[str, int]]
    channels: list[tuple[str, int]]


def site_rows(s: Summary, profile: ServiceProfile) -> list[SiteRow]:
    """The sites side by side: empty unless the summary covers more than one."""
    return [SiteRow(profile.site_name(line.site), line.visits, line.finished, minutes(line.waiting.median),
                    line.feedback.share, line.follow_ups,
                    [(label_of(k, Urgency), n) for k, n in ordered(line.by_urgency, [u.value for u in Urgency])],
                    [(label_of(k, ArrivalChannel), n)
                     for k, n in ordered(line.by_channel, [c.value for c in ArrivalChannel])])
            for line in s.by_site]


def site_lines(row: SiteRow) -> list[str]:
    """A site's figures in short lines (the terminal reads them row by row at 80 columns)."""
    wait = "–" if row.median_wait is None else str(row.median_wait)
    feedback = "–" if row.feedback is None else f"{round(100 * row.feedback)} %"
    return [
        _("visits {visits}, finished {finished}, median wait {wait} min").format(
            visits=row.visits, finished=row.finished, wait=wait),
        _("feedback instruction {share}, follow-ups set {follow_ups}").format(share=feedback,
                                                                               follow_ups=row.follow_ups),
        _("urgency: {counts}").format(counts=", ".join(f"{label} {n}" for label, n in row.urgency) or "–"),
        _("heard of us: {counts}").format(counts=", ".join(f"{label} {n}" for label, n in row.channels) or "–"),
    ]


def site_table(s: Summary, profile: ServiceProfile) -> Table | None:
    """The sites side by side as one table: a row a site, a column a figure, each urgency and
    each arrival channel; None for a summary of one site."""
    rows = site_rows(s, profile)
    if not rows:
        return None
    urgencies = [u.label for u in Urgency]
    channels = list(dict.fromkeys(label for row in rows for label, _n in row.channels))
    return Table(_("By site"), [
        _("Site"), _("Visits"), _("Finished"), _("Median wait, min"), _("Feedback instruction"),
        _("Follow-ups set"), *urgencies, *channels], [
        [row.name, row.visits, row.finished, row.median_wait, None if row.feedback is None else Share(row.feedback),
         row.follow_ups, *(dict(row.urgency).get(label, 0) for label in urgencies),
         *(dict(row.channels).get(label, 0) for label in channels)] for row in rows])


def label_of(key: str, choices: type[Labelled] | None) -> str:
    if key == NOT_RECORDED:
        return _("not recorded")
    if choices is not None:
        try:
            return choices(key).label
        except ValueError:
            pass
    return key


def handouts(s: Summary) -> list[str]:
    lines = [f"{HandoutKind(h.kind).label} ({h.language}): {h.copies}" for h in s.handouts] or ["–"]
    return lines + [f"{label}: {n}" for label, n in prints_not_on_paper(s)]


def prints_not_on_paper(s: Summary) -> list[tuple[str, int]]:
    """The prints that did not come out of a printer, by why; only those that happened."""
    rows = [(_("saved as a file, as asked"), s.written_prints),
            (_("not printed (PDF kept instead)"), s.failed_prints),
            (_("neither printed nor saved"), s.lost_prints),
            (_("sent to a printer, outcome not known"), s.unconfirmed_prints)]
    return [(label, n) for label, n in rows if n]


def minutes(value: float | None) -> int | None:
    """Whole minutes, rounded as the text rounds them (half to even)."""
    return None if value is None else round(value)


@dataclass(frozen=True)
class WorkerRow:
    """A worker's line: a name only where the reader may see it, else "worker 2"."""

    who: str
    visits: int
    median_meeting: int | None
    away_minutes: int


def worker_rows(s: Summary, may_see_name: Callable[[int], bool]) -> list[WorkerRow]:
    return [WorkerRow(worker.name if may_see_name(worker.staff_id) else _("worker {n}").format(n=number),
                      worker.visits, minutes(worker.meeting.median), worker.away_minutes)
            for number, worker in enumerate(s.workers, start=1)]


def workers(s: Summary, may_see_name: Callable[[int], bool]) -> list[str]:
    """One line per worker; a name only where `may_see_name(staff_id)`, else a number."""
    lines = []
    for row in worker_rows(s, may_see_name):
        median = "–" if row.median_meeting is None else str(row.median_meeting)
        line = _("{who}: {visits} visits, median meeting {median} min").format(
            who=row.who, visits=row.visits, median=median)
        if row.away_minutes:
            line += _(", away {minutes} min").format(minutes=row.away_minutes)
        lines.append(line)
    return lines


def weekday_hours(s: Summary) -> tuple[list[int], list[tuple[str, list[int]]]]:
    """Hours present, and for each weekday present its name and visits per hour."""
    hours = sorted({int(key.split("-")[1]) for key in s.per_weekday_hour})
    days = sorted({int(key.split("-")[0]) for key in s.per_weekday_hour})
    return hours, [(_(WEEKDAYS[d]), [s.per_weekday_hour.get(f"{d}-{h:02d}", 0) for h in hours]) for d in days]


@dataclass(frozen=True)
class Grid:
    """A titled table of counts: a row label, then a count under each column."""

    title: str
    columns: list[str]
    rows: list[tuple[str, list[int]]]


def follow_up_now(s: Summary) -> str:
    """The follow-ups as they stand when the summary was made, whatever its period."""
    f = s.follow_ups
    when = format_datetime(f.as_of) if f.as_of else "–"
    return _("Now ({when}): open {open}, due today {due_today}, overdue {overdue}").format(
        when=when, open=f.open, due_today=f.due_today, overdue=f.overdue)


def follow_up_period(s: Summary) -> str:
    """The follow-ups of the period in one line, or that there were none."""
    f = s.follow_ups
    if not f.in_period:
        return _("no follow-ups in the period")
    return _("In the period: set {set}, contacts {contacts} (reached the client {reached}, not reached "
             "{missed}), closed {closed}").format(set=f.set, contacts=f.contacts, reached=f.reached,
                                                  missed=f.contacts - f.reached, closed=sum(f.closed.values()))


def follow_up_sections(s: Summary, profile: ServiceProfile) -> list[Section]:
    """Why the services ended, the health checks and the Kykyviisari coverage; only those with
    something to count."""
    f, fp = s.follow_ups, profile.follow_up
    sections = []
    if f.closed:
        order = [reason.id for reason in fp.end_reasons] + [NOT_REACHED]
        sections.append(Section(_("Closed: why the service ended"),
                                [(fp.end_reason_label(key), n) for key, n in ordered(f.closed, order)]))
    if f.health_checks:
        sections.append(Section(
            _("Health check for the unemployed, of {n} asked").format(n=sum(f.health_checks.values())),
            [(check.label, f.health_checks.get(check.value, 0)) for check in HealthCheck]))
    k = f.kykyviisari
    if k.closed:
        sections.append(Section(_("Kykyviisari self-assessment, of {n} follow-ups closed").format(n=k.closed),
                                [(_("done before"), k.before), (_("done after"), k.after),
                                 (_("both"), k.both)]))
    return sections


def follow_up_grids(s: Summary, profile: ServiceProfile) -> list[Grid]:
    """How the referrals went (by destination), and the answers on the profile's scale (the
    clients' own, then the workers' views apart); only those with something to count."""
    f, fp = s.follow_ups, profile.follow_up
    grids = []
    if f.referrals:
        destinations = {d.id: str(d.label) for d in profile.referral_destinations}
        grids.append(Grid(_("Referrals: did the client get there"), [p.label for p in ReferralProgress], [
            (destinations.get(key, key), [f.referrals[key].get(p.value, 0) for p in ReferralProgress])
            for key, _n in ordered({k: 0 for k in f.referrals}, list(destinations))]))
    scale = [choice.id for choice in fp.scale]
    shorts = {q.id: str(q.short) for q in fp.questions}
    for title, answers in ((_("The clients' answers"), f.answers), (_("The workers' views"), f.worker_views)):
        if answers:
            extra = sorted({a for counts in answers.values() for a in counts} - set(scale))
            grids.append(Grid(title, [fp.scale_label(a) for a in scale + extra], [
                (shorts.get(q, q), [answers[q].get(a, 0) for a in scale + extra])
                for q, _n in ordered({q: 0 for q in answers}, list(shorts))]))
    return grids


Cell = str | int | float | date | datetime | None
"""A spreadsheet cell: a datetime is a Helsinki wall-clock time without a zone (spreadsheets have none)."""


class Share(float):
    """A share from 0 to 1, shown as a percentage."""


@dataclass(frozen=True)
class Table:
    """A titled table of typed cells for a spreadsheet: headings, then rows of numbers, dates,
    whole minutes and shares, never numbers written as text."""

    title: str
    headers: list[str]
    rows: list[list[Cell]]


def wall_clock(moment: datetime) -> datetime:
    """To the second: a spreadsheet shows no finer."""
    return local(moment).replace(tzinfo=None, microsecond=0)


def tables(s: Summary, profile: ServiceProfile, may_see_name: Callable[[int], bool]) -> list[Table]:
    """Every table of the summary, in the order of the PDF; a list that would be empty (open
    visits, visits per hour, the follow-ups' tables) is left out, as there."""
    count, f = _("Count"), s.follow_ups
    result = [Table(_("Visits"), ["", count], [
        [_("Visits"), s.visits], [_("Finished"), s.finished], [_("Left without being seen"), s.left],
        [_("Did not show"), s.no_show], [_("Still open"), s.still_open],
        [_("Urgency changed by a worker"), s.overrides], [_("Handed over to a colleague"), s.handovers]])]
    if s.open_visits:
        result.append(Table(_("Open visits"), [_("Ticket"), _("Day"), _("Arrived"), _("Status")], [
            [v.ticket, v.service_day, wall_clock(v.arrived_at), VisitStatus(v.status).label]
            for v in s.open_visits]))
    if s.awaiting_documentation:
        result.append(Table(_("Awaiting documentation"), [_("Ticket"), _("Day")],
                            [[v.ticket, v.service_day] for v in s.awaiting_documentation]))
    share = None if s.feedback.share is None else Share(s.feedback.share)
    feedback_rows: list[list[Cell]] = [[_("Finished visits"), s.feedback.finished],
                                       [_("Got the instruction"), s.feedback.given],
                                       [_("Share of finished visits"), share]]
    result.append(Table(_("Feedback instruction"), ["", count],
                        feedback_rows + [[label, n] for label, n in feedback_ways(s)]))
    result.append(Table(_("Times in minutes"), [
        _("Time"), _("Measured"), _("Median"), _("90 % within"), _("Longest")], [
        [label, d.count, minutes(d.median), minutes(d.p90), minutes(d.longest)]
        for label, d in ((_("Waiting (arrival to call)"), s.waiting), (_("Meetings (start to finish)"), s.meeting),
                         (_("From handover to call"), s.handover_to_call))]))
    result.append(Table(_("Waited longer than the threshold"), [_("Urgency"), count],
                        [[u.label, s.past_threshold.get(u.value, 0)] for u in Urgency]))
    result += [counted(section) for section in count_sections(s, profile)]
    result.append(Table(_("Follow-ups"), ["", count], [
        [_("Now: when counted"), wall_clock(f.as_of) if f.as_of else None], [_("Now: open"), f.open],
        [_("Now: due today"), f.due_today], [_("Now: overdue"), f.overdue], [_("In the period: set"), f.set],
        [_("In the period: contacts"), f.contacts], [_("In the period: reached the client"), f.reached],
        [_("In the period: not reached"), f.contacts - f.reached],
        [_("In the period: closed"), sum(f.closed.values())]]))
    result += [counted(section) for section in follow_up_sections(s, profile)]
    result += [Table(grid.title, ["", *grid.columns], [[label, *counts] for label, counts in grid.rows])
               for grid in follow_up_grids(s, profile)]
    printed: list[list[Cell]] = [[HandoutKind(h.kind).label, h.language, h.copies] for h in s.handouts]
    result.append(Table(_("Handouts printed"), [_("Handout"), _("Language"), _("Copies")],
                        printed + [[label, None, n] for label, n in prints_not_on_paper(s)]))
    result.append(Table(_("By worker"), [_("Worker"), _("Visits"), _("Median meeting, min"), _("Away, min")], [
        [row.who, row.visits, row.median_meeting, row.away_minutes] for row in worker_rows(s, may_see_name)]))
    if s.per_weekday_hour:
        hours, days = weekday_hours(s)
        result.append(Table(_("When people come (weekday and hour)"), [_("Weekday"), *map(str, hours)],
                            [[name, *counts] for name, counts in days]))
    by_site = site_table(s, profile)
    return result + ([] if by_site is None else [by_site]) + fair_tables(s, profile)


def counted(section: Section) -> Table:
    """A section's counts as a table; days as dates with their weekday beside."""
    if section.days:
        return Table(section.title, [_("Day"), _("Weekday"), _("Visits")],
                     [[day, weekday_name(day), n] for day, (_label, n) in zip(section.days, section.rows, strict=True)])
    return Table(section.title, [section.title, _("Count")], [[label, n] for label, n in section.rows])


FAIR_GROUPS: dict[str, str] = {
    "language": N_("Language"),
    "age_group": N_("Age group"),
    "municipality": N_("Municipality"),
    "life_situation": N_("Life situation"),
    "site": N_("Site"),
}
"""The title of each grouping of storage.fairness.GROUPS (a grouping without one shows its id)."""


def fair_rule() -> str:
    """The documented rule (forms.fairness), in words for the screen, the report and the workbook."""
    return _("A group is flagged when, within one urgency, it has at least {visits} waits and its median "
             "wait is more than {ratio} × the median wait of all the other visits of that urgency.").format(
        visits=fairness.MIN_VISITS, ratio=number(fairness.RATIO, 1))


def fair_group(g: fairness.GroupWait, profile: ServiceProfile) -> str:
    """"Language: svenska" — the grouping's title and the group's value in words."""
    if g.key == NOT_RECORDED:
        value = label_of(g.key, None)
    elif g.group == "language":
        value = profile.language_label(g.key)
    elif g.group == "site":
        value = profile.site_name(g.key)
    else:
        value = label_of(g.key, {"age_group": AgeGroup, "life_situation": LifeSituation}.get(g.group))
    return f"{_(FAIR_GROUPS[g.group]) if g.group in FAIR_GROUPS else g.group}: {value}"


def urgency_label(code: str) -> str:
    return label_of(code, Urgency)


def fair_line(g: fairness.GroupWait, profile: ServiceProfile) -> str:
    """One group in one sentence, readable alone: "Language: svenska, normal: 25 waits, median 38 min;
    the others 300, median 20 min"."""
    return _("{group}, {urgency}: {visits} waits, median {median} min; the others {others}, median "
             "{others_median} min").format(
        group=fair_group(g, profile), urgency=urgency_label(g.urgency), visits=g.visits,
        median=median_text(g.median), others=g.others, others_median=median_text(g.others_median))


def median_text(value: float | None) -> str:
    """A median in minutes: whole, or with its half ("12,5" in Finnish and Swedish)."""
    return number(value, 0 if value is None or value == int(value) else 1)


def fair_finding(s: Summary, profile: ServiceProfile) -> list[str]:
    """For "what the figures say": how many groups waited clearly longer, and the clearest; nothing
    when none did."""
    flagged = s.fairness.flagged if s.fairness else []
    if not flagged:
        return []
    g = flagged[0]
    said = (_("One group waited clearly longer than the others of the same urgency: {group} ({urgency}), median "
              "{median} min against {others_median} min for the others.") if len(flagged) == 1 else
            _("{n} groups waited clearly longer than the others of the same urgency; the clearest: {group} "
              "({urgency}), median {median} min against {others_median} min for the others."))
    return [said.format(n=len(flagged), group=fair_group(g, profile), urgency=urgency_label(g.urgency),
                        median=median_text(g.median), others_median=median_text(g.others_median))]


def fair_flagged(s: Summary, profile: ServiceProfile) -> list[str]:
    """A line per group that waits clearly longer, the clearest first; none: a line that says so."""
    if s.fairness is None:
        return []
    flagged = s.fairness.flagged
    if not flagged:
        return [_("No group waited clearly longer than the others of the same urgency.")]
    return [_("Waits clearly longer: {line}").format(line=fair_line(g, profile)) for g in flagged]


def fair_rows(s: Summary, profile: ServiceProfile) -> list[tuple[fairness.GroupWait, str]]:
    """Every group with its line, flagged ones marked, in the order of the figures."""
    if s.fairness is None:
        return []
    mark = _("clearly longer")
    return [(g, fair_line(g, profile) + (f" — {mark}" if g.flagged else "")) for g in s.fairness.groups]


def override_rows(s: Summary, profile: ServiceProfile) -> list[tuple[str, fairness.RuleOverrides]]:
    """Each rule that fired in the period with its short name, in the profile's order, then any
    rule since removed (by id), then the visits no rule fired for."""
    if s.fairness is None:
        return []
    order = {rule.id: n for n, rule in enumerate(profile.triage.rules)}
    rows = sorted(s.fairness.rules, key=lambda r: (r.rule == fairness.NO_RULE, order.get(r.rule, len(order)),
                                                   r.rule))
    names = {rule.id: str(rule.short) for rule in profile.triage.rules}
    return [(_("no rule fired") if r.rule == fairness.NO_RULE else names.get(r.rule, r.rule), r) for r in rows]


def override_line(name: str, r: fairness.RuleOverrides) -> str:
    return _("{rule}: fired {fired}, urgency changed {changed} ({share} %): raised {raised}, lowered "
             "{lowered}").format(rule=name, fired=r.fired, changed=r.changed, share=round(100 * (r.share or 0)),
                                 raised=r.raised, lowered=r.lowered)


def fair_tables(s: Summary, profile: ServiceProfile) -> list[Table]:
    """The waits by group and the overrides per rule as spreadsheet tables (none without the figures)."""
    if s.fairness is None:
        return []
    waits = Table(_("Fair triage: waits by group"), [
        _("Group"), _("Urgency"), _("Waits"), _("Median, min"), _("Others"), _("Others' median, min"),
        _("Clearly longer")], [
        [fair_group(g, profile), urgency_label(g.urgency), g.visits, g.median, g.others, g.others_median,
         _("yes") if g.flagged else _("no")] for g in s.fairness.groups])
    changes = Table(_("Fair triage: changes by rule"), [
        _("Rule"), _("Fired"), _("Raised"), _("Lowered"), _("Changed"), _("Share changed")], [
        [name, r.fired, r.raised, r.lowered, r.changed, None if r.share is None else Share(r.share)]
        for name, r in override_rows(s, profile)])
    return [waits, changes]

