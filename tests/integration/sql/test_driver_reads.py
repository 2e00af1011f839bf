"""Prebuilt reads sent on the driver's cursor behave as `Connection.execute` does."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa
from opentelemetry.trace import StatusCode
from sqlalchemy import event
from sqlalchemy.dialects import mssql, postgresql, sqlite

from hmpps_workers.adapters.sql.driver_reads import read, render_read
from hmpps_workers.adapters.sql.engine import reader
from hmpps_workers.adapters.sql.errors import translate_errors
from hmpps_workers.adapters.sql.types import UkWallClock
from hmpps_workers.core.errors import WorkerError
from support.databases import fresh_engine, statements_sent

METADATA = sa.MetaData()
TABLE = sa.Table(
    "driver_reads",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("label", sa.Unicode(20)),
    sa.Column("amount", sa.Numeric(8, 2)),
    sa.Column("flag", sa.Boolean),
    sa.Column("at", UkWallClock),
)
OTHER = TABLE.alias("other")
# Either side of the October change: the column holds UK wall clock.
WINTER = datetime(2026, 10, 25, 2, 30, tzinfo=UTC)
SUMMER = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
ROWS = [
    {"id": 1, "label": "one", "amount": Decimal("12.34"), "flag": True, "at": SUMMER},
    {"id": 2, "label": "two", "amount": Decimal("0.50"), "flag": False, "at": WINTER},
    {"id": 3, "label": None, "amount": None, "flag": None, "at": None},
]
SELECT = (
    sa.select(TABLE, OTHER.c.id)  # two columns named id: SQLAlchemy labels one
    .join_from(TABLE, OTHER, OTHER.c.id == TABLE.c.id)
    .where(sa.or_(TABLE.c.at >= sa.bindparam("since"), TABLE.c.at.is_(None)))
    .order_by(TABLE.c.id)
)
TAKE = sa.delete(TABLE).where(TABLE.c.id == sa.bindparam("id")).returning(*TABLE.c)
SINCE = {"since": SUMMER}


@pytest.fixture
def engine(database_url) -> Iterator[sa.Engine]:
    """A fresh schema on the backend, with the test's own table filled."""
    with fresh_engine(database_url) as engine:
        METADATA.create_all(engine)
        with engine.begin() as connection:
            connection.execute(sa.insert(TABLE), ROWS)
        try:
            yield engine
        finally:
            METADATA.drop_all(engine)


def _execute(
    connection: sa.Connection, statement: sa.Executable, values: Any = None
) -> sa.Result[Any]:
    return connection.execute(statement, values)


def _both(engine: sa.Engine, statement: sa.Executable, values: Any) -> list[Any]:
    """What `execute` and `read` return for `statement`: keys and rows, each undone."""
    found = []
    for send in (_execute, read):
        with engine.connect() as connection:
            result = send(connection, statement, values)
            found.append((list(result.keys()), [tuple(row) for row in result]))
            connection.rollback()
    return found


