"""The visit memo (A4): who met the client, what was agreed, named workers, the next appointment
and where, who contacts whom by the follow-up date, contacts."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from forms.choices import OutcomeAction
from forms.profile import ServiceProfile
from forms.timefmt import format_date
from printouts.brochure import contact_lines
from printouts.data import Agreement, Person
from printouts.layout import build, format_moment, job_title, pen, texts


def memo(profile: ServiceProfile, agreement: Agreement, language: str, printed_on: date) -> bytes:
    t = texts(language)
    m = t["memo"]
    card = t["card"]
    w = pen(language)
    story: list[Flowable] = [
        w.para(profile.service.name.get(language), "subtitle"),
        w.para(m["title"], "title"),
        w.labelled(m["date"], format_date(agreement.day, language)),
    ]
    if agreement.met_by:
        story.append(w.labelled(m["met_by"], _who(agreement.met_by, language)))
    story.append(w.para(m["agreed_heading"], "heading"))
    done = [m["actions"][a.value] for a in OutcomeAction if a.value in agreement.actions]
    for line in done or [m["nothing_agreed"]]:
        story.append(w.para(f"• {line}"))
    if agreement.referrals:
        story.append(w.para(m["referrals_heading"], "heading"))
        for destination in agreement.referrals:
            found = profile.destination(destination)
            story.append(w.para(f"• {found.label.get(language) if found else destination}"))
    if agreement.workers:
        story.append(w.para(m["workers_heading"], "heading"))
        for number, worker in enumerate(agreement.workers):
            if number:
                story.append(Spacer(1, 3 * mm))
            story.append(w.para(_who(worker, language), "strong"))
            for label, value in ((card["phone"], worker.phone), (card["hours"], worker.phone_hours),
                                 (card["email"], worker.email), (card["place"], worker.place)):
                if value:
                    story.append(w.labelled(label, value))
    # The appointment and the follow-up are with the named responsible worker, else with the one
    # the client met.
    host = (agreement.workers or (agreement.met_by,))[0]
    if agreement.next_appointment:
        story.append(w.para(m["appointment_heading"], "heading"))
        story.append(w.para(format_moment(agreement.next_appointment, language), "big"))
        if host is not None:
            story.append(w.labelled(m["appointment_with"], host.name))
        # The place written at the booking; else the worker's own place, if known.
        place = agreement.appointment_place or (host.place if host is not None else None)
        if place:
            story.append(w.labelled(card["place"], place))
    if agreement.follow_up:
        story.append(w.para(m["follow_up"], "heading"))
        story.append(w.para(_follow_up(m, host, agreement.client_gets_in_touch).format(
            name=host.name if host is not None else "", date=format_date(agreement.follow_up, language))))
    story.append(w.para(m["contacts_heading"], "heading"))
    story.extend(contact_lines(profile.contacts, language))
    return build(story, profile, language, printed_on, title=m["title"], kind="memo")


def _follow_up(m: dict[str, str], host: Person | None, client_gets_in_touch: bool) -> str:
    """Who contacts whom by the follow-up date, naming the worker when the memo knows one."""
    if client_gets_in_touch:
        return m["follow_up_client"] if host is not None else m["follow_up_client_us"]
    return m["follow_up_worker"] if host is not None else m["follow_up_text"]


def _who(person: Person, language: str) -> str:
    title = job_title(person.title, language) if person.title else None
    return ", ".join(p for p in (person.name, title, person.organisation) if p)
