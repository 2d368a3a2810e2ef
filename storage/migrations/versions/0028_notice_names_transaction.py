"""notice names its transaction: a desk drops the notices of changes its next read already has

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-01

On PostgreSQL a desk's own change (a finish, a sign-in) came back to it as a notice, and the desk read
its board a second time for a change its own read after the write already showed (about 40 ms more
on such a key). The notice now carries the id of the writing transaction: a write that its desk
reads back names its transaction before it commits (storage.db, `read_after`), and that desk's
watcher drops the notice (storage.changes). Other desks are told as before; SQLite desks watch the
file's data_version.
"""

from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def _notify_with(payload: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE OR REPLACE FUNCTION visit_notifies_desks() RETURNS trigger LANGUAGE plpgsql AS $$ "
                   f"BEGIN PERFORM pg_notify('walkin_queue', {payload}); RETURN NULL; END $$")


def upgrade() -> None:
    _notify_with("pg_current_xact_id()::text")


def downgrade() -> None:
    _notify_with("''")
