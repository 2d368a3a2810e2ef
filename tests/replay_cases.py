"""A fixed set of triaged visits with known answers, and drafts of the example profile that change
one thing, for the replay tests (pure, storage and command line)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from forms.choices import Urgency
from forms.profile import DEFAULT_PROFILE
from forms.triage import Answers, TriageCatalogue

NO = {
    "acute_today": "no", "health_affects_work": "no", "health_check_12m": "no",
    "current_services": frozenset(), "has_responsible_worker": "no", "income_housing": "no",
    "help_wanted": frozenset(),
}


def answers(**changes: object) -> Answers:
    return {**NO, **changes}  # type: ignore[dict-item]


DAY = date(2026, 11, 24)

CASES: tuple[tuple[str, Answers, Urgency | None], ...] = (
    # ticket, answers, a worker's own urgency (None: the triage's kept)
    ("A001", answers(), None),
    ("A002", answers(health_affects_work="yes", health_check_12m="no"), None),              # soon → acute
    ("A003", answers(health_affects_work="yes", health_check_12m="unknown"), None),         # soon → acute
    ("A004", answers(health_affects_work="yes", health_check_12m="yes"), None),             # no health check
    ("A005", answers(acute_today="yes", health_affects_work="yes"), None),                  # acute already
    ("A006", answers(income_housing="yes"), None),                                          # soon, another rule
    ("A007", answers(health_affects_work="yes", income_housing="yes"), None),               # soon → acute
    ("A008", answers(health_affects_work="yes"), Urgency.NORMAL),                           # overridden: kept
)
MOVED_BY_HEALTH_CHECK = ["A002", "A003", "A007"]
"""With `health_check` made acute: the visits it fires for, neither acute already nor overridden."""


def draft_text(rule_id: str = "health_check", urgency: str = "acute") -> str:
    """The example profile with one rule's urgency changed (the rule must give one already)."""
    text = DEFAULT_PROFILE.read_text(encoding="utf-8")
    start = text.index(f'[[triage.rules]]\nid = "{rule_id}"')
    at = text.index("urgency = ", start)
    end = text.index("\n", at)
    return text[:at] + f'urgency = "{urgency}"' + text[end:]


def write_draft(folder: Path, text: str | None = None) -> Path:
    path = folder / "draft.toml"
    path.write_text(draft_text() if text is None else text, encoding="utf-8")
    return path


def with_rule(catalogue: TriageCatalogue, rule_id: str, **changes: object) -> TriageCatalogue:
    rules = tuple(r.model_copy(update=changes) if r.id == rule_id else r for r in catalogue.rules)
    return catalogue.model_copy(update={"rules": rules})
