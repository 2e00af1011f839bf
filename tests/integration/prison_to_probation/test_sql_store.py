"""The MessageStore and Lock contracts against SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.p2p_lock import SqlLock
from hmpps_workers.adapters.sql.prison_to_probation import (
    MESSAGE,
    SqlMessageStore,
    create_p2p_tables,
    p2p_metadata,
)
from hmpps_workers.core.testing.contracts.prison_to_probation import (
    NOW,
    LockContract,
    MessageStoreContract,
    message,
)
from support.databases import SQL_BACKENDS, backend_url


@pytest.fixture(params=SQL_BACKENDS)
def p2p_engine(request, tmp_path):
    """A fresh engine with empty prison-to-probation tables."""
    if request.param == "sqlite":
        engine = create_database_engine(f"sqlite:///{tmp_path / 'p2p.db'}", schemas=())
    else:
        engine = create_database_engine(backend_url(request.param, request, tmp_path))
        p2p_metadata.drop_all(engine)
    create_p2p_tables(engine)
    yield engine
    engine.dispose()


class TestSqlMessageStore(MessageStoreContract):
    """SqlMessageStore obeys the contract."""

    @pytest.fixture
    def message_store(self, p2p_engine):
        return SqlMessageStore(p2p_engine)


class TestSqlLock(LockContract):
    """SqlLock obeys the contract."""

    @pytest.fixture
    def lease_lock(self, p2p_engine):
        return SqlLock(p2p_engine)


class TestSqlTables:
    """The tables sit apart from the prison-visits schema."""

    def test_creating_twice_is_harmless(self, p2p_engine):
        """Creating the prison-to-probation tables twice is harmless."""
        create_p2p_tables(p2p_engine)
        assert {"p2p_message", "p2p_schedule_lock"} <= set(
            sa.inspect(p2p_engine).get_table_names()
        )

    def test_every_statement_compiles_on_sql_server(self):
        """The tables' DDL compiles for mssql, where a later adapter may put them."""
        from sqlalchemy.dialects import mssql  # noqa: PLC0415
        from sqlalchemy.schema import CreateTable  # noqa: PLC0415

        for table in p2p_metadata.sorted_tables:
            assert "CREATE TABLE" in str(
                CreateTable(table).compile(dialect=mssql.dialect())
            )


class TestVersionMigration:
    """A message table made before the version column gains it, additively."""

    def test_an_older_table_gains_the_version_column_and_rows_read_as_zero(
        self, p2p_engine
    ):
        """Drop the column as an old table lacks it; creating again adds it back."""
        store = SqlMessageStore(p2p_engine)
        store.add(message("old"))
        with p2p_engine.begin() as connection:
            connection.execute(
                sa.text(f"ALTER TABLE {MESSAGE.name} DROP COLUMN version")
            )
        create_p2p_tables(p2p_engine)
        stored = store.get("old", now=NOW)
        assert stored is not None
        assert stored.version == 0


class TestTraceparentMigration:
    """A message table made before trace context was kept gains the column."""

    def test_a_table_without_either_column_gains_both_and_keeps_its_rows(
        self, p2p_engine
    ):
        """Both columns dropped, as the oldest table lacks them; both come back."""
        store = SqlMessageStore(p2p_engine)
        store.add(message("old"))
        with p2p_engine.begin() as connection:
            for column in ("traceparent", "version"):
                connection.execute(
                    sa.text(f"ALTER TABLE {MESSAGE.name} DROP COLUMN {column}")
                )
        create_p2p_tables(p2p_engine)
        stored = store.get("old", now=NOW)
        columns = {c["name"] for c in sa.inspect(p2p_engine).get_columns(MESSAGE.name)}
        assert stored is not None
        assert (
            {"version", "traceparent"} <= columns,
            stored.id,
            stored.version,
            stored.traceparent,
        ) == (True, "old", 0, None)
