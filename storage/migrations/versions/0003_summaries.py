"""summaries: the Helsinki hour of arrival, waiting and meeting seconds

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("arrival_hour", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("wait_seconds", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("session_seconds", sa.Integer(), nullable=True))
    # Fill them for visits recorded before: the times are naive UTC in both databases.
    helsinki, utc = ZoneInfo("Europe/Helsinki"), ZoneInfo("UTC")
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT id, arrived_at, called_at, started_at, finished_at FROM visit")).all()
    for visit_id, *times in rows:
        arrived, called, started, finished = (
            datetime.fromisoformat(t) if isinstance(t, str) else t for t in times)  # SQLite gives text
        connection.execute(sa.text(
            "UPDATE visit SET arrival_hour = :hour, wait_seconds = :wait, session_seconds = :session "
            "WHERE id = :id"), {
            "id": visit_id,
            "hour": arrived.replace(tzinfo=utc).astimezone(helsinki).hour,
            "wait": round((called - arrived).total_seconds()) if called else None,
            "session": round((finished - started).total_seconds()) if finished and started else None,
        })


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_column("session_seconds")
        batch_op.drop_column("wait_seconds")
        batch_op.drop_column("arrival_hour")
