"""The service brochure (A4): what the service is, the help, walk-in hours, contacts, crisis
contacts, web, privacy."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from forms.profile import Contact, ServiceProfile
from forms.timefmt import format_clock
from printouts.layout import FONT, QrCode, build, pen, texts


def brochure(profile: ServiceProfile, language: str, printed_on: date) -> bytes:
    t = texts(language)
    b = t["brochure"]
    w = pen(language)
    service = profile.service
    story: list[Flowable] = [
        w.para(service.name.get(language), "title"),
        w.para(service.organisation.get(language), "subtitle"),
        w.para(service.summary.get(language)),
        w.para(b["help_heading"], "heading"),
        w.bullets(b["help_items"]),
        w.para(b["free_heading"], "heading"),
        w.para(b["free_text"]),
        w.para(b["walkin_heading"], "heading"),
        w.para(b["walkin_text"]),
    ]
    for hours in profile.walkin_hours:
        place = profile.location(hours.location)
        when = t["time_range"].format(
            start=format_clock(hours.start.hour, hours.start.minute, language),
            end=format_clock(hours.end.hour, hours.end.minute, language),
        )
        day = t["weekdays"][("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(hours.weekday)]
        # Plain Finnish: the time, the place and its address each on a line of its own.
        where = ("\n" if w.plain else ", ").join((place.name.get(language), place.address)) if place else hours.location
        story.append(w.para(f"{day.capitalize()} {when}\n{where}" if w.plain else f"{day} {when}: {where}", "strong"))
    story.append(w.para(b["contacts_heading"], "heading"))
    story.extend(contact_lines(profile.contacts, language))
    web = [w.para(b["web_heading"], "heading"), QrCode(service.web_url, 25 * mm), w.para(service.web_url)]
    if profile.crisis_contacts:
        # The numbers the triage gives in an acute case, beside the web address: the brochure
        # stays one sheet.
        crisis = [w.para(b["crisis_heading"], "heading")]
        for contact in profile.crisis_contacts:  # in a table's cell: nothing kept together
            crisis += (_contact(contact, language) if w.plain
                       else [w.labelled(contact.role.get(language), _reach(contact, language))])
        story.append(Table([[web, crisis]], colWidths=[85 * mm, 85 * mm], hAlign="LEFT", style=SIDE_BY_SIDE))
    else:
        story.extend(web)
    story.append(w.para(b["privacy_heading"], "heading"))
    story.append(w.para(service.privacy_note.get(language)))
    return build(story, profile, language, printed_on, title=service.name.get(language), kind="brochure")


SIDE_BY_SIDE = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("FONTNAME", (0, 0), (-1, -1), FONT)])


def contact_lines(contacts: tuple[Contact, ...], language: str) -> list[Flowable]:
    """Each contact: role and name in bold, then phone with hours, and email."""
    return [line for contact in contacts for line in _contact(contact, language)]


def _contact(contact: Contact, language: str) -> list[Flowable]:
    w = pen(language)
    who = w.para(contact.role.get(language) + (f": {contact.name}" if contact.name else ""), "strong")
    reach = _reach(contact, language)
    # Never the name at the foot of one page and the phone on the next (a flag, not a
    # KeepTogether: the consent statement keeps its whole contacts section together already).
    who.keepWithNext = bool(reach)
    return [who, *([w.para(reach)] if reach else [])]


def _reach(contact: Contact, language: str) -> str:
    """Phone (never broken over two lines), its hours and email, those given, on one line; in plain
    Finnish each on a line of its own, said as what to do ("Soita numeroon …")."""
    phone = contact.phone.replace(" ", "\u00a0") if contact.phone else None
    hours = contact.hours.get(language) if contact.hours else None
    if not pen(language).plain:
        return " · ".join(p for p in (phone, hours, contact.email) if p)
    say = texts(language)["plain"]
    return "\n".join(say[key].format(phone=phone, hours=hours, email=contact.email) for key, value in (
        ("call", phone), ("hours", hours), ("email", contact.email)) if value)
