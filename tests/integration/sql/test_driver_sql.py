"""Prebuilt writes sent as compiled text behave as `Connection.execute` does."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from opentelemetry.trace import StatusCode
from sqlalchemy import event
from sqlalchemy.dialects import mssql, postgresql, sqlite

from hmpps_workers.adapters.errors import DatabaseError
from hmpps_workers.adapters.sql.driver_sql import render, write
from hmpps_workers.adapters.sql.errors import translate_errors
from hmpps_workers.adapters.sql.task_tables import TASK_TABLES
from hmpps_workers.core.tasks import Schema
from support.databases import fresh_engine, statements_sent

TABLE = TASK_TABLES[Schema.INT]
# Either side of the October change: the created column holds UK wall clock.
WINTER = datetime(2026, 10, 25, 2, 30, tzinfo=UTC)
SUMMER = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
INSERT = sa.insert(TABLE).values(
    TaskId=sa.bindparam("id"),
    Task=sa.bindparam("task"),
    Status="PENDING",
    DateCreated=sa.bindparam("created"),
)
DELETE = sa.delete(TABLE).where(TABLE.c.TaskId == sa.bindparam("id"))
ROWS = [
    {"id": 1, "task": "DWP-CHECK", "created": SUMMER},
    {"id": 2, "task": "COMPLETE-CLAIM", "created": WINTER},
]


@pytest.fixture
def sent(engine) -> Iterator[list[tuple[str, Any, bool]]]:
    """Every statement, its parameters and executemany flag, as the events see it."""
    with statements_sent(engine) as seen:
        yield seen


def _rows(engine: sa.Engine) -> list[tuple[Any, ...]]:
    statement = sa.select(
        TABLE.c.TaskId, TABLE.c.Task, TABLE.c.Status, TABLE.c.DateCreated
    )
    with engine.connect() as connection:
        return [
            tuple(r) for r in connection.execute(statement.order_by(TABLE.c.TaskId))
        ]


def _insert_and_delete(engine: sa.Engine, send) -> list[tuple[Any, ...]]:
    with engine.begin() as connection:
        send(connection, INSERT, ROWS)
        send(connection, INSERT, {"id": 3, "task": "DWP-CHECK", "created": WINTER})
        send(connection, DELETE, {"id": 2})
    return _rows(engine)


def _execute(connection: sa.Connection, statement: sa.Executable, values: Any) -> None:
    connection.execute(statement, values)


class TestWrite:
    """`write` sends what `execute` sends, and the rows come out the same."""

    def test_the_same_statements_and_parameters_reach_the_driver(self, engine, sent):
        """Text, processed parameters (UK wall clock) and executemany all match."""
        _insert_and_delete(engine, _execute)
        through_execute = [s for s in sent if not s[0].startswith("BEGIN")]
        sent.clear()
        with engine.begin() as connection:
            connection.execute(sa.delete(TABLE))
        sent.clear()
        _insert_and_delete(engine, write)
        through_write = [s for s in sent if not s[0].startswith("BEGIN")]
        expected = [(s, list(p) if m else p, m) for s, p, m in through_execute]
        actual = [(s, list(p) if m else p, m) for s, p, m in through_write]
        assert expected == actual

    def test_the_rows_read_back_are_the_same(self, engine):
        """Instants either side of the October change come back as written."""
        results = []
        for send in (_execute, write):
            with engine.begin() as connection:
                connection.execute(sa.delete(TABLE))
            results.append(_insert_and_delete(engine, send))
        expected = [
            (1, "DWP-CHECK", "PENDING", SUMMER),
            (3, "DWP-CHECK", "PENDING", WINTER),
        ]
        assert [expected, expected] == [
            [(i, t, s, c.astimezone(UTC)) for i, t, s, c in rows] for rows in results
        ]

    def test_a_parameter_bound_in_two_places_is_processed_once(self, engine, sent):
        """A UNION's shared instant reaches the driver as `execute` sends it."""

        def task(number: int) -> sa.Select[Any]:
            created = sa.bindparam("created", type_=TABLE.c.DateCreated.type)
            return sa.select(
                sa.literal(number).label("TaskId"),
                sa.literal("DWP-CHECK").label("Task"),
                sa.literal("PENDING").label("Status"),
                created.label("DateCreated"),
            )

        columns = [
            TABLE.c[name] for name in ("TaskId", "Task", "Status", "DateCreated")
        ]
        statement = sa.insert(TABLE).from_select(
            columns, sa.union_all(task(1), task(2))
        )
        for send in (_execute, write):
            with engine.begin() as connection:
                send(connection, statement, {"created": WINTER})
                connection.execute(sa.delete(TABLE))
        through_execute, through_write = (
            [s for s in sent if s[0].startswith("INSERT")][i] for i in (0, 1)
        )
        assert through_execute == through_write

    def test_the_rowcount_is_the_drivers(self, engine):
        """A DELETE's rowcount counts the rows it deleted."""
        with engine.begin() as connection:
            write(connection, INSERT, ROWS)
            expected = (1, 0)
            actual = (
                write(connection, DELETE, {"id": 1}).rowcount,
                write(connection, DELETE, {"id": 1}).rowcount,
            )
        assert expected == actual

    def test_a_refused_write_raises_as_execute_does(self, engine):
        """A duplicate key is SQLAlchemy's IntegrityError, translated the same way."""

        def twice(send) -> None:
            with translate_errors("insert a task"), engine.begin() as connection:
                send(connection, INSERT, ROWS[0])
                send(connection, INSERT, ROWS[0])

        raised = []
        for send in (_execute, write):
            with pytest.raises(DatabaseError) as error:
                twice(send)
            raised.append((str(error.value), type(error.value.__context__)))
        expected = [(raised[0][0], sa.exc.IntegrityError)] * 2
        actual = raised
        assert expected == actual

    def test_a_refused_write_fires_handle_error_as_execute_does(self, engine):
        """SQLAlchemy's `handle_error` sees the refusal with its execution context."""
        handled = []

        def failed(context: Any) -> None:
            handled.append(context.execution_context is not None)

        event.listen(engine, "handle_error", failed)
        try:
            for send in (_execute, write):
                with engine.begin() as connection:
                    send(connection, INSERT, ROWS[0])
                    with pytest.raises(sa.exc.IntegrityError):
                        send(connection, INSERT, ROWS[0])
                    connection.rollback()
        finally:
            event.remove(engine, "handle_error", failed)
        expected = [True, True]
        actual = handled
        assert expected == actual

    def test_a_missing_value_raises_as_execute_does(self, engine):
        """A bound parameter with no value and no default: the same error."""
        raised = []
        for send in (_execute, write):
            with pytest.raises(sa.exc.StatementError) as error, engine.begin() as c:
                send(c, INSERT, {"id": 9, "task": "DWP-CHECK"})
            raised.append(str(error.value.orig or error.value))
        expected = [raised[0]] * 2
        actual = raised
        assert expected == actual
        assert "'created'" in raised[0]

    def test_a_write_begins_the_transaction_as_execute_does(self, engine, sent):
        """Outside a transaction a write begins one (SQLite: BEGIN IMMEDIATE)."""
        for send in (_execute, write):
            with engine.connect() as connection:
                send(connection, DELETE, {"id": 1})
                inside = connection.in_transaction()
                connection.commit()
            assert inside
        immediate = ["BEGIN"] if engine.dialect.name == "sqlite" else []
        expected = [*immediate, "DELETE"] * 2
        actual = [s[0].split()[0] for s in sent]
        assert expected == actual

    def test_telemetrys_sql_spans_record_a_write_and_an_executemany(
        self, engine, recorded_sql
    ):
        """The dialect hooks run for a write and an executemany, as on execute."""
        with (
            recorded_sql.tracer.start_as_current_span("task"),
            engine.begin() as connection,
        ):
            write(connection, INSERT, ROWS)
            write(connection, DELETE, {"id": 1})
        sql = recorded_sql.statements()
        expected = [("INSERT", StatusCode.UNSET), ("DELETE", StatusCode.UNSET)]
        actual = [span for span in sql if span[0] != "BEGIN"]  # SQLite's writer
        assert expected == actual
        assert _rows(engine)[0][0] == 2


