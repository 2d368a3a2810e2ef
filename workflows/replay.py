"""A draft profile's triage tried on a period's past visits: the replay, recorded, as text or JSON."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from forms.choices import AuditAction, Urgency
from forms.i18n import _, current_language
from forms.replay import Move, Replay, replay
from forms.triage import TriageCatalogue

if TYPE_CHECKING:
    from storage.audit import Actor
    from storage.services import Services


class ReplayFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def replay_period(services: Services, current: TriageCatalogue, draft: TriageCatalogue, day_from: date,
                  day_to: date, actor: Actor) -> Replay:
    """Re-evaluate the period's stored triage answers with `draft`; nothing is written but the
    audit event (the answers of every triaged visit were processed), with the period and counts."""
    from storage.triage_reads import triaged_visits

    result = replay(draft, triaged_visits(services.db, day_from, day_to), current)
    services.audit.add(actor, AuditAction.EXPORT,
                       detail=f"triage replay {day_from}..{day_to}, {result.visits} visits, {len(result.moves)} moved")
    return result


def replay_text(result: Replay, form: ReplayFormat, current: TriageCatalogue, draft: TriageCatalogue,
                day_from: date, day_to: date, draft_name: str) -> str:
    if form is ReplayFormat.JSON:
        return json.dumps(_as_json(result, day_from, day_to), ensure_ascii=False, indent=2) + "\n"
    return "\n".join(_lines(result, current, draft, day_from, day_to, draft_name)) + "\n"


def _as_json(result: Replay, day_from: date, day_to: date) -> dict[str, object]:
    rules = sorted(set(result.suggestions_now) | set(result.suggestions_draft))
    return {
        "day_from": day_from.isoformat(), "day_to": day_to.isoformat(),
        "visits": result.visits, "restricted": result.restricted,
        "urgency": {u.value: {"now": result.urgency_now[u], "draft": result.urgency_draft[u]} for u in Urgency},
        "suggestions": {r: {"now": result.suggestions_now[r], "draft": result.suggestions_draft[r]} for r in rules},
        "moves": [{"ticket": m.ticket, "service_day": m.service_day.isoformat(), "from": m.before.value,
                   "to": m.after.value, "because": list(m.because)} for m in result.moves],
        "overridden": {"visits": result.overridden, "draft_differs": result.overridden_differ},
        "answers_to_questions_gone": dict(sorted(result.dropped.items())),
        "questions_not_answered": dict(sorted(result.unasked.items())),
        "answers_not_fitting": dict(sorted(result.unfit.items())),
    }


def _percent(share: float) -> str:
    text = f"{100 * share:.1f}"
    return text.replace(".", ",") if current_language() in ("fi", "sv") else text  # decimal comma


def _lines(result: Replay, current: TriageCatalogue, draft: TriageCatalogue, day_from: date, day_to: date,
           draft_name: str) -> list[str]:
    def rule_name(rule_id: str) -> str:
        rule = draft.rule(rule_id) or current.rule(rule_id)
        return f"{rule_id} ({rule.short})" if rule is not None else rule_id

    # Outside the f-strings: the message extractor does not look inside them.
    urgency_heading, suggestions_heading, now_heading, draft_heading = (
        _("Urgency"), _("Suggestions"), _("now"), _("with the draft"))
    lines = [
        _("Triage replay of the draft {name}, {first} – {last}: {visits} triaged visits.").format(
            name=draft_name, first=day_from.isoformat(), last=day_to.isoformat(), visits=result.visits),
        _("Nothing was changed: the visits keep their triage."),
        "",
        f"{urgency_heading:<24}{now_heading:>16}{draft_heading:>20}",
    ]
    for urgency in Urgency:
        now, then = result.urgency_now[urgency], result.urgency_draft[urgency]
        lines.append(f"  {urgency.symbol} {urgency.label:<19}{now:>8} {_percent(result.share(now)):>6} %"
                     f"{then:>12} {_percent(result.share(then)):>6} %")
    lines += ["", f"{suggestions_heading:<56}{now_heading:>8}{draft_heading:>16}"]
    rules = [r.id for r in draft.rules] + sorted(
        (set(result.suggestions_now) | set(result.suggestions_draft)) - {r.id for r in draft.rules})
    for rule_id in rules:
        now, then = result.suggestions_now[rule_id], result.suggestions_draft[rule_id]
        change = f" ({then - now:+d})" if then != now else ""
        lines.append(f"  {rule_name(rule_id)[:52]:<54}{now:>8}{then:>16}{change}")
    lines += ["", _("Visits that would move: {n}").format(n=len(result.moves))]
    for (before, after, because), moves in _groups(result.moves):
        lines.append(f"  {before.label} → {after.label}, " + _("by {rules}: {n}").format(
            rules=", ".join(because) or "–", n=len(moves)))
        days: dict[date, list[str]] = defaultdict(list)
        for move in moves:
            days[move.service_day].append(move.ticket)
        lines += [f"    {day.isoformat()}: {', '.join(tickets)}" for day, tickets in days.items()]
    if result.moves:
        lines.append(_("  (+rule: fires with the draft only; -rule: no longer fires; rule: gives another urgency)"))
    if result.overridden:
        lines += ["", _("Urgency set by a worker: {n} visits keep it; the draft would triage {m} of them "
                        "differently.").format(n=result.overridden, m=result.overridden_differ)]
    if result.restricted:
        lines += ["", _("Left out: {n} visits whose processing is restricted (a data-subject request).").format(
            n=result.restricted)]
    for counts, heading in (
            (result.dropped, _("Answers to questions the draft no longer has (not used):")),
            (result.unasked, _("Questions of the draft without an answer (never asked, or skipped): the "
                               "draft's rules on them do not hold for these visits:")),
            (result.unfit, _("Answers that do not fit the draft's question (its kind or choices changed), read "
                             "as not given:"))):
        if counts:
            lines += ["", heading]
            lines += [_("  {question}: {n} visits").format(question=q, n=n) for q, n in sorted(counts.items())]
    return lines


def _groups(moves: list[Move]) -> list[tuple[tuple[Urgency, Urgency, tuple[str, ...]], list[Move]]]:
    """The moves by where from, where to and why: the largest group first."""
    groups: dict[tuple[Urgency, Urgency, tuple[str, ...]], list[Move]] = defaultdict(list)
    for move in moves:
        groups[(move.before, move.after, move.because)].append(move)
    return sorted(groups.items(), key=lambda item: -len(item[1]))
