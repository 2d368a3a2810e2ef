"""Handout rendering: milliseconds per document, warm (median of 100) and the first in a fresh process."""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date

from forms.profile import load_profile
from printouts.brochure import brochure
from printouts.contact_card import contact_card
from printouts.data import Agreement, Person
from printouts.feedback_sheet import feedback_sheet
from printouts.memo import memo

DAY = date(2026, 11, 24)
KAISA = Person("Kaisa Esimerkki", "Työkykykoordinaattori", "+358 40 000 0101", "ma–pe 9–11",
               "kaisa@example.org", "Hyvinvointiasema Keskusta")
AGREED = Agreement(DAY, KAISA, frozenset({"guidance", "referral"}), ("kela",), (KAISA,), date(2026, 12, 8))


def documents():  # type: ignore[no-untyped-def]
    profile = load_profile()
    return {
        "brochure": lambda: brochure(profile, "fi", DAY),
        "feedback sheet": lambda: feedback_sheet(profile, "sv", DAY),
        "contact card": lambda: contact_card(profile, KAISA, "en", DAY),
        "contact cards, ten-up": lambda: contact_card(profile, KAISA, "fi", DAY, "sheet"),
        "memo": lambda: memo(profile, AGREED, "fi", DAY),
    }


def warm(runs: int = 100) -> dict[str, float]:
    figures = {}
    for name, render in documents().items():
        render()
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            render()
            times.append((time.perf_counter() - started) * 1000)
        figures[name] = statistics.median(times)
    return figures


if __name__ == "__main__":  # the first document in a fresh process, imports included
    started = time.perf_counter()
    documents()[sys.argv[1]]()
    print(f"{(time.perf_counter() - started) * 1000:.1f}")