@pytest.mark.postgres
class TestDroppedConnection:
    """A connection the server dropped is invalidated, as `execute` does."""

    def test_a_write_on_a_dropped_connection_invalidates_it(self, postgres_server):
        """The error says the connection was invalidated; the pool makes a new one."""
        with fresh_engine(postgres_server) as engine, engine.connect() as connection:
            pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
            with engine.connect() as killer:
                killer.exec_driver_sql(f"SELECT pg_terminate_backend({pid})")
            with pytest.raises(sa.exc.DBAPIError) as raised:
                write(connection, DELETE, {"id": 1})
            assert raised.value.connection_invalidated
            assert connection.invalidated


class TestRender:
    """Only statements whose compiled text is all `execute` sends are rendered."""

    @pytest.mark.parametrize(
        "statement",
        [
            INSERT.returning(TABLE.c.TaskId),
            sa.delete(TABLE).where(
                TABLE.c.TaskId.in_(sa.bindparam("ids", expanding=True))
            ),
            sa.select(TABLE.c.TaskId),
        ],
        ids=["returning", "expanding", "select"],
    )
    def test_a_statement_that_is_not_a_plain_write_is_not_rendered(self, statement):
        """RETURNING, IN lists and reads go through `execute`."""
        expected = [None, None]
        actual = [
            render(statement, dialect, ("id", "ids"), many=False)
            for dialect in (sqlite.dialect(), postgresql.psycopg.dialect())
        ]
        assert expected == actual

    def test_sql_server_writes_are_not_rendered(self):
        """SQL Server's input sizes and multi-row INSERT batches need `execute`."""
        expected = None
        actual = render(DELETE, mssql.dialect(), ("id",), many=False)
        assert expected == actual
