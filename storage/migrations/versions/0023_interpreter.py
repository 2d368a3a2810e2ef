"""visits: whether the client needed an interpreter

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-30

The intake records whether an interpreter was needed (yes or no), and the summaries count it. One
column on `visit`, false for the visits before it. Added and dropped in place, without rebuilding
the table on SQLite, so the day-tally triggers (0004) stay.
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("visit", sa.Column("interpreter_needed", sa.Boolean(), nullable=False,
                                     server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("visit", "interpreter_needed")
