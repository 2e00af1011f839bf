"""Render the claims schema's DDL on SQL Server, for the golden test and its refresh."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import mssql

from hmpps_workers.adapters.sql.metadata import metadata
from hmpps_workers.adapters.sql.prison_visits import tables

GOLDEN = Path(__file__).parents[1] / "unit/prison_visits/golden/claims_schema.mssql.sql"


def sql_server() -> mssql.dialect:
    """The mssql dialect as a connection to SQL Server 2012 or later configures it.

    Offline, SQLAlchemy cannot know the server version and renders NVARCHAR(MAX) as
    the deprecated NTEXT; a live connection to any supported server does not.
    """
    return mssql.dialect(deprecate_large_types=True)


TASK_TABLES = {"ExtSchema.Task", "IntSchema.Task"}
RUN_TABLES = {
    "IntSchema.PaymentBatch",
    "IntSchema.PaymentBatchLine",
    "IntSchema.JobHistory",
}
"""The scheduled runners' own tables, pinned by the migration's golden scripts."""


def claims_tables() -> list[sa.Table]:
    """Every claims table in dependency order (the Task tables are the engine's)."""
    assert tables.CLAIM_TABLES
    return [
        t for t in metadata.sorted_tables if t.fullname not in TASK_TABLES | RUN_TABLES
    ]


def render_ddl() -> str:
    """CREATE TABLE and CREATE INDEX statements, as SQL Server would receive them."""
    dialect = sql_server()
    out: list[str] = []
    for table in claims_tables():
        out.append(str(sa.schema.CreateTable(table).compile(dialect=dialect)).strip())
        out.extend(
            str(sa.schema.CreateIndex(index).compile(dialect=dialect)).strip()
            for index in sorted(table.indexes, key=lambda i: str(i.name))
        )
    text = ";\n\n".join(out) + ";\n"
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


if __name__ == "__main__":
    GOLDEN.write_text(render_ddl())
