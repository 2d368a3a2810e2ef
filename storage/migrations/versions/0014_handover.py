"""warm handover: the chain of handovers of a visit, and the worker a waiting visit is handed to

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30

`visit_handover` holds one row per handover (visit, from, to, when, why, and when it was first
called after it); handing on again adds a row, so a visit's rows are its chain. `visit.handed_to_id`
names the worker a waiting visit is handed to, for the queue's order (forms.handover); a plain
integer without a foreign key, added and dropped in place so SQLite keeps its day-tally triggers
(0004) and can drop it again (SQLite refuses DROP COLUMN on a column with a foreign key).
"""

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visit_handover",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("from_staff_id", sa.Integer(), nullable=False),
        sa.Column("to_staff_id", sa.Integer(), nullable=False),
        sa.Column("at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("taken_at", storage.models.UTCDateTime(), nullable=True),
        sa.Column("taken_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"], name=op.f("fk_visit_handover_visit_id_visit"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["from_staff_id"], ["staff.id"],
                                name=op.f("fk_visit_handover_from_staff_id_staff")),
        sa.ForeignKeyConstraint(["to_staff_id"], ["staff.id"], name=op.f("fk_visit_handover_to_staff_id_staff")),
        sa.ForeignKeyConstraint(["taken_by_id"], ["staff.id"], name=op.f("fk_visit_handover_taken_by_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_handover")),
    )
    op.create_index(op.f("ix_visit_handover_visit_id"), "visit_handover", ["visit_id"])
    op.create_index(op.f("ix_visit_handover_to_staff_id"), "visit_handover", ["to_staff_id"])
    op.add_column("visit", sa.Column("handed_to_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    # In place (SQLite 3.35+): a batch rebuild of `visit` would trip over the day-tally triggers.
    op.drop_column("visit", "handed_to_id")
    op.drop_index(op.f("ix_visit_handover_to_staff_id"), table_name="visit_handover")
    op.drop_index(op.f("ix_visit_handover_visit_id"), table_name="visit_handover")
    op.drop_table("visit_handover")
