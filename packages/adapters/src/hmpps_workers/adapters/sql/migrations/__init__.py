"""Additive migrations to the existing HwPV tables: SQL Server, PostgreSQL, SQLite.

The production schema belongs to the HwPV database project, so these only ever add
nullable columns, indexes and this project's own new tables. `apply` runs them on a
live database (skipping what is there already); `script` renders an idempotent script
a DBA can run with sqlcmd or psql. The rendered scripts are also shipped beside this
file and pinned by a test. The prison-to-probation message table (this project's own)
has its migrations in `sql.prison_to_probation`, on the same machinery.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import attrs
import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.schema import CreateIndex, CreateTable

from hmpps_workers.adapters.sql.prison_visits.run_tables import RUN_TABLES
from hmpps_workers.adapters.sql.task_tables import (
    CLAIM_INDEX_MIGRATION,
    TASK_TABLES,
    retry_columns,
)

HERE = Path(__file__).parent


@attrs.frozen(kw_only=True)
class AddColumn:
    """Add one column to a table if it is missing: nullable, or with a default.

    A default (our own tables only) makes the column NOT NULL, every existing row
    taking the default.
    """

    table: sa.Table
    column: sa.Column[object]
    default: int | None = None

    def statement(self, dialect: Dialect) -> str:
        """The ALTER TABLE statement on `dialect`."""
        preparer = dialect.identifier_preparer
        keyword = "ADD" if dialect.name == "mssql" else "ADD COLUMN"
        nullability = (
            "NULL" if self.default is None else f"DEFAULT {self.default:d} NOT NULL"
        )
        return (
            f"ALTER TABLE {preparer.format_table(self.table)} {keyword} "
            f"{preparer.format_column(self.column)} "
            f"{self.column.type.compile(dialect=dialect)} {nullability}"
        )

    def guarded(self, dialect: Dialect) -> str:
        """The statement made safe to run twice."""
        if dialect.name == "mssql":
            name = self.table.fullname
            return (
                f"IF COL_LENGTH(N'{name}', N'{self.column.name}') IS NULL\n"
                f"    {self.statement(dialect)};"
            )
        return (
            self.statement(dialect).replace("ADD COLUMN", "ADD COLUMN IF NOT EXISTS", 1)
            + ";"
        )

    def needed(self, inspector: sa.Inspector) -> bool:
        """True if the column is not there yet."""
        existing = {
            c["name"].lower()
            for c in inspector.get_columns(self.table.name, schema=self.table.schema)
        }
        return self.column.name.lower() not in existing


@attrs.frozen(kw_only=True)
class AddIndex:
    """Create one index if it is missing."""

    index: sa.Index

    def statement(self, dialect: Dialect) -> str:
        """The CREATE INDEX statement on `dialect`."""
        return str(CreateIndex(self.index).compile(dialect=dialect)).strip()

    def guarded(self, dialect: Dialect) -> str:
        """The statement made safe to run twice."""
        table = self.index.table
        assert table is not None  # noqa: S101 - every index here belongs to a table
        if dialect.name == "mssql":
            return (
                "IF NOT EXISTS (SELECT 1 FROM sys.indexes"  # noqa: S608 - our own names
                f" WHERE name = N'{self.index.name}'"
                f" AND object_id = OBJECT_ID(N'{table.schema}.{table.name}'))\n"
                f"    {self.statement(dialect)};"
            )
        statement = self.statement(dialect)
        for keyword in ("CREATE INDEX", "CREATE UNIQUE INDEX"):
            if statement.startswith(keyword):
                statement = statement.replace(keyword, f"{keyword} IF NOT EXISTS", 1)
        return statement + ";"

    def needed(self, inspector: sa.Inspector) -> bool:
        """True if no index of this name exists on the table."""
        table = self.index.table
        assert table is not None  # noqa: S101
        if not inspector.has_table(table.name, schema=table.schema):
            return True  # a table this migration creates first
        names = {
            (i["name"] or "").lower()
            for i in inspector.get_indexes(table.name, schema=table.schema)
        }
        return str(self.index.name).lower() not in names


@attrs.frozen(kw_only=True)
class AddTable:
    """Create one of this project's own tables (without its indexes) if missing."""

    table: sa.Table

    def statement(self, dialect: Dialect) -> str:
        """The CREATE TABLE statement on `dialect`."""
        text = str(CreateTable(self.table).compile(dialect=dialect)).strip()
        return "\n".join(line.rstrip() for line in text.splitlines())

    def guarded(self, dialect: Dialect) -> str:
        """The statement made safe to run twice."""
        if dialect.name == "mssql":
            name = f"{self.table.schema}.{self.table.name}"
            return f"IF OBJECT_ID(N'{name}', N'U') IS NULL\n{self.statement(dialect)};"
        return (
            self.statement(dialect).replace(
                "CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1
            )
            + ";"
        )

    def needed(self, inspector: sa.Inspector) -> bool:
        """True if the table is not there yet."""
        return not inspector.has_table(self.table.name, schema=self.table.schema)


