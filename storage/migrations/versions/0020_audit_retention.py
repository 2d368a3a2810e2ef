"""the audit trail has a retention time: only the purge may delete, and only events older than it

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30

Until now triggers refused every UPDATE and DELETE on `audit_event` (0005). Events are now kept for
`audit_retention_days` and then purged. A one-row table, `audit_purge`, holds a floor that is NULL
except inside the purge's own transaction: the purge sets it, deletes the events older than it and
sets it back to NULL before committing. The DELETE trigger lets a row go only when it is older than
the floor, so an ordinary DELETE (a mistake, a script, a desk) is still refused. Within one
transaction no other connection ever sees the floor set: PostgreSQL shows only committed rows, and
SQLite has one writer at a time. UPDATE stays refused always, and TRUNCATE on PostgreSQL too (0008).
"""

import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

REFUSAL = "audit events cannot be changed"
TOO_NEW = "audit events are deleted only by the purge, older than its floor"


def upgrade() -> None:
    op.create_table(
        "audit_purge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("floor", storage.models.UTCDateTime(), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_purge_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_purge")),
    )
    op.execute("INSERT INTO audit_purge (id, floor) VALUES (1, NULL)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_event_is_final ON audit_event")
        op.execute("CREATE TRIGGER audit_event_is_final BEFORE UPDATE ON audit_event "
                   "FOR EACH ROW EXECUTE FUNCTION audit_event_is_final()")
        op.execute("CREATE FUNCTION audit_event_is_purged() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   "IF OLD.at < (SELECT floor FROM audit_purge WHERE id = 1) THEN RETURN OLD; END IF; "
                   f"RAISE EXCEPTION '{TOO_NEW}'; END $$")
        op.execute("CREATE TRIGGER audit_event_is_purged BEFORE DELETE ON audit_event "
                   "FOR EACH ROW EXECUTE FUNCTION audit_event_is_purged()")
    else:
        op.execute("DROP TRIGGER audit_event_delete_is_refused")
        op.execute("CREATE TRIGGER audit_event_delete_is_refused BEFORE DELETE ON audit_event "
                   "WHEN NOT coalesce(OLD.at < (SELECT floor FROM audit_purge WHERE id = 1), 0) "
                   f"BEGIN SELECT RAISE(ABORT, '{TOO_NEW}'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_event_is_purged ON audit_event")
        op.execute("DROP FUNCTION audit_event_is_purged()")
        op.execute("DROP TRIGGER audit_event_is_final ON audit_event")
        op.execute("CREATE TRIGGER audit_event_is_final BEFORE UPDATE OR DELETE ON audit_event "
                   "FOR EACH ROW EXECUTE FUNCTION audit_event_is_final()")
    else:
        op.execute("DROP TRIGGER audit_event_delete_is_refused")
        op.execute("CREATE TRIGGER audit_event_delete_is_refused BEFORE DELETE ON audit_event "
                   f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END")
    op.drop_table("audit_purge")
