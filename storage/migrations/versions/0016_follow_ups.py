"""follow-ups: a finished visit's follow-up, its contacts, how its referrals went, and the
clients' anonymous answers

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30

`follow_up`: one per visit that set a follow-up date, due on a day with a responsible worker, open
until closed with the reason the service ended; a partial index finds a worker's open ones by date.
`follow_up_contact`: each contact or attempt; `follow_up_referral`: how each referral stood at a
contact; `follow_up_answer`: the clients' answers and the workers' views, linked to nothing (no
visit, contact or worker), so they stay anonymous; they are tallied by their day (storage/tallies.py),
so a new or changed answer deletes its day's tally as a visit does (the triggers of 0004). On PostgreSQL a change notifies the desks (the
trigger function of 0006): the desk's follow-up counters follow at once.
"""

from importlib import import_module

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

NOTIFYING = ("follow_up", "follow_up_contact")
TALLIED = {"follow_up_answer": "{row}.day"}
"""The follow-up tables counted in the day tallies, and how their rows name the day."""


def upgrade() -> None:
    op.create_table(
        "follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("closed_at", storage.models.UTCDateTime(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("end_reason", sa.String(length=24), nullable=True),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"], name=op.f("fk_follow_up_visit_id_visit"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_follow_up_staff_id_staff")),
        sa.ForeignKeyConstraint(["closed_by_id"], ["staff.id"], name=op.f("fk_follow_up_closed_by_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up")),
        sa.UniqueConstraint("visit_id", name=op.f("uq_follow_up_visit_id")),
    )
    op.create_index(op.f("ix_follow_up_due_on"), "follow_up", ["due_on"])
    op.create_index(op.f("ix_follow_up_closed_on"), "follow_up", ["closed_on"])
    op.create_index(op.f("ix_follow_up_created_at"), "follow_up", ["created_at"])
    op.create_index("ix_follow_up_open_due", "follow_up", ["staff_id", "due_on"],
                    sqlite_where=sa.text("closed_at IS NULL"), postgresql_where=sa.text("closed_at IS NULL"))
    op.create_table(
        "follow_up_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("follow_up_id", sa.Integer(), nullable=False),
        sa.Column("at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("reached", sa.Boolean(), nullable=False),
        sa.Column("health_check", sa.String(length=8), nullable=True),
        sa.Column("kykyviisari_before", sa.Boolean(), nullable=True),
        sa.Column("kykyviisari_after", sa.Boolean(), nullable=True),
        sa.Column("next_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.String(length=24), nullable=True),
        sa.ForeignKeyConstraint(["follow_up_id"], ["follow_up.id"],
                                name=op.f("fk_follow_up_contact_follow_up_id_follow_up"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_follow_up_contact_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up_contact")),
    )
    op.create_index(op.f("ix_follow_up_contact_follow_up_id"), "follow_up_contact", ["follow_up_id"])
    op.create_index(op.f("ix_follow_up_contact_day"), "follow_up_contact", ["day"])
    op.create_table(
        "follow_up_referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("destination", sa.String(length=40), nullable=False),
        sa.Column("progress", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["follow_up_contact.id"],
                                name=op.f("fk_follow_up_referral_contact_id_follow_up_contact"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["referral_id"], ["visit_referral.id"],
                                name=op.f("fk_follow_up_referral_referral_id_visit_referral"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up_referral")),
    )
    op.create_index(op.f("ix_follow_up_referral_contact_id"), "follow_up_referral", ["contact_id"])
    op.create_table(
        "follow_up_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("question", sa.String(length=24), nullable=False),
        sa.Column("respondent", sa.String(length=8), nullable=False),
        sa.Column("answer", sa.String(length=24), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up_answer")),
    )
    op.create_index(op.f("ix_follow_up_answer_day"), "follow_up_answer", ["day"])
    import_module("storage.migrations.versions.0004_day_tallies").create_triggers(tuple(TALLIED), TALLIED)
    import_module("storage.migrations.versions.0006_several_desks").notify_desks(NOTIFYING)


def downgrade() -> None:
    import_module("storage.migrations.versions.0006_several_desks").stop_notifying(NOTIFYING)
    if op.get_bind().dialect.name == "postgresql":
        for table in TALLIED:
            op.execute(f"DROP TRIGGER {table}_forgets_tally ON {table}")
            op.execute(f"DROP FUNCTION {table}_forgets_tally()")
    op.drop_table("follow_up_answer")
    op.drop_table("follow_up_referral")
    op.drop_table("follow_up_contact")
    op.drop_table("follow_up")
