"""The driver paths run SQLAlchemy's execution steps in the order `execute` runs them.

`driver_reads.read`, `driver_sql.write` and `pipelined_reads` send on the driver's
cursor themselves; what listens (the bench's statement counter, telemetry's SQL
spans, a dialect's execution context) must see the same steps in the same order as
`Connection.execute` gives them: `pre_exec`, `before_cursor_execute`, the dialect's
`do_execute` hooks, `after_cursor_execute`, `post_exec`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from hmpps_workers.adapters.sql.driver_reads import read
from hmpps_workers.adapters.sql.driver_sql import write
from hmpps_workers.adapters.sql.pipelined_reads import pipelined_reads
from support.databases import fresh_engine

METADATA = sa.MetaData()
TABLE = sa.Table(
    "send_order",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("label", sa.Unicode(20)),
)
SELECT = sa.select(TABLE.c.id, TABLE.c.label).where(TABLE.c.id >= sa.bindparam("id"))
INSERT = sa.insert(TABLE).values(id=sa.bindparam("id"), label=sa.bindparam("label"))
TAKE = sa.delete(TABLE).where(TABLE.c.id == sa.bindparam("id")).returning(TABLE.c.id)
ROWS = [{"id": 1, "label": "one"}, {"id": 2, "label": "two"}]

Steps = list[tuple[str, str]]


def _recording(engine: sa.Engine, steps: Steps) -> None:
    """Record each step with the first word of its statement, as it runs."""
    base: Any = engine.dialect.execution_ctx_cls

    class Recording(base):  # type: ignore[misc, valid-type]
        def pre_exec(self) -> None:
            steps.append(("pre_exec", self.statement.split()[0]))
            super().pre_exec()

        def post_exec(self) -> None:
            steps.append(("post_exec", self.statement.split()[0]))
            super().post_exec()

    engine.dialect.execution_ctx_cls = Recording

    def cursor_event(name: str) -> Any:
        def listener(_conn, _cursor, statement, *_rest) -> None:
            steps.append((name, statement.split()[0]))

        return listener

    def dialect_hook(name: str) -> Any:
        def hook(_cursor, statement, *_rest) -> bool:
            steps.append((name, statement.split()[0]))
            return False  # the driver sends it

        return hook

    for name in ("before_cursor_execute", "after_cursor_execute"):
        event.listen(engine, name, cursor_event(name))
    for name in ("do_execute", "do_executemany"):
        event.listen(engine, name, dialect_hook(name))


@pytest.fixture
def recorded(database_url) -> Iterator[tuple[sa.Engine, Steps]]:
    """A fresh schema with the test's table; every execution step recorded."""
    with fresh_engine(database_url) as engine:
        METADATA.create_all(engine)
        steps: Steps = []
        _recording(engine, steps)
        try:
            yield engine, steps
        finally:
            METADATA.drop_all(engine)


def _order(engine: sa.Engine, steps: Steps, send: Any, statement: Any, values: Any):
    """The steps `send(connection, statement, values)` runs, BEGIN aside, undone."""
    del steps[:]
    with engine.connect() as connection:
        send(connection, statement, values)
        connection.rollback()
    return [step for step in steps if step[1] != "BEGIN"]


def _execute(connection: sa.Connection, statement: Any, values: Any) -> None:
    connection.execute(statement, values)


class TestSendOrder:
    """Each path runs the steps `execute` runs, in its order."""

    def test_a_read_runs_executes_steps_in_order(self, recorded):
        """pre_exec, the cursor events, the dialect hook and post_exec, as execute."""
        engine, steps = recorded
        expected = _order(engine, steps, _execute, SELECT, {"id": 1})
        actual = _order(engine, steps, read, SELECT, {"id": 1})
        assert expected == actual

    @pytest.mark.parametrize("values", [ROWS[0], ROWS], ids=["single", "many"])
    def test_a_write_runs_executes_steps_in_order(self, recorded, values):
        """A write and an executemany write, as execute runs them."""
        engine, steps = recorded
        expected = _order(engine, steps, _execute, INSERT, values)
        actual = _order(engine, steps, write, INSERT, values)
        assert expected == actual

    def test_the_steps_are_sqlalchemys_order(self, recorded):
        """What `execute` runs, spelt out: pre_exec before the cursor events."""
        engine, steps = recorded
        expected = [
            ("pre_exec", "INSERT"),
            ("before_cursor_execute", "INSERT"),
            ("do_execute", "INSERT"),
            ("after_cursor_execute", "INSERT"),
            ("post_exec", "INSERT"),
        ]
        assert expected == _order(engine, steps, write, INSERT, ROWS[0])


@pytest.mark.postgres
class TestPipelinedSendOrder:
    """A pipelined send runs each statement's steps as `execute` would."""

    def test_each_pipelined_statement_runs_executes_steps_in_order(
        self, postgres_server
    ):
        """Two reads in one pipeline: each one's steps as execute runs them alone."""
        with fresh_engine(postgres_server) as engine:
            METADATA.create_all(engine)
            steps: Steps = []
            _recording(engine, steps)
            try:
                with engine.begin() as connection:
                    connection.execute(sa.insert(TABLE), ROWS)
                expected = _order(engine, steps, _execute, TAKE, {"id": 1}) + _order(
                    engine, steps, _execute, SELECT, {"id": 1}
                )
                del steps[:]
                with engine.connect() as connection:
                    found = pipelined_reads(
                        connection, [(TAKE, {"id": 1}), (SELECT, {"id": 1})]
                    )
                    assert found is not None
                actual = [step for step in steps if step[1] != "BEGIN"]
                assert expected == actual
            finally:
                METADATA.drop_all(engine)
