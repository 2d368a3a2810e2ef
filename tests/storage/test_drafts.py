"""Drafts: in the database, and in one owner-only file of the data folder while the database
does not answer, until they can be written there."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from storage.db import Database
from storage.drafts import WAITING_FILE, DraftStore
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock

AWAY = "postgresql+psycopg://walkin:walkin@127.0.0.1:9/walkin"
"""A database server that does not answer (nothing listens on port 9)."""


def test_a_draft_waits_in_the_data_folder_while_the_database_is_away(
        services: Services, worker: StaffMember, clock: FakeClock, tmp_path: Path) -> None:
    folder = tmp_path / "home"
    away = DraftStore(Database(AWAY), clock, folder)
    assert away.save(worker.id, "finish", {"visit_id": 7, "note": "soittaa maanantaina"}) is False
    waiting = folder / WAITING_FILE
    assert waiting.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in folder.iterdir()] == [WAITING_FILE]  # no half-written file beside it
    assert away.load(worker.id, "finish") == {"visit_id": 7, "note": "soittaa maanantaina"}
    back = DraftStore(services.db, clock, folder)  # the desk starts again, the database answers
    assert back.load(worker.id, "finish") == {"visit_id": 7, "note": "soittaa maanantaina"}
    assert not waiting.exists()  # written to the database, so it no longer waits here
    assert services.drafts.load(worker.id, "finish") == {"visit_id": 7, "note": "soittaa maanantaina"}
    away.save(worker.id, "intake", {"call_name": "Eelis"})
    assert back.save(worker.id, "intake", {"call_name": "Eelis V"}) is True and not waiting.exists()
    away.save(worker.id, "intake", {"call_name": "Eelis"})
    back.clear(worker.id, "intake")
    assert not waiting.exists() and back.load(worker.id, "intake") is None
    away.save(worker.id, "intake", {"call_name": "Eelis"})
    clock.advance(60 * 24 * 31)
    assert back.forget_waiting(clock() - timedelta(days=30)) == 1
    assert not waiting.exists()
