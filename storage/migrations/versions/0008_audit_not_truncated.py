"""the audit trail cannot be emptied with TRUNCATE either

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25

Row triggers (0005) refuse UPDATE and DELETE, but TRUNCATE fires no row trigger. The desks' role
has no TRUNCATE privilege anyway (`walkin db upgrade --desk-role`); this refuses it to the one-role
set-up too, so emptying the trail takes dropping a trigger, which only the owner can do. SQLite has
no TRUNCATE.
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE TRIGGER audit_event_is_not_truncated BEFORE TRUNCATE ON audit_event "
                   "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_final()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_event_is_not_truncated ON audit_event")
