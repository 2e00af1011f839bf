"""Database engines for tests: SQLite files and PostgreSQL, schema fresh per test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.metadata import SCHEMAS
from hmpps_workers.adapters.sql.schema import create_schema


@contextmanager
def fresh_engine(url: sa.URL | str) -> Iterator[sa.Engine]:
    """An engine on `url` with every table created empty, dropped afterwards."""
    engine = create_database_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            for schema in SCHEMAS:
                connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    create_schema(engine)
    try:
        yield engine
    finally:
        engine.dispose()


def sqlite_url(directory: Path) -> str:
    """A SQLite database file URL in `directory`."""
    return f"sqlite:///{directory / 'hwpv.db'}"
