"""visits: a waiting client stepped out, until when

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30

A waiting client may step out for the profile's minutes keeping their place: one nullable column
on `visit`, the moment the step out ends (none: not stepped out). Call next passes the visit by
until then. Added and dropped in place, without rebuilding the table on SQLite, so the day-tally
triggers (0004) stay.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("visit", sa.Column("stepped_out_until", sa.DateTime(), nullable=True))


def downgrade() -> None:
    # A client out at the downgrade simply waits in their place again.
    op.drop_column("visit", "stepped_out_until")
