"""The monthly report's figures: the month against the previous one and the same month a year
before, and "what the figures say", each sentence computed from the figures by a rule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from forms.base import FrozenModel
from forms.i18n import N_, _, current_language
from forms.staffing import Staffing, WaitBand
from forms.summary import Summary

MIN_BAND = 5
"""Visits a queue band needs before its median is compared with another's."""
CLUSTER_SHARE = 0.25
"""A weekday hour "clusters" the waits past the threshold when it holds at least this share of them…"""
CLUSTER_MIN = 3
"""…and at least this many."""
VISITS_CHANGE = 0.10
"""A change in visits from the previous month smaller than this is "about as many"."""
WAITS_GROW = 1.5
"""The busiest band's median wait is this many times the quietest's (and 5 minutes more) to say waits grew."""

MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))

WEEKDAYS_ON = (N_("on Mondays"), N_("on Tuesdays"), N_("on Wednesdays"), N_("on Thursdays"),
               N_("on Fridays"), N_("on Saturdays"), N_("on Sundays"))


def month_name(first: date) -> str:
    """"November 2026", "marraskuu 2026"."""
    return f"{_(MONTHS[first.month - 1])} {first.year}"


def month_days(first: date) -> tuple[date, date]:
    """The first and the last day of the month that `first` is in."""
    first = first.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def previous_month(first: date) -> date:
    return (first.replace(day=1) - timedelta(days=1)).replace(day=1)


def year_before(first: date) -> date:
    return first.replace(year=first.year - 1, day=1)


def weeks_of(first: date) -> list[tuple[date, date]]:
    """The month's Monday–Sunday weeks, the first and the last cut at the month's ends."""
    day, last = month_days(first)
    weeks = []
    while day <= last:
        end = min(last, day + timedelta(days=6 - day.weekday()))
        weeks.append((day, end))
        day = end + timedelta(days=1)
    return weeks


class MonthlyReport(FrozenModel):
    month: date
    """The first day of the month."""
    current: Summary
    previous: Summary
    year_before: Summary
    weeks: list[Summary] = []
    staffing: Staffing = Staffing()


@dataclass(frozen=True)
class KeyFigure:
    label: str
    now: float | None
    previous: float | None
    year_before: float | None
    unit: str = ""
    """"" a count, "min" minutes, "%" a share in per cent."""


def key_figures(r: MonthlyReport) -> list[KeyFigure]:
    def each(measure: Callable[[Summary], float | None]) -> tuple[float | None, float | None, float | None]:
        return measure(r.current), measure(r.previous), measure(r.year_before)

    def share(s: Summary) -> float | None:
        return None if s.feedback.share is None else 100 * s.feedback.share

    return [
        KeyFigure(_("Visits"), *each(lambda s: s.visits)),
        KeyFigure(_("Finished"), *each(lambda s: s.finished)),
        KeyFigure(_("Left or did not show"), *each(lambda s: s.left + s.no_show)),
        KeyFigure(_("Median wait"), *each(lambda s: s.waiting.median), unit="min"),
        KeyFigure(_("90 % waited at most"), *each(lambda s: s.waiting.p90), unit="min"),
        KeyFigure(_("Feedback instruction given"), *each(share), unit="%"),
        KeyFigure(_("Follow-ups closed"), *each(lambda s: sum(s.follow_ups.closed.values()))),
    ]


def number(value: float | None, decimals: int = 0) -> str:
    """"12", "1,5" in Finnish and Swedish, "1.5" in English; "–" for nothing."""
    if value is None:
        return "–"
    text = f"{value:.{decimals}f}" if decimals else str(round(value))
    return text.replace(".", ",") if current_language() in ("fi", "sv") else text


def figure(value: float | None, unit: str) -> str:
    text = number(value)
    return text if value is None or not unit else f"{text} {unit}"


def change(now: float | None, then: float | None, unit: str = "") -> str:
    """The change from `then` to `now` in a sign and a word, never by colour alone: "+12 (up 15 %)",
    "-3 min (down 20 %)", "+5 points (up)", "no change"."""
    if now is None or then is None:
        return "–"
    diff = round(now) - round(then)
    if diff == 0:
        return _("no change")
    signed = f"+{diff}" if diff > 0 else f"-{-diff}"
    amount = _("{n} points").format(n=signed) if unit == "%" else (f"{signed} {unit}" if unit else signed)
    if unit == "%" or not then:
        word = _("up") if diff > 0 else _("down")
    else:
        percent = round(100 * abs(now - then) / then)
        word = (_("up {percent} %") if diff > 0 else _("down {percent} %")).format(percent=percent)
    return f"{amount} ({word})"


