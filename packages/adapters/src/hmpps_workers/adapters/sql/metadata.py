"""The one MetaData every HwPV table joins, with index names unique per database.

SQL Server only needs index names unique per table, so the original schema repeats
them across tables and schemas; PostgreSQL and SQLite do not allow that, so generated
names carry the schema and the table.
"""

from __future__ import annotations

import sqlalchemy as sa

EXT_SCHEMA = "ExtSchema"
INT_SCHEMA = "IntSchema"
SCHEMAS = (EXT_SCHEMA, INT_SCHEMA)


def _schema_table(constraint: sa.Constraint | sa.Index, table: sa.Table) -> str:
    del constraint
    prefix = {EXT_SCHEMA: "ext", INT_SCHEMA: "int"}.get(table.schema or "", "")
    return f"{prefix}_{table.name}".lower() if prefix else table.name.lower()


def _columns(constraint: sa.Constraint | sa.Index, table: sa.Table) -> str:
    del table
    columns = getattr(constraint, "columns", ())
    return "_".join(column.name.lower() for column in columns)


NAMING_CONVENTION: dict[str, object] = {
    "schema_table": _schema_table,
    "columns": _columns,
    "ix": "%(schema_table)s_%(columns)s_index",
    "uq": "%(schema_table)s_%(columns)s_unique",
    "fk": "%(schema_table)s_%(columns)s_foreign",
    "pk": "%(schema_table)s_pkey",
    "ck": "%(schema_table)s_%(constraint_name)s_check",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)  # type: ignore[arg-type]
