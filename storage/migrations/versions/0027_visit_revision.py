"""visit revision: which visits changed since a desk last read its queue

Revision ID: 0027
Revises: 0026
Create Date: 2026-11-30

The board is read again on every queue change; with hundreds waiting, reading every open visit
each time was most of the cost. `visit.revision` is set by the database on every insert and update,
whoever makes it, so a desk reads only the visits changed since its last read (storage/
queue_reads.py):
- PostgreSQL: the id of the writing transaction (pg_current_xact_id). Transactions commit in any
  order, so a reader keeps the oldest transaction its snapshot could not see (the snapshot's xmin)
  and reads again from there: a visit is read once more rather than missed.
- SQLite: one writer at a time, so a counter in `visit_revision` that each write takes the next
  number of; the inner UPDATE leaves the revision changed, so the trigger's WHEN stops it there.
  (PostgreSQL has the table too, unused, so both databases have the schema storage/models.py says.)
Existing visits keep revision 0: a desk's first read takes the whole queue. Added in place, without
rebuilding `visit` on SQLite, so the day-tally triggers (0004, 0026) stay.
"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

SQLITE_NEXT = ("UPDATE visit_revision SET value = value + 1 WHERE id = 1; "
               "UPDATE visit SET revision = (SELECT value FROM visit_revision WHERE id = 1) WHERE id = NEW.id;")


def upgrade() -> None:
    op.add_column("visit", sa.Column("revision", sa.BigInteger(), nullable=False, server_default="0"))
    op.create_index("ix_visit_revision", "visit", ["revision"])
    op.create_table(
        "visit_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_revision")),
    )
    op.execute("INSERT INTO visit_revision (id, value) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION visit_takes_revision() RETURNS trigger LANGUAGE plpgsql AS $$ "
                   "BEGIN NEW.revision := pg_current_xact_id()::text::bigint; RETURN NEW; END $$")
        op.execute("CREATE TRIGGER visit_takes_revision BEFORE INSERT OR UPDATE ON visit "
                   "FOR EACH ROW EXECUTE FUNCTION visit_takes_revision()")
        return
    op.execute(f"CREATE TRIGGER visit_insert_takes_revision AFTER INSERT ON visit FOR EACH ROW "
               f"BEGIN {SQLITE_NEXT} END")
    op.execute(f"CREATE TRIGGER visit_update_takes_revision AFTER UPDATE ON visit FOR EACH ROW "
               f"WHEN NEW.revision IS OLD.revision BEGIN {SQLITE_NEXT} END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER visit_takes_revision ON visit")
        op.execute("DROP FUNCTION visit_takes_revision()")
    else:
        op.execute("DROP TRIGGER visit_insert_takes_revision")
        op.execute("DROP TRIGGER visit_update_takes_revision")
    op.drop_table("visit_revision")
    op.drop_index("ix_visit_revision", table_name="visit")
    op.drop_column("visit", "revision")
