"""pin lockouts: wrong PINs and growing locks by the username typed, known or not

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24

The count moves off the staff row into a table of its own, keyed by the username as typed, so an
unknown username locks after the same wrong PINs as a known one (and the answer gives away
nothing); `lockouts` makes each lock longer than the one before.
"""

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pin_lockout",
        sa.Column("username", sa.String(length=32), nullable=False),
        sa.Column("wrong_pins", sa.Integer(), nullable=False),
        sa.Column("lockouts", sa.Integer(), nullable=False),
        sa.Column("locked_until", storage.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_pin_lockout")),
    )
    op.execute("INSERT INTO pin_lockout (username, wrong_pins, lockouts, locked_until) "
               "SELECT username, failed_pins, CASE WHEN locked_until IS NULL THEN 0 ELSE 1 END, locked_until "
               "FROM staff WHERE failed_pins > 0 OR locked_until IS NOT NULL")
    # SQLite 3.35 and later drop a column in place (no copy of the table its foreign keys point at).
    op.drop_column("staff", "failed_pins")
    op.drop_column("staff", "locked_until")


def downgrade() -> None:
    op.add_column("staff", sa.Column("failed_pins", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("staff", sa.Column("locked_until", storage.models.UTCDateTime(), nullable=True))
    op.execute("UPDATE staff SET failed_pins = (SELECT wrong_pins FROM pin_lockout "
               "WHERE pin_lockout.username = staff.username), locked_until = (SELECT locked_until "
               "FROM pin_lockout WHERE pin_lockout.username = staff.username) "
               "WHERE username IN (SELECT username FROM pin_lockout)")
    op.drop_table("pin_lockout")
