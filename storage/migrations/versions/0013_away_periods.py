"""away from the desk: a worker's away periods (lunch, a phone call) while signed in

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30

One row per period: the worker, the desk sign-in it began in, when it began and ended (open while
the worker is away), a reason from a short list and an optional note. A partial unique index keeps
one open period per worker, on SQLite and PostgreSQL alike. On PostgreSQL a change notifies the
desks (the trigger function of 0006), so another desk sees the worker away at once.
"""

from importlib import import_module

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "away_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("desk_session_id", sa.Integer(), nullable=False),
        sa.Column("started_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("ended_at", storage.models.UTCDateTime(), nullable=True),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("note", sa.String(length=60), nullable=True),
        sa.ForeignKeyConstraint(["desk_session_id"], ["desk_session.id"],
                                name=op.f("fk_away_period_desk_session_id_desk_session")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_away_period_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_away_period")),
    )
    op.create_index(op.f("ix_away_period_staff_id"), "away_period", ["staff_id"])
    op.create_index(op.f("ix_away_period_desk_session_id"), "away_period", ["desk_session_id"])
    op.create_index(op.f("ix_away_period_started_at"), "away_period", ["started_at"])
    op.create_index("uq_away_period_open", "away_period", ["staff_id"], unique=True,
                    sqlite_where=sa.text("ended_at IS NULL"), postgresql_where=sa.text("ended_at IS NULL"))
    import_module("storage.migrations.versions.0006_several_desks").notify_desks(("away_period",))


def downgrade() -> None:
    import_module("storage.migrations.versions.0006_several_desks").stop_notifying(("away_period",))
    op.drop_table("away_period")