class TestRead:
    """`read` sends what `execute` sends, and the rows come back the same."""

    def test_the_same_statements_and_parameters_reach_the_driver(self, engine):
        """Text and processed parameters (UK wall clock) match, a RETURNING's too."""
        sent = []
        for send in (_execute, read):
            with statements_sent(engine) as seen, engine.connect() as connection:
                send(connection, SELECT, SINCE).all()
                send(connection, TAKE, {"id": 2}).all()
                connection.rollback()
            sent.append(seen)
        assert sent[0] == sent[1]

    def test_the_rows_and_keys_are_those_execute_returns(self, engine):
        """Decimals, booleans, NULLs and instants either side of the change."""
        through_execute, through_read = _both(engine, SELECT, SINCE)
        expected = (through_execute, 3, "id_1")
        actual = (through_read, len(through_read[1]), through_read[0][-1])
        assert expected == actual

    def test_a_write_returning_rows_returns_what_execute_returns(self, engine):
        """The DELETE ... RETURNING of a claim's take: the deleted row."""
        through_execute, through_read = _both(engine, TAKE, {"id": 1})
        expected = (through_execute, [(1, "one", Decimal("12.34"), True)])
        actual = (through_read, [row[:4] for row in through_read[1]])
        assert expected == actual

    def test_the_rows_read_as_mappings_and_attributes(self, engine):
        """`mappings()`, `first()` and attribute access work as on a cursor result."""
        with engine.connect() as connection:
            mapping = read(connection, SELECT, SINCE).mappings().first()
            row = read(connection, SELECT, SINCE).first()
        assert mapping is not None
        assert row is not None
        expected = (1, "one", 1, SUMMER)
        actual = (mapping["id"], mapping["label"], row.id_1, row.at.astimezone(UTC))
        assert expected == actual

    def test_a_read_begins_the_transaction_as_execute_does(self, engine):
        """One `begin` event; on SQLite a writer's BEGIN IMMEDIATE, a reader's none."""
        begins = []

        def begun(connection: sa.Connection) -> None:
            begins.append(connection)

        event.listen(engine, "begin", begun)
        try:
            with statements_sent(engine) as seen:
                for source in (engine, reader(engine)):
                    with source.connect() as connection:
                        read(connection, SELECT, SINCE).all()
                        inside = connection.in_transaction()
                        read(connection, SELECT, SINCE).all()
        finally:
            event.remove(engine, "begin", begun)
        immediate = ["BEGIN"] if engine.dialect.name == "sqlite" else []
        expected = (True, 2, [*immediate, "SELECT", "SELECT", "SELECT", "SELECT"])
        actual = (inside, len(begins), [s[0].split()[0] for s in seen])
        assert expected == actual

    def test_a_refused_read_raises_and_reports_as_execute_does(self, engine):
        """A missing table: the same error and message, `handle_error` fired."""
        raised, handled = [], []

        def failed(context: Any) -> None:
            handled.append(context.execution_context is not None)

        event.listen(engine, "handle_error", failed)
        METADATA.drop_all(engine)
        try:
            for send in (_execute, read):
                with (
                    pytest.raises(WorkerError) as error,
                    translate_errors("read rows"),
                    engine.connect() as connection,
                ):
                    send(connection, SELECT, SINCE)
                raised.append((str(error.value), type(error.value.__context__)))
        finally:
            event.remove(engine, "handle_error", failed)
            METADATA.create_all(engine)
        expected = (raised[0], [True, True])
        actual = (raised[1], handled)
        assert expected == actual

    def test_telemetrys_sql_spans_record_a_read_and_its_failure(
        self, engine, recorded_sql
    ):
        """A span per read under a recorded span, ended; an error span when refused."""
        tracer = recorded_sql.tracer
        try:
            with tracer.start_as_current_span("task"), engine.connect() as connection:
                read(connection, SELECT, SINCE).all()
            METADATA.drop_all(engine)
            with (
                tracer.start_as_current_span("task"),
                pytest.raises(sa.exc.DBAPIError),
                engine.connect() as connection,
            ):
                read(connection, SELECT, SINCE)
        finally:
            METADATA.create_all(engine)
        sql = recorded_sql.statements()
        expected = [("SELECT", StatusCode.UNSET), ("SELECT", StatusCode.ERROR)]
        actual = [span for span in sql if span[0] != "BEGIN"]  # SQLite's writer
        assert expected == actual


@pytest.mark.postgres
class TestDroppedConnection:
    """A connection the server dropped is invalidated, as `execute` does."""

    def test_a_read_on_a_dropped_connection_invalidates_it(self, postgres_server):
        """The error says the connection was invalidated; the pool makes a new one."""
        with fresh_engine(postgres_server) as engine, engine.connect() as connection:
            pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
            with engine.connect() as killer:
                killer.exec_driver_sql(f"SELECT pg_terminate_backend({pid})")
            with pytest.raises(sa.exc.DBAPIError) as raised:
                read(connection, SELECT, SINCE)
            assert raised.value.connection_invalidated
            assert connection.invalidated


class TestRenderRead:
    """Only statements whose compiled text is all `execute` sends are rendered."""

    @pytest.mark.parametrize(
        "statement",
        [
            sa.select(TABLE).where(TABLE.c.id.in_(sa.bindparam("ids", expanding=True))),
            sa.delete(TABLE).where(TABLE.c.id == sa.bindparam("id")),
            sa.select(TABLE).limit(sa.literal(1, literal_execute=True)),
        ],
        ids=["expanding", "no-rows", "literal-execute"],
    )
    def test_a_statement_the_text_cannot_stand_for_is_not_rendered(self, statement):
        """IN lists, literal-execute values and writes returning nothing: `execute`."""
        expected = [None, None]
        actual = [
            render_read(statement, dialect, ("id", "ids"))
            for dialect in (sqlite.dialect(), postgresql.psycopg.dialect())
        ]
        assert expected == actual

    def test_sql_server_reads_are_not_rendered(self):
        """SQL Server's dialect sets input sizes per parameter: `execute` there."""
        expected = None
        actual = render_read(SELECT, mssql.dialect(), ("since",))
        assert expected == actual

    def test_a_kept_read_is_rendered_once(self):
        """The same statement and parameter names find the same compiled text."""
        dialect = sqlite.dialect()
        first = render_read(SELECT, dialect, ("since",))
        assert first is not None
        assert first is render_read(SELECT, dialect, ("since",))