Step = AddColumn | AddIndex | AddTable


@attrs.frozen(kw_only=True)
class Migration:
    """A named, ordered set of additive steps."""

    name: str
    steps: tuple[Step, ...]


def _task_indexes(table: sa.Table, migration: str | None) -> list[sa.Index]:
    found = [i for i in table.indexes if i.info.get("migration") == migration]
    return sorted(found, key=lambda i: str(i.name))


def _task_retry_steps() -> Iterator[Step]:
    for table in TASK_TABLES.values():
        for column in retry_columns():
            yield AddColumn(table=table, column=table.c[column.name])
        for index in _task_indexes(table, None):
            yield AddIndex(index=index)


def _claim_index_steps() -> Iterator[Step]:
    for table in TASK_TABLES.values():
        for index in _task_indexes(table, CLAIM_INDEX_MIGRATION):
            yield AddIndex(index=index)


def _run_table_steps() -> Iterator[Step]:
    for table in RUN_TABLES:
        yield AddTable(table=table)
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            yield AddIndex(index=index)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(name="0001_task_retry_columns", steps=tuple(_task_retry_steps())),
    Migration(
        name="0002_payment_batches_and_job_history",
        steps=tuple(_run_table_steps()),
    ),
    Migration(name=CLAIM_INDEX_MIGRATION, steps=tuple(_claim_index_steps())),
)


def script(dialect: Dialect, migrations: tuple[Migration, ...] = MIGRATIONS) -> str:
    """Render every migration as one idempotent script for `dialect`."""
    separator = "\nGO\n" if dialect.name == "mssql" else "\n"
    parts: list[str] = []
    for migration in migrations:
        parts.append(f"-- {migration.name}")
        parts.extend(step.guarded(dialect) for step in migration.steps)
    return separator.join(parts) + "\n"


def pending(
    engine: sa.Engine, migrations: tuple[Migration, ...] = MIGRATIONS
) -> list[Step]:
    """The steps not yet applied to the database behind `engine`."""
    inspector = sa.inspect(engine)
    return [
        step
        for migration in migrations
        for step in migration.steps
        if step.needed(inspector)
    ]


def apply(
    engine: sa.Engine, migrations: tuple[Migration, ...] = MIGRATIONS
) -> list[str]:
    """Apply the missing steps, in one transaction; return the statements run."""
    steps = pending(engine, migrations)
    statements = [step.statement(engine.dialect) for step in steps]
    if statements:
        with engine.begin() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)
    return statements


def shipped_script_path(
    dialect_name: str, migrations: tuple[Migration, ...] = MIGRATIONS
) -> Path:
    """Where the rendered script for `dialect_name` is shipped.

    The name lists every migration it holds, so a DBA sees at a glance what it does.
    """
    names = "+".join(migration.name for migration in migrations)
    return HERE / f"{names}.{dialect_name}.sql"
