"""The PostgreSQL server stops and starts again under a running desk: the worker is told, what is
typed stays on the screen, an action tried meanwhile says it did not happen, and afterwards
everything carries on with nothing lost or doubled."""

from __future__ import annotations

import os
import subprocess

import pytest

from forms.settings import Settings
from tests.conftest import POSTGRES_URL, FakeClock, _fresh_postgres
from tests.tui.helpers import keys, new_app, notices, prepared, settle, sign_in, until
from tui.screens import DeskScreen, IntakeScreen, TriageScreen

CLUSTER = os.environ.get("WALKIN_TEST_POSTGRES_CLUSTER", "").split()

pytestmark = [
    pytest.mark.skipif(
        not (POSTGRES_URL and len(CLUSTER) == 2),
        reason="set WALKIN_TEST_POSTGRES_URL and WALKIN_TEST_POSTGRES_CLUSTER (e.g. '15 main'), as .ci/run does",
    ),
    pytest.mark.alone,  # it stops the server: the other test workers wait meanwhile (tests/conftest.py)
]


def server(action: str) -> None:
    subprocess.run(["pg_ctlcluster", *CLUSTER, action, *(["-m", "fast"] if action == "stop" else [])],
                   check=True, capture_output=True, timeout=60)


async def test_a_server_restart_loses_nothing(settings: Settings, clock: FakeClock) -> None:
    url = _fresh_postgres()
    settings = settings.model_copy(update={"database": settings.database.model_copy(update={"url": url})})
    services = prepared(settings, clock)
    app = new_app(settings, clock)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await sign_in(pilot)
            await keys(pilot, "n")
            await pilot.press(*"Aino", "enter")
            await until(pilot, lambda: isinstance(app.screen, TriageScreen))
            await keys(pilot, "escape", "n")
            await pilot.press(*"Eelis")
            server("stop")
            try:
                await until(pilot, lambda: "Tietokanta ei vastaa" in notices(app))
                await keys(pilot, "enter")
                await until(pilot, lambda: "mitään ei tallennettu" in notices(app).lower())
                assert isinstance(app.screen, IntakeScreen)
                assert app.screen.query_one("#field-call_name Input").value == "Eelis"  # type: ignore[attr-defined]
            finally:
                server("start")
            await until(pilot, lambda: "Tietokanta vastaa taas" in notices(app))
            await keys(pilot, "enter")
            await until(pilot, lambda: isinstance(app.screen, TriageScreen))
            await keys(pilot, "escape")
            assert isinstance(app.screen, DeskScreen)
            await settle(pilot)
        names = sorted(e.call_name or "" for e in services.desk.snapshot().entries)
        assert names == ["Aino", "Eelis"]
    finally:
        services.close()
