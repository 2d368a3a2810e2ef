"""A summary as lines of text with bar charts in block characters: `walkin summary` prints them,
the summary screen shows them."""

from __future__ import annotations

from forms.choices import (
    AgeGroup,
    ClientLanguage,
    FeedbackInstruction,
    HandoutKind,
    Labelled,
    LifeSituation,
    OutcomeAction,
    ReferralChannel,
    Urgency,
    VisitStatus,
)
from forms.i18n import _
from forms.profile import ServiceProfile
from forms.summary import NOT_RECORDED, Durations, Summary
from forms.timefmt import format_date, format_time
from storage.reports import ordered
from storage.views import StaffMember

BAR = 30


def summary_lines(summary: Summary, profile: ServiceProfile, viewer: StaffMember | None = None) -> list[str]:
    """`viewer` sees their own name and, as an administrator, everyone's; others see numbers."""
    s = summary
    when = format_date(s.day_from) if s.days == 1 else f"{format_date(s.day_from)} – {format_date(s.day_to)}"
    lines = [_("Summary {when}").format(when=when), ""]
    lines.append(_("Visits {visits}: finished {finished}, left without being seen {left}, still open {open}")
                 .format(visits=s.visits, finished=s.finished, left=s.left, open=s.still_open))
    for visit in s.open_visits:
        lines.append("  " + _("open: {ticket} {day} {time} ({status})").format(
            ticket=visit.ticket, day=format_date(visit.service_day), time=format_time(visit.arrived_at),
            status=VisitStatus(visit.status).label))
    lines += ["", _("Feedback instruction"), "  " + _feedback(s)]
    for way in ("printed", "other_way", "declined", "missing"):
        if s.feedback.ways.get(way):
            label = FeedbackInstruction(way).label if way != "missing" else _("no answer recorded")
            lines.append(f"    {label}: {s.feedback.ways[way]}")
    lines += ["", _("Waiting (arrival to call), minutes: ") + _durations(s.waiting),
              _("Meetings (start to finish), minutes: ") + _durations(s.session)]
    for title, counts, choices in (
        (_("Urgency"), s.by_urgency, Urgency),
        (_("How they heard of us"), s.by_channel, ReferralChannel),
        (_("Life situation"), s.by_life_situation, LifeSituation),
        (_("Language"), s.by_language, ClientLanguage),
        (_("Age group"), s.by_age_group, AgeGroup),
    ):
        lines += ["", title, *_bars(ordered(counts, [c.value for c in choices]), choices)]
    if s.overrides:
        lines.append("  " + _("urgency changed by a worker: {n}").format(n=s.overrides))
    municipalities = ordered(s.by_municipality, list(profile.municipalities))
    lines += ["", _("Municipality"), *_bars(municipalities, None)]
    lines += ["", _("What was done"), *_bars([(a.value, s.actions.get(a.value, 0)) for a in OutcomeAction], OutcomeAction)]
    if s.referrals:
        labels = {d.id: str(d.label) for d in profile.referral_destinations}
        lines += ["", _("Referred to"), *_bars([(labels.get(k, k), n) for k, n in sorted(s.referrals.items())], None)]
    lines += ["", _("Handouts printed")]
    lines += [f"  {HandoutKind(h.kind).label} ({h.language}): {h.copies}" for h in s.handouts] or ["  –"]
    if s.failed_prints:
        lines.append("  " + _("not printed (PDF kept instead): {n}").format(n=s.failed_prints))
    lines += ["", _("By worker")]
    for number, worker in enumerate(s.workers, start=1):
        named = viewer is not None and (viewer.role == "admin" or viewer.id == worker.staff_id)
        who = worker.name if named else _("worker {n}").format(n=number)
        median = f"{worker.session.median:.0f}" if worker.session.median is not None else "–"
        lines.append("  " + _("{who}: {visits} visits, median meeting {median} min").format(
            who=who, visits=worker.visits, median=median))
    if s.per_day:
        lines += ["", _("Visits per day"), *_bars([(format_date(d), n) for d, n in s.per_day.items()], None)]
    if s.per_weekday_hour:
        lines += ["", _("When people come (weekday and hour)"), *_weekday_hours(s.per_weekday_hour)]
    return lines


def _feedback(s: Summary) -> str:
    if not s.feedback.finished:
        return _("no finished visits")
    share = round(100 * (s.feedback.share or 0))
    text = _("{given} of {finished} finished visits got it ({share} %)").format(
        given=s.feedback.given, finished=s.feedback.finished, share=share)
    return text if s.feedback.complete else "⚠ " + text + " — " + _("below 100 %")


def _durations(d: Durations) -> str:
    if not d.count:
        return "–"
    return _("median {median:.0f}, 90 % within {p90:.0f}, longest {longest:.0f} (n={n})").format(
        median=d.median, p90=d.p90, longest=d.longest, n=d.count)


def _bars(rows: list[tuple[str, int]], choices: type[Labelled] | None) -> list[str]:
    if not rows:
        return ["  –"]
    most = max(n for _key, n in rows) or 1

    def label(key: str) -> str:
        if key == NOT_RECORDED:
            return _("not recorded")
        if choices is not None:
            try:
                return choices(key).label
            except ValueError:
                return key
        return key

    width = max(len(label(k)) for k, _n in rows)
    return [f"  {label(k):<{width}} {'█' * round(BAR * n / most):<{BAR}} {n}" for k, n in rows]


def _weekday_hours(counts: dict[str, int]) -> list[str]:
    hours = sorted({int(key.split("-")[1]) for key in counts})
    days = sorted({int(key.split("-")[0]) for key in counts})
    names = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]
    lines = ["       " + " ".join(f"{h:>3}" for h in hours)]
    for day in days:
        lines.append(f"  {names[day]:<4} " + " ".join(f"{counts.get(f'{day}-{h:02d}', 0) or '·':>3}" for h in hours))
    return lines
