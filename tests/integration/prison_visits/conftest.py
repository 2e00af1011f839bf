"""Fresh claims databases per test, on SQLite and on PostgreSQL, and an archive."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from support.databases import (
    SQL_BACKENDS,
    backend_url,
    fresh_engine,
    mssql_archive_url,
    sqlite_url,
)
from support.pg_round_trips import round_trip_proxy


@pytest.fixture(params=SQL_BACKENDS)
def backend(request):
    """The SQL backend under test."""
    return request.param


@pytest.fixture
def engine(backend, request, tmp_path):
    """An engine with every table created empty."""
    with fresh_engine(backend_url(backend, request, tmp_path)) as created:
        yield created


@pytest.fixture(scope="session")
def postgres_archive_server(postgres_server):
    """A second database on the PostgreSQL server, standing in for the archive."""
    name = f"{postgres_server.database}_archive"
    admin = sa.create_engine(
        postgres_server, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool
    )
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield postgres_server.set(database=name)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def archive_url(backend, request, tmp_path):
    """Where the archive database of the same backend lives."""
    if backend == "sqlite":
        directory = tmp_path / "archive"
        directory.mkdir()
        return sqlite_url(directory)
    if backend == "mssql":
        return mssql_archive_url()
    return request.getfixturevalue("postgres_archive_server")


@pytest.fixture
def repository(engine):
    """The claim repository on that engine."""
    return SqlClaimRepository(engine)


@pytest.fixture
def proxied(postgres_server):
    """An empty PostgreSQL database reached through the counting proxy, and the counter."""
    with round_trip_proxy(postgres_server) as trips, fresh_engine(trips.url) as engine:
        yield engine, trips
