"""The follow-up list with 10,000 open follow-ups of one worker: read, and read and drawn."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from bench.summaries import _visit
from forms.choices import ConsentKind
from forms.profile import load_profile
from forms.settings import Settings
from forms.staff import NewStaff
from forms.timefmt import service_day
from storage.models import Consent, FollowUp, Referral, Visit
from storage.services import open_services

OPEN = 10_000


def fill(settings: Settings) -> None:
    """The bench worker and their open follow-ups, due from two months back to two months ahead."""
    services = open_services(settings.database_url, load_profile())
    member = services.staff.add(NewStaff(username="bench", display_name="Bench Worker", job_title="Koordinaattori",
                                         pin="4826", pin_again="4826"))
    rng = random.Random(14)
    today = service_day(datetime.now(UTC))
    visits, follow_ups, referrals, consents = [], [], [], []
    for visit_id in range(1, OPEN + 1):
        day = today - timedelta(days=rng.randint(0, 90))
        visit = _visit(rng, visit_id, day, visit_id)
        visit.update(status="finished", admitted_by_id=member.id, called_by_id=member.id,
                     finished_by_id=member.id, left_at=None, follow_up_by=rng.choice(("worker", "client")))
        if consented := rng.random() < 0.6:
            visit.update(call_name=f"Asiakas {visit_id}", callback_phone=f"+358 40 000 {visit_id % 10000:04d}")
            consents.append({"visit_id": visit_id, "kind": ConsentKind.CONTACT.value, "method": "spoken",
                             "given_at": visit["arrived_at"], "given_by_id": member.id})
        visits.append(visit)
        follow_ups.append({"visit_id": visit_id, "staff_id": member.id, "created_at": visit["arrived_at"],
                           "due_on": max(day, today - timedelta(days=60)) + timedelta(days=rng.randint(0, 60)),
                           "failed_attempts": rng.choice((0, 0, 0, 1, 2)) if consented else 0})
        referrals += [{"visit_id": visit_id, "destination": d} for d in rng.sample(("kela", "typ", "health_check"),
                                                                                  rng.randint(0, 2))]
    with services.db.writing() as session:
        for model, rows in ((Visit, visits), (FollowUp, follow_ups), (Referral, referrals), (Consent, consents)):
            session.execute(insert(model), rows)
    services.close()


async def read_and_drawn() -> tuple[float, float, int]:
    """Median of 10: the list read (the use case), and read and drawn on the follow-up screen (its
first page of rows: the rest are drawn as the cursor comes near); the rows drawn."""
    from tests.tui.helpers import settle, sign_in
    from tui.app import WalkinApp
    from tui.screens.follow_ups import FollowUpsScreen
    from workflows.followups import due

    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home))
        fill(settings)
        app = WalkinApp(settings)
        async with app.run_test(size=(120, 36)) as pilot:
            await sign_in(pilot, "bench")
            await pilot.press("o")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, FollowUpsScreen)
            worker = app.worker_on_duty
            assert worker is not None
            screen.later = True
            reads, drawn = [], []
            for _ in range(10):
                started = time.perf_counter()
                lines = due(app.services, worker, through=None)
                reads.append((time.perf_counter() - started) * 1000)
                screen._loaded(lines)
                await pilot.pause()
                drawn.append((time.perf_counter() - started) * 1000)
            assert len(screen.lines) == OPEN
            rows = screen.query_one("#follow-ups").row_count  # type: ignore[attr-defined]
    return statistics.median(reads), statistics.median(drawn), rows

