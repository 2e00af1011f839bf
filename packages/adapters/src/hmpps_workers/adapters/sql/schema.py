"""Create the HwPV schema for demos and tests; never on SQL Server (the DB's owner)."""

from __future__ import annotations

import sqlalchemy as sa

from hmpps_workers.adapters.sql import task_tables
from hmpps_workers.adapters.sql.metadata import SCHEMAS, metadata
from hmpps_workers.adapters.sql.prison_visits import run_tables
from hmpps_workers.adapters.sql.prison_visits import tables as prison_visits_tables
from hmpps_workers.core.errors import ConfigurationError

# Importing the table modules registers their tables on `metadata`.
TABLE_MODULES = (task_tables, prison_visits_tables, run_tables)


def schema_exists(engine: sa.Engine) -> bool:
    """True if the Task tables are there."""
    inspector = sa.inspect(engine)
    return all(inspector.has_table("Task", schema=schema) for schema in SCHEMAS)


def create_schema(engine: sa.Engine, *, allow_mssql: bool = False) -> None:
    """Create schemas and every table (with the migration's columns) if missing."""
    if engine.dialect.name == "mssql" and not allow_mssql:
        raise ConfigurationError(
            "refusing to create tables on SQL Server: the HwPV database project owns"
            " that schema; apply the migration with `hmpps-workers db migrate` instead"
        )
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            for schema in SCHEMAS:
                connection.execute(sa.schema.CreateSchema(schema, if_not_exists=True))
        metadata.create_all(connection)


def drop_schema(engine: sa.Engine) -> None:
    """Drop every table (tests and demos only)."""
    if engine.dialect.name == "mssql":
        raise ConfigurationError("refusing to drop tables on SQL Server")
    with engine.begin() as connection:
        metadata.drop_all(connection)
