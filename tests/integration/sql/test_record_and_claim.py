"""A batch's outcomes and the next claim: one connection, one round trip on PostgreSQL."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa
from psycopg import pq
from sqlalchemy import event

from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.tasks import (
    HandlerRegistry,
    NewTask,
    Outcomes,
    Schema,
    Task,
    TaskFilter,
    TaskWorker,
)
from hmpps_workers.core.testing import FakeClock
from support.databases import fresh_engine, statements_sent

LEASE = timedelta(minutes=30)


def _enqueue(store: SqlTaskStore, clock: FakeClock, count: int) -> None:
    for _ in range(count):
        store.enqueue(NewTask(task="A", schema=Schema.INT), now=clock.now())
        clock.advance(timedelta(seconds=1))


def _worker(store: SqlTaskStore, clock: FakeClock) -> TaskWorker:
    return TaskWorker(
        store=store,
        registry=HandlerRegistry({"A": lambda task: None}),
        clock=clock,
        owner="w1",
        batch_size=10,
        schemas=(Schema.INT,),
    )


@contextlib.contextmanager
def checkouts(engine: sa.Engine) -> Iterator[list[int]]:
    """Count the pool's checkouts in the block."""
    counted: list[int] = []

    def checkout(*_: object) -> None:
        counted.append(1)

    event.listen(engine, "checkout", checkout)
    try:
        yield counted
    finally:
        event.remove(engine, "checkout", checkout)


class TestOneConnectionPerBatch:
    """A drain takes one pooled connection per batch, not one per statement."""

    def test_a_drain_checks_out_one_connection_per_batch(self, engine):
        """Thirty tasks in tens: four batches (the last finds none), four checkouts."""
        store, clock = SqlTaskStore(engine), FakeClock()
        _enqueue(store, clock, 30)
        with checkouts(engine) as counted:
            report = _worker(store, clock).drain()
        assert (report.completed, report.batches, len(counted)) == (30, 4, 4)


@pytest.mark.postgres
class TestOneRoundTripOnPostgres:
    """On psycopg the outcomes and the next claim go out in one pipeline."""

    @pytest.fixture
    def pg_engine(self, postgres_server) -> Iterator[sa.Engine]:
        """A fresh schema on PostgreSQL."""
        with fresh_engine(postgres_server) as engine:
            yield engine

    def test_completions_and_the_next_claim_share_one_pipeline(
        self, pg_engine, monkeypatch
    ):
        """Each record-and-claim: one pipeline with both statements in it."""
        store, clock = SqlTaskStore(pg_engine), FakeClock()
        _enqueue(store, clock, 30)
        pipelines: list[int] = []
        original = psycopg.Connection.pipeline

        def counting(self: psycopg.Connection[Any]) -> Any:
            pipelines.append(1)
            return original(self)

        monkeypatch.setattr(psycopg.Connection, "pipeline", counting)
        in_pipeline: list[bool] = []

        def mode(conn, _cursor, _statement, _parameters, _context, _many) -> None:
            driver = conn.connection.driver_connection
            in_pipeline.append(driver.pgconn.pipeline_status != pq.PipelineStatus.OFF)

        event.listen(pg_engine, "before_cursor_execute", mode)
        try:
            with statements_sent(pg_engine) as sent:
                report = _worker(store, clock).drain()
        finally:
            event.remove(pg_engine, "before_cursor_execute", mode)
        assert (report.completed, len(pipelines)) == (30, 3)
        # The first claim alone, then three pairs (completions, claim) pipelined.
        assert in_pipeline == [False] + [True] * 6
        assert [s.split()[0] for s, _, _ in sent] == ["WITH"] + ["UPDATE", "WITH"] * 3

    def test_a_dropped_connection_gets_one_more_try_on_a_fresh_one(
        self, pg_engine, caplog
    ):
        """The server dropped the pooled connection: said, then recorded and claimed."""
        store, clock = SqlTaskStore(pg_engine), FakeClock()
        _enqueue(store, clock, 2)
        (first,) = store.claim(
            Schema.INT, limit=1, now=clock.now(), lease=LEASE, owner="w1"
        )
        # Its pooled connection (the claim's) dropped by the server.
        with pg_engine.connect() as pooled:
            pid = pooled.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        killer = sa.create_engine(pg_engine.url)
        with killer.connect() as connection:
            connection.exec_driver_sql(f"SELECT pg_terminate_backend({pid})")
        killer.dispose()
        written, claimed = store.record_and_claim(
            Outcomes(completed=(first,)),
            Schema.INT,
            limit=10,
            now=clock.now(),
            lease=LEASE,
            owner="w1",
        )
        assert (written, len(claimed)) == ({first.key}, 1)
        assert "connection lost" in caplog.text

    def test_a_failed_claim_leaves_the_outcomes_unrecorded(self, pg_engine):
        """Both or neither: a claim the server refuses rolls the completions back."""
        store, clock = SqlTaskStore(pg_engine), FakeClock()
        _enqueue(store, clock, 1)
        (task,) = store.claim(
            Schema.INT, limit=1, now=clock.now(), lease=LEASE, owner="w1"
        )
        with pg_engine.begin() as connection:
            connection.exec_driver_sql(
                'ALTER TABLE "IntSchema"."Task" ADD CONSTRAINT no_more_claims'
                ' CHECK ("Attempts" < 2) NOT VALID'
            )
        _enqueue(store, clock, 1)
        with pg_engine.begin() as connection:
            connection.exec_driver_sql(
                'UPDATE "IntSchema"."Task" SET "Attempts" = 1'
                " WHERE \"Status\" = 'PENDING'"
            )
        with pytest.raises(Exception, match="refused"):
            store.record_and_claim(
                Outcomes(completed=(task,)),
                Schema.INT,
                limit=10,
                now=clock.now(),
                lease=LEASE,
                owner="w1",
            )
        (row,) = [t for t in _all(store, clock) if t.task_id == task.task_id]
        assert str(row.status) == "IN-PROGRESS"


def _all(store: SqlTaskStore, clock: FakeClock) -> list[Task]:
    return list(store.find(TaskFilter(), now=clock.now()))