def band_label(band: WaitBand) -> str:
    if band.low == 0:
        return _("fewer than {high}").format(high=number(band.high))
    if band.high is None:
        return _("{low} or more").format(low=number(band.low))
    return f"{number(band.low)}–{number(band.high)}"


def workers_phrase(mean: float) -> str:
    if mean < 0.5:
        return _("no worker was present")
    if abs(mean - 1) < 0.25:
        return _("one worker was present")
    decimals = 0 if abs(mean - round(mean)) < 0.25 else 1
    return _("{n} workers were present on average").format(n=number(mean, decimals))


def findings(r: MonthlyReport) -> list[str]:
    """What the figures say, a sentence per rule that has something to say."""
    s, st = r.current, r.staffing
    said: list[str] = []
    if r.previous.visits:
        rise = (s.visits - r.previous.visits) / r.previous.visits
        if abs(rise) < VISITS_CHANGE:
            said.append(_("Visits were about as many as in the previous month (from {then} to {now}).").format(
                then=r.previous.visits, now=s.visits))
        else:
            text = (_("Visits rose by {percent} %\u00a0from the previous month (from {then} to {now}).") if rise > 0
                    else _("Visits fell by {percent} %\u00a0from the previous month (from {then} to {now})."))
            said.append(text.format(percent=round(100 * abs(rise)), then=r.previous.visits, now=s.visits))
    rate = st.per_worker_hour(s.visits)
    if rate is None:
        if s.visits:
            said.append(_("No sign-ins were recorded in the month, so visits per worker-hour cannot be counted."))
    else:
        said.append(_("There were {rate} visits per worker-hour present ({visits} visits in {hours} "
                      "worker-hours).").format(rate=number(rate, 1), visits=s.visits, hours=number(st.worker_hours)))
    said += _queue_growth(st)
    if st.no_worker:
        said.append(_("{n} clients arrived when no worker was signed in at a desk.").format(n=st.no_worker))
    said += _past_threshold(r)
    said += _coverage(r)
    return said


def _queue_growth(st: Staffing) -> list[str]:
    bands = [b for b in st.bands if b.visits >= MIN_BAND and b.median is not None]
    if len(bands) < 2:
        return []
    quiet, busy = bands[0], bands[-1]
    assert quiet.median is not None and busy.median is not None
    if busy.median >= quiet.median + 5 and busy.median >= WAITS_GROW * quiet.median:
        return [_("Waits grew with the queue: the median wait was {busy} min when {busy_band} clients waited "
                  "per worker present, against {quiet} min when {quiet_band}.").format(
            busy=number(busy.median), busy_band=band_label(busy), quiet=number(quiet.median),
            quiet_band=band_label(quiet))]
    return [_("Waits did not grow clearly with the queue per worker present (median {quiet} min when "
              "{quiet_band} waited per worker, {busy} min when {busy_band}).").format(
        busy=number(busy.median), busy_band=band_label(busy), quiet=number(quiet.median),
        quiet_band=band_label(quiet))]


def _past_threshold(r: MonthlyReport) -> list[str]:
    cells = r.staffing.past_threshold_at
    total = sum(cells.values())
    if not total:
        return [_("No client waited past the threshold of their urgency.")] if r.current.waiting.count else []
    # the busiest cell; on a tie the earliest in the week, so the sentence never depends on order
    cell, n = min(cells.items(), key=lambda item: (-item[1], item[0]))
    if n >= CLUSTER_MIN and n / total >= CLUSTER_SHARE:
        weekday, hour = (int(part) for part in cell.split("-"))
        return [_("Waits past the threshold clustered {weekday} {start}–{end} ({n} of {total}), when "
                  "{workers}.").format(weekday=_(WEEKDAYS_ON[weekday]), start=hour, end=hour + 1, n=n,
                                       total=total, workers=workers_phrase(r.staffing.workers_at[cell]))]
    return [_("The {total} waits past the threshold were spread over the week: no hour stood out.").format(
        total=total)]


def _coverage(r: MonthlyReport) -> list[str]:
    feedback = r.current.feedback
    if not feedback.finished:
        return []
    if feedback.complete:
        return [_("Every finished visit got the feedback instruction.")]
    weeks = [w for w in r.weeks if w.feedback.finished]
    lowest = min(weeks, key=lambda w: (w.feedback.share or 0, w.day_from))
    return [_("The feedback instruction reached {share} %\u00a0of finished visits; the lowest was week {week} "
              "({low} %).").format(share=round(100 * (feedback.share or 0)),
                                   week=lowest.day_from.isocalendar().week,
                                   low=round(100 * (lowest.feedback.share or 0)))]
