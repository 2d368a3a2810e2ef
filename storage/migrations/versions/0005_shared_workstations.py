"""shared workstations: audit trail, consents, retention

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

REFUSAL = "audit events cannot be changed"


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=80), nullable=True),
        sa.Column("workstation", sa.String(length=60), nullable=True),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_audit_event_staff_id_staff")),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"], name=op.f("fk_audit_event_visit_id_visit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    for column in ("at", "staff_id", "visit_id"):
        op.create_index(op.f(f"ix_audit_event_{column}"), "audit_event", [column])
    op.create_table(
        "consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("given_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("given_by_id", sa.Integer(), nullable=False),
        sa.Column("withdrawn_at", storage.models.UTCDateTime(), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.Column("withdrawal_method", sa.String(length=8), nullable=True),
        sa.ForeignKeyConstraint(["given_by_id"], ["staff.id"], name=op.f("fk_consent_given_by_id_staff")),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"], name=op.f("fk_consent_visit_id_visit"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["withdrawn_by_id"], ["staff.id"], name=op.f("fk_consent_withdrawn_by_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent")),
    )
    op.create_index(op.f("ix_consent_visit_id"), "consent", ["visit_id"])
    op.add_column("visit", sa.Column("purged_at", storage.models.UTCDateTime(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION audit_event_is_final() RETURNS trigger LANGUAGE plpgsql AS $$ "
                   f"BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$")
        op.execute("CREATE TRIGGER audit_event_is_final BEFORE UPDATE OR DELETE ON audit_event "
                   "FOR EACH ROW EXECUTE FUNCTION audit_event_is_final()")
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_event_{event.lower()}_is_refused BEFORE {event} ON audit_event "
                       f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_event_is_final ON audit_event")
        op.execute("DROP FUNCTION audit_event_is_final()")
    op.drop_column("visit", "purged_at")
    op.drop_index(op.f("ix_consent_visit_id"), table_name="consent")
    op.drop_table("consent")
    for column in ("at", "staff_id", "visit_id"):
        op.drop_index(op.f(f"ix_audit_event_{column}"), table_name="audit_event")
    op.drop_table("audit_event")
