"""month tallies: each month's figures per site, kept fresh by the day tallies' triggers

Revision ID: 0026
Revises: 0025
Create Date: 2026-11-30

Since 0025 a year of day tallies is some 800,000 rows at ten sites; a year's summary adds up the
whole months of `month_tally` instead, and the days of the months it covers in part (storage/
tallies.py). A change to a visit, a referral, a print or a follow-up answer now deletes its month's
tally together with its day's, in the same transaction, whoever makes it: the triggers of 0004 and
0016 are made again here. (On SQLite a later migration that rebuilds one of these tables in batch
mode drops its triggers: run this module's `create_triggers` for it again after it.)
"""

from importlib import import_module

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def _day_of() -> dict[str, str]:
    """Each tallied table → how its row names the day (0004's tables, and 0016's answers)."""
    return {**import_module("storage.migrations.versions.0004_day_tallies").DAY_OF,
            **import_module("storage.migrations.versions.0016_follow_ups").TALLIED}


POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION {table}_forgets_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN {old} END IF;
    IF TG_OP <> 'DELETE' THEN {new} END IF;
    RETURN NULL;
END $$
"""


def _deletes(day: str, months: bool, postgres: bool) -> str:
    """The statements that forget the tallies of `day` (an SQL expression): the day's first, so that
    a change waits for a month being counted (which holds `day_tally` locked, storage/tallies.py)
    and then deletes it. SQLite keeps a date as 'YYYY-MM-DD' text: a month is its first day."""
    month = f"date_trunc('month', {day})::date" if postgres else f"substr({day}, 1, 8) || '01'"
    return " ".join([f"DELETE FROM day_tally WHERE service_day = {day};",
                     *([f"DELETE FROM month_tally WHERE month = {month};"] if months else [])])


def create_triggers(tables: tuple[str, ...] | None = None, months: bool = True) -> None:
    """The triggers of `tables` (None: all), deleting the day's and (`months`) the month's tally."""
    day_of = _day_of()
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in tables or tuple(day_of):
        day = day_of[table]
        old, new = (_deletes(day.format(row=row), months, postgres) for row in ("OLD", "NEW"))
        if postgres:
            # the triggers of 0004 call this function: replacing it is enough
            op.execute(POSTGRES_FUNCTION.format(table=table, old=old, new=new))
            continue
        for event, deletes in (("INSERT", new), ("UPDATE", f"{old} {new}"), ("DELETE", old)):
            name = f"{table}_{event.lower()}_forgets_tally"
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
            op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW BEGIN {deletes} END")


def upgrade() -> None:
    op.create_table(
        "month_tally",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("site", sa.String(length=40), nullable=False),
        sa.Column("measure", sa.String(length=24), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "site", "measure", "key", name=op.f("pk_month_tally")),
        sqlite_with_rowid=False,
    )
    create_triggers()


def downgrade() -> None:
    create_triggers(months=False)
    op.drop_table("month_tally")
