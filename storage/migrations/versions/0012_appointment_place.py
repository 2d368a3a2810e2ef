"""the booked appointment's place, and who gets in touch by the follow-up date

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30

Two nullable columns on `visit`, for the memo: where the next appointment is (free text, e.g.
"Työkykykeskus, Esimerkkikatu 1") and who contacts whom by the follow-up date (`worker` or
`client`; none on visits finished before, which the memo reads as the worker). Added in place,
without rebuilding the table on SQLite (up and down), so the day-tally triggers (0004) stay.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("visit", sa.Column("appointment_place", sa.String(length=200), nullable=True))
    op.add_column("visit", sa.Column("follow_up_by", sa.String(length=8), nullable=True))


def downgrade() -> None:
    # In place too (SQLite 3.35+ drops a column itself): a batch rebuild of `visit` would trip
    # over the referral table's day-tally trigger, which names `visit`.
    op.drop_column("visit", "follow_up_by")
    op.drop_column("visit", "appointment_place")
