"""The description of the processing (`walkin privacy describe`): what the app stores, where, for how
long, who sees it and on what basis, built from the profile, the settings and the database's own
tables, as sections that render to Markdown here and to PDF in printouts.processing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from forms.choices import StaffRole
from forms.profile import ServiceProfile
from forms.settings import RETENTION_BELOW_AUDIT, Settings
from forms.timefmt import format_date

KEPT: dict[str, str] = {
    "visit": "retention_days",
    "visit_referral": "",
    "responsible_worker": "retention_days",
    "consent": "",
    "visit_handover": "retention_days",
    "print_job": "",
    "draft": "retention_days",
    "staff": "",
    "staff_site": "",
    "audit_event": "audit_retention_days",
    "day_tally": "",
    "month_tally": "",
    "follow_up": "",
    "follow_up_contact": "",
    "follow_up_referral": "",
    "follow_up_answer": "",
    "privacy_request": "",
    "privacy_request_visit": "",
    "desk_session": "",
    "away_period": "",
    "pin_lockout": "",
}
"""Each table that holds data about people or for the statistics, and the setting that bounds how
long its personal data is kept ("": kept, without personal fields of its own or once the visit's
are erased). Every table of storage.models is here but NOT_ABOUT_PEOPLE's (a test checks)."""

NOT_ABOUT_PEOPLE = ("audit_purge", "visit_revision")
"""Tables that hold nothing about anyone: the audit purge's floor, and the counter of visit
changes that lets a desk read only what changed."""


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    rows: list[tuple[str, str]] = field(default_factory=list)
    """Label and value, e.g. a table's description and its fields."""


@dataclass(frozen=True)
class Description:
    title: str
    sections: list[Section]


def _where(settings: Settings, t: dict[str, Any]) -> list[str]:
    from sqlalchemy.engine import make_url

    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        found = [t["sqlite"].format(path=url.database)]
    else:
        server = f"{url.host or 'localhost'}:{url.port or 5432}"
        found = [t["postgresql"].format(server=server, database=url.database)]  # never the password
    return [*found, t["data_folder"].format(path=settings.home)]


def describe(profile: ServiceProfile, settings: Settings, language: str, today: date) -> Description:
    from printouts.layout import texts
    from storage.models import Base

    t = texts(language)["processing"]
    service = profile.service
    contacts = ", ".join(" ".join(p for p in (c.role.get(language) + ":", c.name, c.phone, c.email) if p)
                         for c in profile.contacts)
    tables = Base.metadata.tables

    def kept(table: str) -> str:
        key = KEPT[table]
        return f"{key} = {getattr(settings, key)}" if key else t["forever"]

    stored = [(name, f"{t['categories'][name]} {t['fields']}: {', '.join(tables[name].columns.keys())}. "
                     f"{t['kept']}: {kept(name)}.") for name in KEPT]
    retention = {key: getattr(settings, key) for key in (*RETENTION_BELOW_AUDIT, "audit_retention_days")}
    purposes = texts(language)["consent"]["kinds"]
    consents = [(f"{purposes.get(kind, kind)} ({t['version'].format(version=text.version)})",
                 text.text.get(language)) for kind, text in profile.consents.items()]
    return Description(t["title"], [
        Section(t["service_heading"], [t["intro"].format(date=format_date(today, language))], [
            (t["organisation"], service.organisation.get(language)), (t["service"], service.name.get(language)),
            (t["web"], service.web_url), (t["contacts"], contacts)]),
        Section(t["purpose_heading"], [service.summary.get(language)],
                [(t["privacy_note"], service.privacy_note.get(language))]),
        Section(t["stored_heading"], rows=stored),
        Section(t["where_heading"], _where(settings, t)),
        Section(t["how_long_heading"], [
            t["retention"].format(days=settings.retention_days),
            t["audit_retention"].format(days=settings.audit_retention_days), t["counts"]],
            [(key, str(days)) for key, days in retention.items()]),
        Section(t["who_heading"], [t["display_names"] if profile.display.show_names else t["display"]],
                [(t["role_names"][role], t["roles"][role]) for role in StaffRole]),
        Section(t["basis_heading"], [t["basis"] if consents else t["no_consents"]], consents),
    ])


def markdown(description: Description) -> str:
    lines = [f"# {description.title}", ""]
    for section in description.sections:
        lines += [f"## {section.heading}", ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        lines += [f"- **{label}**: {value}" for label, value in section.rows]
        if section.rows:
            lines.append("")
    return "\n".join(lines)
