"""summaries: the Helsinki hour of arrival

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
    # Fill it for visits recorded before: arrived_at is naive UTC in both databases.
    helsinki, utc = ZoneInfo("Europe/Helsinki"), ZoneInfo("UTC")
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, arrived_at FROM visit")).all()
    for visit_id, arrived in rows:
        if isinstance(arrived, str):  # SQLite hands the text back
            arrived = datetime.fromisoformat(arrived)
        hour = arrived.replace(tzinfo=utc).astimezone(helsinki).hour
        connection.execute(sa.text("UPDATE visit SET arrival_hour = :hour WHERE id = :id"), {"hour": hour, "id": visit_id})


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_column("arrival_hour")
