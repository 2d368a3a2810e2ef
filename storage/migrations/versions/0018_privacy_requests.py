"""data-subject requests: a visit's restriction, and the register of requests

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01

A visit gets `restricted_at` and `restricted_by_id` (GDPR Art. 18: no handouts, the ticket only on
the screens, until lifted), added in place without rebuilding the table on SQLite, so the
day-tally triggers (0004) stay; no foreign key, as `handed_to_id` (0014). The register of requests
(`privacy_request`) holds when, what, the due date and who did it, and links the visits it
concerns (`privacy_request_visit`): never the person's name or phone.
"""

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("visit", sa.Column("restricted_at", storage.models.UTCDateTime(), nullable=True))
    op.add_column("visit", sa.Column("restricted_by_id", sa.Integer(), nullable=True))
    op.create_table(
        "privacy_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_at", storage.models.UTCDateTime(), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["done_by_id"], ["staff.id"], name=op.f("fk_privacy_request_done_by_id_staff")),
        sa.ForeignKeyConstraint(["created_by_id"], ["staff.id"],
                                name=op.f("fk_privacy_request_created_by_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_request")),
    )
    op.create_table(
        "privacy_request_visit",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["request_id"], ["privacy_request.id"], ondelete="CASCADE",
                                name=op.f("fk_privacy_request_visit_request_id_privacy_request")),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"], ondelete="CASCADE",
                                name=op.f("fk_privacy_request_visit_visit_id_visit")),
        sa.PrimaryKeyConstraint("request_id", "visit_id", name=op.f("pk_privacy_request_visit")),
    )
    op.create_index(op.f("ix_privacy_request_visit_visit_id"), "privacy_request_visit", ["visit_id"])


def downgrade() -> None:
    op.drop_table("privacy_request_visit")
    op.drop_table("privacy_request")
    op.drop_column("visit", "restricted_by_id")
    op.drop_column("visit", "restricted_at")
