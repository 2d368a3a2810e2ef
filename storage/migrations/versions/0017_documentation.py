"""visits: marked documented in the county's client information system, when and by whom

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01

A client matter (forms.documentation) waits until a worker marks it documented in the client
information system: two nullable columns on `visit`, the moment and the worker. The worker is a
plain integer without a foreign key, as `handed_to_id` (0014): SQLite refuses DROP COLUMN on a
column with one. Added and dropped in place, without rebuilding the table on SQLite, so the
day-tally triggers (0004) stay.
"""

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("visit", sa.Column("documented_at", storage.models.UTCDateTime(), nullable=True))
    op.add_column("visit", sa.Column("documented_by_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    # In place (SQLite 3.35+): a batch rebuild of `visit` would trip over the day-tally triggers.
    op.drop_column("visit", "documented_by_id")
    op.drop_column("visit", "documented_at")
