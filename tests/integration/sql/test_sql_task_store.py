"""SqlTaskStore on SQLite and PostgreSQL: the shared contract and SQL-only behaviour."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.errors import DatabaseUnavailableError
from hmpps_workers.adapters.sql import migrations
from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.metadata import SCHEMAS
from hmpps_workers.adapters.sql.task_tables import TASK_TABLES, original_task_tables
from hmpps_workers.adapters.sql.tasks import SqlTaskStore, enqueue_task
from hmpps_workers.core.tasks import (
    HandlerRegistry,
    NewTask,
    Schema,
    Task,
    TaskFilter,
    TaskStatus,
    TaskWorker,
)
from hmpps_workers.core.testing import FakeClock
from hmpps_workers.core.testing.contracts.tasks import TaskStoreContract
from support.databases import fresh_engine


class TestSqlTaskStoreContract(TaskStoreContract):
    """The SQL store obeys the same contract as the in-memory fake."""


class TestUkWallClockStorage:
    """DateCreated is stored as UK wall-clock time, as the web apps write it."""

    def test_summer_date_created_is_stored_an_hour_ahead_of_utc(self, task_env):
        """A task created at 12:00 UTC in July reads 13:00 in the column."""
        task_env.clock.set(datetime(2026, 7, 1, 12, 0, tzinfo=UTC))
        task_id = task_env.store.enqueue(NewTask(task="A"), now=task_env.clock.now())
        table = TASK_TABLES[Schema.INT]
        with task_env.engine.connect() as connection:
            raw = connection.execute(
                sa.select(sa.cast(table.c.DateCreated, sa.String)).where(
                    table.c.TaskId == task_id
                )
            ).scalar_one()
        assert raw.startswith("2026-07-01 13:00:00")


class TestTransactionalEnqueue:
    """enqueue_task joins the caller's transaction."""

    def test_a_rolled_back_enqueue_leaves_no_task(self, task_env):
        """If the caller's transaction rolls back, the task never existed."""
        now = task_env.clock.now()
        with task_env.engine.connect() as connection:
            transaction = connection.begin()
            enqueue_task(connection, NewTask(task="A"), now=now)
            transaction.rollback()
        with task_env.engine.begin() as connection:
            enqueue_task(connection, NewTask(task="B"), now=now)
        found = task_env.store.find(TaskFilter(), now=now)
        assert [t.task for t in found] == ["B"]


class TestDatabaseDropped:
    """A dropped connection is reported as retryable and the run goes on."""

    def test_connection_lost_mid_batch_is_reported_and_recovered(self, postgres_server):
        """Kill our backend while a handler runs: the outcome is retried, not lost."""
        with fresh_engine(postgres_server) as engine:
            clock = FakeClock()
            store = SqlTaskStore(engine)
            for _ in range(3):
                store.enqueue(NewTask(task="A"), now=clock.now())
            killed = threading.Event()

            def kill_backends(task: Task) -> None:
                if killed.is_set():
                    return
                killed.set()
                admin = create_database_engine(postgres_server)
                with admin.begin() as connection:
                    connection.execute(
                        sa.text(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        )
                    )
                admin.dispose()

            worker = TaskWorker(
                store=store,
                registry=HandlerRegistry({"A": kill_backends}),
                clock=clock,
                owner="w",
            )
            report = worker.drain()
            clock.advance(timedelta(minutes=31))
            report.merge(worker.drain())
            assert report.completed == 3
            statuses = {
                str(t.status) for t in store.find(TaskFilter(), now=clock.now())
            }
            assert statuses == {"COMPLETE"}

    def test_unreachable_database_is_a_retryable_error(self):
        """A claim against a closed port raises DatabaseUnavailableError, no row data."""
        engine = create_database_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
        store = SqlTaskStore(engine)
        with pytest.raises(DatabaseUnavailableError, match="claim ExtSchema tasks"):
            store.claim(
                Schema.EXT,
                limit=1,
                now=datetime.now(UTC),
                lease=timedelta(minutes=1),
                owner="w",
            )


class TestMigration:
    """The additive migration brings original tables up to date, and is idempotent."""

    def test_original_rows_survive_and_become_claimable(self, database_url):
        """Tables without the retry columns gain them; existing rows are claimed."""
        engine = create_database_engine(database_url)
        meta = sa.MetaData()
        originals = original_task_tables(meta)
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                for schema in SCHEMAS:
                    connection.exec_driver_sql(
                        f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'
                    )
                    connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
            meta.create_all(connection)
            connection.execute(
                sa.insert(originals[Schema.EXT]).values(
                    Task="COMPLETE-CLAIM",
                    Status="PENDING",
                    DateCreated=datetime(2026, 1, 1, tzinfo=UTC),
                )
            )
        applied = migrations.apply(engine)
        assert (
            len(applied) == 12 + 6 + 4
        )  # retry columns, runners' tables, claim indexes
        assert migrations.apply(engine) == []
        inspector = sa.inspect(engine)
        assert all(
            inspector.has_table(name, schema="IntSchema")
            for name in ("PaymentBatch", "PaymentBatchLine", "JobHistory")
        )
        (task,) = SqlTaskStore(engine).claim(
            Schema.EXT,
            limit=5,
            now=datetime(2026, 1, 2, tzinfo=UTC),
            lease=timedelta(minutes=5),
            owner="w",
        )
        assert (task.task, task.attempts, task.status) == (
            "COMPLETE-CLAIM",
            1,
            TaskStatus.IN_PROGRESS,
        )
        engine.dispose()
