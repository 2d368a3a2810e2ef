"""day tallies: each day's summary figures, kept fresh by triggers

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

A change to a visit, a referral or a print deletes the tally of its day, in the same transaction,
whoever makes it. (On SQLite a later migration that rebuilds one of these tables in batch mode
drops its triggers: run `create_triggers` for it again after it, as 0010 does.)
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# table → how its row names the day, for the new (or the deleted) row
DAY_OF = {
    "visit": "{row}.service_day",
    "print_job": "{row}.service_day",
    "visit_referral": "(SELECT service_day FROM visit WHERE id = {row}.visit_id)",
}

POSTGRES_FUNCTION = """
CREATE FUNCTION {table}_forgets_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN DELETE FROM day_tally WHERE service_day = {old_day}; END IF;
    IF TG_OP <> 'DELETE' THEN DELETE FROM day_tally WHERE service_day = {new_day}; END IF;
    RETURN NULL;
END $$
"""


def create_triggers(tables: tuple[str, ...] = tuple(DAY_OF), day_of: dict[str, str] = DAY_OF) -> None:
    """The triggers of `tables`; `day_of`: how each one's row names its day (a later migration's
    tables give their own)."""
    if op.get_bind().dialect.name == "postgresql":
        for table, day in ((t, day_of[t]) for t in tables):
            op.execute(POSTGRES_FUNCTION.format(
                table=table, old_day=day.format(row="OLD"), new_day=day.format(row="NEW")))
            op.execute(f"CREATE TRIGGER {table}_forgets_tally AFTER INSERT OR UPDATE OR DELETE ON {table} "
                       f"FOR EACH ROW EXECUTE FUNCTION {table}_forgets_tally()")
        return
    for table, day in ((t, day_of[t]) for t in tables):
        for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            deletes = " ".join(f"DELETE FROM day_tally WHERE service_day = {day.format(row=row)};" for row in rows)
            op.execute(f"CREATE TRIGGER {table}_{event.lower()}_forgets_tally AFTER {event} ON {table} "
                       f"FOR EACH ROW BEGIN {deletes} END")


def upgrade() -> None:
    op.create_table(
        "day_tally",
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("measure", sa.String(length=24), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("service_day", "measure", "key", name=op.f("pk_day_tally")),
        sqlite_with_rowid=False,
    )
    create_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in DAY_OF:
            op.execute(f"DROP TRIGGER {table}_forgets_tally ON {table}")
            op.execute(f"DROP FUNCTION {table}_forgets_tally()")
    else:
        for table in DAY_OF:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {table}_{event}_forgets_tally")
    op.drop_table("day_tally")
