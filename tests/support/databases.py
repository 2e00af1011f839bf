"""Database engines for tests: SQLite, PostgreSQL and SQL Server, schema fresh per test.

`SQL_BACKENDS` parametrises the contract suites of every SQL adapter. SQL Server is a
real server named by `MSSQL_URL` (a throwaway database: every table is dropped and
created again), run through `nox -s mssql`; without it those cases skip with the
reason, which is the one skip CI allows (docs/development.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.metadata import SCHEMAS, metadata
from hmpps_workers.adapters.sql.schema import create_schema

MSSQL_SKIP = "MSSQL_URL is not set: no SQL Server to run against (nox -s mssql)"
SQL_BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.postgres),
    pytest.param("mssql", marks=pytest.mark.mssql),
]


def mssql_url() -> sa.URL:
    """The SQL Server named by MSSQL_URL, or skip with that reason."""
    url = os.environ.get("MSSQL_URL", "").strip()
    if not url:
        pytest.skip(MSSQL_SKIP)
    return sa.make_url(url)


def mssql_archive_url() -> sa.URL:
    """A second SQL Server database for the archive, named by MSSQL_ARCHIVE_URL."""
    mssql_url()
    url = os.environ.get("MSSQL_ARCHIVE_URL", "").strip()
    if not url:
        pytest.skip("MSSQL_ARCHIVE_URL is not set: no archive database on SQL Server")
    return sa.make_url(url)


def backend_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> sa.URL:
    """A database URL on `backend` for one test."""
    if backend == "sqlite":
        return sa.make_url(sqlite_url(tmp_path))
    if backend == "mssql":
        return mssql_url()
    url: sa.URL = request.getfixturevalue("postgres_server")
    return url


def _fresh_mssql(engine: sa.Engine) -> None:
    with engine.begin() as connection:
        for schema in SCHEMAS:
            connection.exec_driver_sql(
                f"IF SCHEMA_ID('{schema}') IS NULL EXEC('CREATE SCHEMA [{schema}]')"
            )
    metadata.drop_all(engine)


@contextmanager
def fresh_engine(url: sa.URL | str) -> Iterator[sa.Engine]:
    """An engine on `url` with every table created empty, dropped afterwards."""
    engine = create_database_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            for schema in SCHEMAS:
                connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    if engine.dialect.name == "mssql":
        _fresh_mssql(engine)
    create_schema(engine, allow_mssql=True)
    try:
        yield engine
    finally:
        engine.dispose()


def sqlite_url(directory: Path) -> str:
    """A SQLite database file URL in `directory`."""
    return f"sqlite:///{directory / 'hwpv.db'}"


@contextmanager
def statements_sent(engine: sa.Engine) -> Iterator[list[tuple[str, Any, bool]]]:
    """Every statement sent in the block: its text, parameters and executemany flag.

    As SQLAlchemy's `before_cursor_execute` sees them (BEGIN and COMMIT sent by
    psycopg itself do not appear; ours, sent as statements, do).
    """
    sent: list[tuple[str, Any, bool]] = []

    def record(_conn, _cursor, statement, parameters, _context, many) -> None:
        sent.append((statement, parameters, many))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)
