"""The consent statement (A4) for the client to keep: each consent purpose's text in the client's
language with its version, whether the client gave it on this visit (how, when, under which
version) or withdrew it, a signature line and whom to tell to withdraw."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from forms.profile import ServiceProfile
from forms.timefmt import format_date
from printouts.brochure import contact_lines
from printouts.data import GivenConsent
from printouts.layout import build, format_moment, pen, texts


def consent_statement(profile: ServiceProfile, consents: Sequence[GivenConsent], day: date, language: str,
                      printed_on: date) -> bytes:
    """Every purpose the profile has a text for, in its order, and any other the visit recorded."""
    c = texts(language)["consent"]
    w = pen(language)
    story: list[Flowable] = [
        w.para(profile.service.name.get(language), "subtitle"),
        w.para(c["title"], "title"),
        w.labelled(c["date"], format_date(day, language)),
        w.para(c["intro"]),
    ]
    by_kind = {kind.value: text for kind, text in profile.consents.items()}
    kinds = list(by_kind) + [k for k in dict.fromkeys(g.kind for g in consents) if k not in by_kind]
    if not kinds:
        story.append(w.para(c["no_texts"], "strong"))
    for kind in kinds:
        text = by_kind.get(kind)
        part: list[Flowable] = [w.para(c["kinds"].get(kind, kind), "heading")]
        if text is not None:
            part += [w.para(text.text.get(language)), w.para(c["version"].format(version=text.version))]
        given = [g for g in consents if g.kind == kind]
        for g in given:
            part.append(w.para(c["given"][g.method].format(moment=format_moment(g.given_at, language)), "strong"))
            if text is not None and g.text_version and g.text_version != text.version:
                part.append(w.para(c["given_version"].format(given=g.text_version, version=text.version)))
            if g.withdrawn_at is not None:
                part.append(w.para(c["withdrawn"].format(moment=format_moment(g.withdrawn_at, language)), "strong"))
        if not given:
            part.append(w.para(c["not_given"]))
        story.append(KeepTogether(part))
    story += [Spacer(1, 8 * mm), KeepTogether([w.para("_" * 48), w.para(c["signature"])]),
              KeepTogether([w.para(c["contacts_heading"], "heading"), *contact_lines(profile.contacts, language)])]
    return build(story, profile, language, printed_on, title=c["title"], kind="consent")
