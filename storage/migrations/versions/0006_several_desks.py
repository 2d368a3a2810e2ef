"""several desks: where a ticket was called to, and a notice to every desk on each change

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23

On PostgreSQL every committed change to the queue (or to who is signed in, for the wait estimate)
sends NOTIFY walkin_queue, whoever makes it; the desks and the waiting-room display LISTEN
(SQLite desks watch the file's data_version).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

NOTIFYING = ("visit", "desk_session")


def upgrade() -> None:
    op.add_column("visit", sa.Column("called_to", sa.String(length=60), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION visit_notifies_desks() RETURNS trigger LANGUAGE plpgsql AS $$ "
                   "BEGIN PERFORM pg_notify('walkin_queue', ''); RETURN NULL; END $$")
        notify_desks(NOTIFYING)


def notify_desks(tables: tuple[str, ...]) -> None:
    """On PostgreSQL, a change to any of `tables` notifies the desks (later migrations' tables too)."""
    if op.get_bind().dialect.name == "postgresql":
        for table in tables:
            op.execute(f"CREATE TRIGGER {table}_notifies_desks AFTER INSERT OR UPDATE OR DELETE ON {table} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION visit_notifies_desks()")


def stop_notifying(tables: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in tables:
            op.execute(f"DROP TRIGGER {table}_notifies_desks ON {table}")


def downgrade() -> None:
    stop_notifying(NOTIFYING)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION visit_notifies_desks()")
    op.drop_column("visit", "called_to")
