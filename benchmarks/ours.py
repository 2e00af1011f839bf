"""Our engine and the limit loop: the same Task table, with and without the engine."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime, timedelta

import psycopg
import sqlalchemy as sa

# Imported here rather than where they are used: a worker process imports this module
# before the harness's starting gun, so neither side times the driver's import (about
# 0.2 s of CPU a process when no bytecode is cached, a sixth of a 4-worker run).
# `create_database_engine` imports the engine's cursor module on first use.
from hmpps_workers.adapters.sql import pg_cursor  # noqa: F401
from hmpps_workers.adapters.sql.engine import create_database_engine, sqlite_schema_path
from hmpps_workers.adapters.sql.task_tables import TASK_TABLES
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.clock import SystemClock
from hmpps_workers.core.tasks import HandlerRegistry, Schema, Task, TaskWorker

NOOP = "BENCH-NOOP"
LEASE = timedelta(minutes=30)


def noop(task: Task) -> None:
    """Do nothing."""


def seed(engine: sa.Engine, count: int, *, task: str = NOOP) -> None:
    """Replace the IntSchema queue with `count` PENDING tasks (no-op by default).

    Every run starts from the same table: on PostgreSQL the old rows are truncated,
    not deleted, and the new ones vacuumed and analysed. A DELETE left each earlier
    run's 20,000 dead rows and their index entries behind, so every run was slower
    than the one before it (13,264 -> 10,753 -> 7,797 tasks/s for the same limit
    loop, three runs in a row), and the engine, always measured after the limit
    loop, met a table the limit loop had bloated. Dead entries are measured on
    their own, in the backlog rows.
    """
    table = TASK_TABLES[Schema.INT]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    postgresql = engine.dialect.name == "postgresql"
    with engine.begin() as connection:
        if postgresql:
            connection.exec_driver_sql('TRUNCATE "IntSchema"."Task"')
        else:
            connection.execute(sa.delete(table))
        connection.execute(
            sa.insert(table),
            [
                {
                    "Task": task,
                    "Status": "PENDING",
                    "DateCreated": start + timedelta(microseconds=i),
                }
                for i in range(count)
            ],
        )
    if postgresql:
        with engine.connect().execution_options(
            isolation_level="AUTOCOMMIT"
        ) as connection:
            connection.exec_driver_sql('VACUUM ANALYZE "IntSchema"."Task"')


def run_engine(url: str, batch_size: int) -> int:
    """One worker process of our engine: drain IntSchema."""
    engine = create_database_engine(url)
    worker = TaskWorker(
        store=SqlTaskStore(engine),
        registry=HandlerRegistry({NOOP: noop}),
        clock=SystemClock(),
        owner=f"bench-{uuid.uuid4().hex[:8]}",
        batch_size=batch_size,
        schemas=(Schema.INT,),
    )
    report = worker.drain()
    engine.dispose()
    return report.completed


# The limit loop: what the database allows on the same table with no engine at all.
# One SKIP LOCKED claim of a batch (returning the rows, as a worker needs them) and one
# guarded UPDATE completing the whole batch, straight through the driver.
PG_CLAIM = """
WITH claim AS (SELECT "TaskId" FROM "IntSchema"."Task"
  WHERE "Status" = 'PENDING'
    AND ("NextAttemptDate" IS NULL OR "NextAttemptDate" <= %(now)s)
  ORDER BY "DateCreated", "TaskId" LIMIT %(limit)s FOR UPDATE SKIP LOCKED)
UPDATE "IntSchema"."Task" SET "Status" = 'IN-PROGRESS',
  "Attempts" = coalesce("Attempts", 0) + 1, "LeaseExpiryDate" = %(lease)s,
  "LeaseOwner" = %(owner)s
WHERE "TaskId" IN (SELECT "TaskId" FROM claim) RETURNING *
"""
PG_COMPLETE = """
UPDATE "IntSchema"."Task" SET "Status" = 'COMPLETE', "DateProcessed" = %(now)s,
  "LeaseExpiryDate" = NULL
WHERE "TaskId" = ANY(%(ids)s) AND "Status" = 'IN-PROGRESS' AND "LeaseOwner" = %(owner)s
"""


def _naive_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def run_limit_postgresql(url: str, batch_size: int) -> int:
    """The limit loop on PostgreSQL: batch claim, one batch-complete UPDATE."""
    parsed = sa.make_url(url)
    owner = f"limit-{uuid.uuid4().hex[:8]}"
    done = 0
    with psycopg.connect(
        host=parsed.host,
        port=parsed.port,
        user=parsed.username,
        dbname=parsed.database,
        autocommit=True,
    ) as connection:
        while True:
            now = _naive_utc()
            rows = connection.execute(
                PG_CLAIM,
                {"now": now, "limit": batch_size, "lease": now + LEASE, "owner": owner},
            ).fetchall()
            if not rows:
                return done
            connection.execute(
                PG_COMPLETE,
                {"now": _naive_utc(), "ids": [row[0] for row in rows], "owner": owner},
            )
            done += len(rows)


SQLITE_CLAIM = (
    PG_CLAIM.replace(" FOR UPDATE SKIP LOCKED", "").replace("%(", ":").replace(")s", "")
)


def _sqlite_complete(count: int) -> str:
    marks = ", ".join("?" * count)
    return (
        'UPDATE "IntSchema"."Task" SET "Status" = \'COMPLETE\','
        ' "DateProcessed" = ?, "LeaseExpiryDate" = NULL'
        f' WHERE "TaskId" IN ({marks}) AND "Status" = \'IN-PROGRESS\''
        ' AND "LeaseOwner" = ?'
    )


def run_limit_sqlite(url: str, batch_size: int) -> int:
    """The limit loop on SQLite: the same two statements, each BEGIN IMMEDIATE."""
    database = sa.make_url(url).database or ""
    connection = sqlite3.connect(database, timeout=60, isolation_level=None)
    connection.execute(
        'ATTACH DATABASE ? AS "IntSchema"',
        (sqlite_schema_path(database, "IntSchema"),),
    )
    owner = f"limit-{uuid.uuid4().hex[:8]}"
    done = 0
    while True:
        now = _naive_utc().isoformat(sep=" ")
        lease = (_naive_utc() + LEASE).isoformat(sep=" ")
        connection.execute("BEGIN IMMEDIATE")
        rows = connection.execute(
            SQLITE_CLAIM,
            {"now": now, "limit": batch_size, "lease": lease, "owner": owner},
        ).fetchall()
        connection.execute("COMMIT")
        if not rows:
            connection.close()
            return done
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            _sqlite_complete(len(rows)),
            (_naive_utc().isoformat(sep=" "), *(row[0] for row in rows), owner),
        )
        connection.execute("COMMIT")
        done += len(rows)
