"""One engine per process: SQL Server, PostgreSQL or SQLite, with the HwPV schemas.

SQLite has no schemas, so each schema is a database file ATTACHed under the schema's
name (`hmpps-workers.db` gets `hmpps-workers.ExtSchema.db` and
`hmpps-workers.IntSchema.db`); every query then reads the same on all three backends.
SQLite writers take the database lock when their transaction begins (BEGIN IMMEDIATE),
so a claim and its update are a single-writer transaction. Every file runs in WAL mode
with `synchronous = NORMAL` by default: a commit is atomic and survives the process
being killed, but is synced to disk at the next checkpoint rather than at once, so a
power loss may lose the last commits (never corrupt the files); `FULL` syncs each
commit.

Reads that write nothing go through `reader(engine)`: outside any transaction on
every backend (AUTOCOMMIT on SQL Server and PostgreSQL, so no BEGIN and ROLLBACK round
trips around a SELECT; under READ COMMITTED each statement saw its own snapshot
anyway). On SQLite such a read sends no BEGIN either: each SELECT is its own read
transaction on a WAL snapshot, takes no write lock and waits for no writer.

Compiled statements are cached in a `StatementCache` (see its module).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import StaticPool

from hmpps_workers.adapters.sql.metadata import SCHEMAS
from hmpps_workers.adapters.sql.statement_cache import StatementCache

SQLITE_BUSY_TIMEOUT_MS = 60_000
# The levels that keep a WAL database consistent after a power loss.
SQLITE_SYNCHRONOUS_LEVELS = ("NORMAL", "FULL")
READ_ONLY = "hmpps_workers_read_only"
LOGIN_TIMEOUT_SECONDS = 10


def is_sqlite(engine: sa.Engine) -> bool:
    """True when `engine` talks to SQLite."""
    return engine.dialect.name == "sqlite"


def sqlite_schema_path(database: str, schema: str) -> str:
    """Where the file standing in for `schema` lives, next to the main file."""
    path = Path(database)
    return str(path.with_name(f"{path.stem}.{schema}{path.suffix or '.db'}"))


def reader(engine: sa.Engine) -> sa.Engine:
    """`engine` for reads that write nothing (shares its pool): see the module doc."""
    if is_sqlite(engine):
        return engine.execution_options(**{READ_ONLY: True})
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def create_database_engine(
    url: str | sa.URL,
    *,
    schemas: Iterable[str] = SCHEMAS,
    pool_size: int = 5,
    echo: bool = False,
    login_timeout: int = LOGIN_TIMEOUT_SECONDS,
    query_timeout: int = 0,
    sqlite_synchronous: str = "NORMAL",
) -> sa.Engine:
    """Create the process's engine for `url`, with the schemas resolvable by name.

    `login_timeout` bounds connecting and logging in (SQL Server and PostgreSQL);
    `query_timeout`, when not 0, bounds each statement (SQL Server's
    SQL_ATTR_QUERY_TIMEOUT, PostgreSQL's statement_timeout), in seconds.
    `sqlite_synchronous` is SQLite's `PRAGMA synchronous` on every file, NORMAL or
    FULL (see the module doc).
    """
    url = sa.make_url(url)
    if url.get_backend_name() == "sqlite":
        if sqlite_synchronous not in SQLITE_SYNCHRONOUS_LEVELS:
            msg = f"SQLite synchronous must be one of {SQLITE_SYNCHRONOUS_LEVELS}"
            raise ValueError(msg)
        return _sqlite_engine(
            url, tuple(schemas), echo=echo, synchronous=sqlite_synchronous
        )
    options: dict[str, Any] = {
        # No pre-ping: it costs a round trip per checkout, i.e. per task. A dropped
        # connection is detected when a statement fails, which invalidates the pool;
        # the task store retries a claim once on a fresh connection.
        "pool_pre_ping": False,
        "pool_recycle": 1800,
        "pool_size": pool_size,
        "max_overflow": pool_size,
        "hide_parameters": True,  # bound values can be personal data: keep them out
        "echo": echo,
        "execution_options": {"compiled_cache": StatementCache()},
    }
    backend = url.get_backend_name()
    if backend == "postgresql":
        options["connect_args"] = {"connect_timeout": login_timeout}
        if url.get_driver_name() == "psycopg":
            # imported here: psycopg is the postgres extra's, not everyone's
            from hmpps_workers.adapters.sql.pg_cursor import (  # noqa: PLC0415
                LazyDescriptionCursor,
            )

            options["connect_args"]["cursor_factory"] = LazyDescriptionCursor
        if query_timeout:
            options["connect_args"]["options"] = (
                f"-c statement_timeout={query_timeout * 1000}"
            )
    if backend == "mssql":
        options["connect_args"] = {"timeout": login_timeout}  # SQL_ATTR_LOGIN_TIMEOUT
    engine = sa.create_engine(url, **options)
    if backend == "mssql" and query_timeout:

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: object) -> None:  # noqa: ANN401 - pyodbc is untyped
            dbapi_connection.timeout = query_timeout  # SQL_ATTR_QUERY_TIMEOUT

    return engine


def _sqlite_engine(
    url: sa.URL, schemas: tuple[str, ...], *, echo: bool, synchronous: str
) -> sa.Engine:
    database = url.database or ""
    memory = database in {"", ":memory:"}
    engine = sa.create_engine(
        url,
        hide_parameters=True,
        echo=echo,
        execution_options={"compiled_cache": StatementCache()},
        poolclass=StaticPool if memory else None,
        connect_args={
            "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000,
            "check_same_thread": False,
        },
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event below decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if not memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute(f"PRAGMA synchronous = {synchronous}")
        for schema in schemas:
            path = ":memory:" if memory else sqlite_schema_path(database, schema)
            cursor.execute(f'ATTACH DATABASE ? AS "{schema}"', (path,))
            if not memory:
                cursor.execute(f'PRAGMA "{schema}".journal_mode = WAL')
                cursor.execute(f'PRAGMA "{schema}".synchronous = {synchronous}')
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        # A reader's SELECTs run in the driver's autocommit mode, as on the servers.
        if not connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
