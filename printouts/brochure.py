"""The service brochure (A4): what the service is, the help, walk-in hours, contacts, web, privacy."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from forms.profile import Contact, ServiceProfile
from forms.timefmt import format_clock
from printouts.layout import BESIDE, QrCode, build, bullets, para, texts


def brochure(profile: ServiceProfile, language: str, printed_on: date) -> bytes:
    t = texts(language)
    b = t["brochure"]
    service = profile.service
    story: list[Flowable] = [
        para(service.name.get(language), "title"),
        para(service.organisation.get(language), "subtitle"),
        para(service.summary.get(language)),
        para(b["help_heading"], "heading"),
        bullets(b["help_items"]),
        para(b["free_heading"], "heading"),
        para(b["free_text"]),
        para(b["walkin_heading"], "heading"),
        para(b["walkin_text"]),
    ]
    for hours in profile.walkin_hours:
        place = profile.location(hours.location)
        when = t["time_range"].format(
            start=format_clock(hours.start.hour, hours.start.minute, language),
            end=format_clock(hours.end.hour, hours.end.minute, language),
        )
        day = t["weekdays"][("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(hours.weekday)]
        where = f"{place.name.get(language)}, {place.address}" if place else hours.location
        story.append(para(f"{day} {when}: {where}", "strong"))
    story.append(para(b["contacts_heading"], "heading"))
    story.extend(contact_lines(profile.contacts, language))
    story.append(para(b["web_heading"], "heading"))
    story.append(Table([[QrCode(service.web_url, 30 * mm), para(service.web_url, "big")]],
                       colWidths=[36 * mm, None], hAlign="LEFT", style=BESIDE))
    story.append(para(b["privacy_heading"], "heading"))
    story.append(para(service.privacy_note.get(language)))
    return build(story, profile, language, printed_on, title=service.name.get(language))


def contact_lines(contacts: tuple[Contact, ...], language: str) -> list[Flowable]:
    """Each contact: role and name in bold, then phone with hours, and email."""
    lines: list[Flowable] = []
    for contact in contacts:
        who = contact.role.get(language) + (f": {contact.name}" if contact.name else "")
        lines.append(para(who, "strong"))
        reach = [p for p in (contact.phone, contact.hours.get(language) if contact.hours else None,
                             contact.email) if p]
        if reach:
            lines.append(para(" · ".join(reach)))
    return lines
