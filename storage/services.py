"""Everything the app needs from storage, opened in one go from the settings and the profile."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from forms.profile import ServiceProfile
from forms.timefmt import utc_now
from storage.audit import AuditLog
from storage.away import AwayStore
from storage.db import Database
from storage.desk import Desk
from storage.drafts import DraftStore
from storage.followups import FollowUps
from storage.privacy import PrivacyStore
from storage.reports import Reports
from storage.retention import Retention
from storage.staff import StaffStore
from storage.tallies import Progress


@dataclass(frozen=True)
class Services:
    db: Database
    desk: Desk
    staff: StaffStore
    drafts: DraftStore
    reports: Reports
    audit: AuditLog
    retention: Retention
    away: AwayStore
    follow_ups: FollowUps
    privacy: PrivacyStore
    clock: Callable[[], datetime] = utc_now
    """The clock the stores were given: the use cases date what they make by it too."""

    def close(self) -> None:
        self.db.dispose()


def open_services(
    url: str,
    profile: ServiceProfile,
    busy_timeout_seconds: float = 5.0,
    clock: Callable[[], datetime] = utc_now,
    workstation: str | None = None,
    drafts_folder: Path | None = None,
    site: str | None = None,
    progress: Progress | None = None,
) -> Services:
    """Connect, migrate to the newest schema, tally the past months that have no tally (after an
    upgrade: `Reports.catch_up`), and hand out the stores. `drafts_folder`: where drafts wait while
    the database does not answer (the desk's data folder). `site`: the workstation's walk-in site,
    whose queue the desk works in; None: the profile's first. `progress`: told how far the tallying
    is, when there is any (seconds for years of visits)."""
    db = Database(url, busy_timeout_seconds)
    site = site or profile.first_site
    try:
        db.upgrade(first_site=profile.first_site)
    except BaseException:
        db.dispose()
        raise
    services = Services(
        db=db,
        desk=Desk(
            db,
            site=site,
            ticket_prefix=profile.ticket_prefix(site),
            meeting_minutes=profile.service.default_meeting_minutes,
            clock=clock,
            workstation=workstation,
            queue_rules=profile.queue,
        ),
        staff=StaffStore(db, clock, workstation, site),
        drafts=DraftStore(db, clock, drafts_folder),
        reports=Reports(db, clock, profile.queue, [loc.id for loc in profile.locations]),
        audit=AuditLog(db, clock),
        retention=Retention(db, clock),
        away=AwayStore(db, clock, workstation),
        follow_ups=FollowUps(db, clock, profile.follow_up, workstation),
        privacy=PrivacyStore(db, clock),
        clock=clock,
    )
    try:
        services.reports.catch_up(progress)
    except BaseException:
        db.dispose()
        raise
    return services
