"""consents: the version of the consent text the client was given

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30

The profile holds each consent purpose's text per language with a version string; a consent keeps
the version it was given under, so that the text the client agreed to can be shown later even after
the profile changed it. Consents recorded before this have none (NULL): their text was never kept.
Added in place, without rebuilding the table on SQLite.
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("consent", sa.Column("text_version", sa.String(length=20), nullable=True))


def downgrade() -> None:
    op.drop_column("consent", "text_version")
