"""visits: the call count, the latest call and "did not show"

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30

A ticket can be called again (the client did not hear), so the visit counts its calls and keeps
the time of the latest one (the display shows the latest call first). After the profile's number
of calls the desk may record "did not show", a status of its own ("no_show", which fits the
12-character status column) with its time. A visit called before this revision counts one call at
its first call. Plain ADD COLUMN keeps SQLite's day-tally triggers (0004) in place.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("visit", sa.Column("calls", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("visit", sa.Column("last_called_at", sa.DateTime(), nullable=True))
    op.add_column("visit", sa.Column("no_show_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE visit SET calls = 1, last_called_at = called_at WHERE called_at IS NOT NULL")


def downgrade() -> None:
    # A "did not show" becomes the nearest older status: left without being seen.
    op.execute("UPDATE visit SET status = 'left', left_at = no_show_at WHERE status = 'no_show'")
    # Plain DROP COLUMN (SQLite 3.35 and later): a batch rebuild of the table would trip over the
    # other tables' day-tally triggers that name it.
    for column in ("no_show_at", "last_called_at", "calls"):
        op.execute(f"ALTER TABLE visit DROP COLUMN {column}")
