"""Opening databases: migrations, a read-only file and a locked one give clear messages."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from forms.intake import IntakeForm
from forms.profile import ServiceProfile
from storage.db import alembic_config
from storage.errors import StorageError
from storage.migrations import HEAD
from storage.services import open_services
from tests.conftest import add_worker


def test_migrations_reach_head_once(db_url: str, profile: ServiceProfile) -> None:
    first = open_services(db_url, profile)
    revision = first.db.current_revision()
    first.close()
    again = open_services(db_url, profile)
    assert revision == again.db.current_revision() == HEAD
    again.close()


def test_this_sessions_migrations_go_down_and_up_again(db_url: str, profile: ServiceProfile) -> None:
    """Down to 0012 and up again, with a visit kept: every later migration's downgrade runs, its
    PostgreSQL triggers too, and the upgrade rebuilds them."""
    from alembic import command

    services = open_services(db_url, profile)
    worker = add_worker(services, "kaisa", "Kaisa Esimerkki")
    visit = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
    services.close()
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", db_url.replace("%", "%%"))
    command.downgrade(config, "0012")
    command.upgrade(config, HEAD)
    again = open_services(db_url, profile)
    assert again.db.current_revision() == HEAD
    assert again.desk.visit(visit.id).entry.call_name == "Aino"
    again.close()


def test_head_constant_is_the_newest_migration() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def test_read_only_database_says_so_and_keeps_data(tmp_path: Path, profile: ServiceProfile) -> None:
    url = f"sqlite:///{tmp_path / 'walkin.db'}"
    services = open_services(url, profile)
    worker = add_worker(services)
    services.desk.admit(IntakeForm(), worker.id)
    services.close()
    # Opened read-only the way a worker without write access would find it (root ignores chmod).
    services = open_services(f"sqlite:///file:{tmp_path / 'walkin.db'}?mode=ro&uri=true", profile)
    try:
        with pytest.raises(StorageError, match="vain luku"):
            services.desk.admit(IntakeForm(), worker.id)
        assert len(services.desk.snapshot().entries) == 1
    finally:
        services.close()


def test_locked_database_gives_a_clear_message(tmp_path: Path, profile: ServiceProfile) -> None:
    path = tmp_path / "walkin.db"
    services = open_services(f"sqlite:///{path}", profile, busy_timeout_seconds=0.2)
    worker = add_worker(services)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageError, match="varattuna"):
            services.desk.admit(IntakeForm(), worker.id)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert services.desk.admit(IntakeForm(), worker.id).ticket == "A001"
    services.close()


def test_a_file_that_is_not_a_database(tmp_path: Path, profile: ServiceProfile) -> None:
    path = tmp_path / "walkin.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match="vioittunut"):
        open_services(f"sqlite:///{path}", profile)


def test_migrations_build_the_schema_the_models_describe(db_url: str, profile: ServiceProfile) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from storage.models import Base

    services = open_services(db_url, profile)
    try:
        with services.db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        services.close()
    assert differences == []


def test_the_database_file_is_private_but_its_folder_is_left_alone(tmp_path: Path, profile: ServiceProfile) -> None:
    """A database pointed into a folder that was there (shared, or /tmp itself) must not
    change that folder; a folder the app creates is its owner's only."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    open_services(f"sqlite:///{shared / 'walkin.db'}", profile).close()
    assert (shared.stat().st_mode & 0o7777, (shared / "walkin.db").stat().st_mode & 0o777) == (0o1777, 0o600)
    open_services(f"sqlite:///{tmp_path / 'new' / 'walkin.db'}", profile).close()
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o700
