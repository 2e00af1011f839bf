"""A task row whose text cannot be decoded fails alone; the rest of the queue runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.sql.task_tables import TASK_TABLES
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.tasks import (
    HandlerRegistry,
    NewTask,
    Schema,
    TaskFilter,
    TaskStatus,
    TaskWorker,
)
from hmpps_workers.core.testing import FakeClock
from support.databases import fresh_engine, sqlite_url

INVALID_UTF8 = "CAST(X'C328' AS TEXT)"  # a lead byte with no continuation byte
READS = "AdditionalData"


@pytest.fixture
def sqlite_engine(tmp_path):
    """The embedded default: SQLite, which stores whatever bytes it is given."""
    with fresh_engine(sqlite_url(tmp_path)) as engine:
        yield engine


def spoil(engine: sa.Engine, task_id: int, column: str = READS) -> None:
    """Write bytes that are not UTF-8 into one text column, as a broken client might."""
    table = TASK_TABLES[Schema.INT]
    with engine.begin() as connection:
        connection.execute(
            sa.update(table)
            .where(table.c.TaskId == task_id)
            .values({column: sa.literal_column(INVALID_UTF8)})
        )


def drain(engine: sa.Engine, ran: list[int]):
    store = SqlTaskStore(engine)
    registry = HandlerRegistry({"T": lambda task: ran.append(task.task_id)})
    worker = TaskWorker(store=store, registry=registry, clock=FakeClock(), owner="t")
    return store, worker.drain()


class TestUndecodableRowOnSqlite:
    """One bad AdditionalData no longer makes every claim fail "unavailable"."""

    @pytest.mark.parametrize("column", ["AdditionalData", "Reference"])
    def test_bad_row_fails_naming_the_column_and_the_good_rows_run(
        self, sqlite_engine, column
    ):
        """The spoilt task ends FAILED with the column's name; the others complete."""
        store = SqlTaskStore(sqlite_engine)
        now = FakeClock().now()
        ids = [
            store.enqueue(NewTask(task="T", additional_data="ok"), now=now)
            for _ in range(3)
        ]
        spoil(sqlite_engine, ids[1], column)
        ran: list[int] = []
        store, report = drain(sqlite_engine, ran)
        (bad,) = store.find(TaskFilter(statuses=(TaskStatus.FAILED,)), now=now)
        assert (ran, report.completed, report.failed) == ([ids[0], ids[2]], 2, 1)
        assert bad.task_id == ids[1]
        assert f"task row's {column} is not valid UTF-8 text" in (bad.last_error or "")

    def test_operator_listing_shows_the_bad_row(self, sqlite_engine):
        """`tasks list` reads the row instead of failing the whole listing."""
        store = SqlTaskStore(sqlite_engine)
        now = datetime.now(UTC)
        task_id = store.enqueue(NewTask(task="T", additional_data="ok"), now=now)
        spoil(sqlite_engine, task_id)
        (listed,) = store.find(TaskFilter(), now=now)
        assert (listed.task_id, listed.additional_data) == (task_id, None)


class TestPostgresText:
    """PostgreSQL refuses bytes that are not UTF-8, so no such row can exist there."""

    def test_invalid_bytes_are_refused_at_insert(self, postgres_server):
        """convert_from of an invalid sequence fails; the queue holds only text."""
        with fresh_engine(postgres_server) as engine:
            store = SqlTaskStore(engine)
            task_id = store.enqueue(
                NewTask(task="T", additional_data="ok"), now=datetime.now(UTC)
            )
            table = TASK_TABLES[Schema.INT]
            bad = sa.literal_column("convert_from('\\xc328'::bytea, 'UTF8')")
            with pytest.raises(sa.exc.DataError), engine.begin() as connection:
                connection.execute(
                    sa.update(table)
                    .where(table.c.TaskId == task_id)
                    .values(AdditionalData=bad)
                )
            claimed = store.claim(
                Schema.INT,
                limit=5,
                now=datetime.now(UTC),
                lease=timedelta(minutes=1),
                owner="t",
            )
            assert [(t.task_id, t.additional_data) for t in claimed] == [
                (task_id, "ok")
            ]
