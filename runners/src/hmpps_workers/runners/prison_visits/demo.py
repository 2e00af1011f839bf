"""The quick start's prison-visits part: a fresh SQLite database, work, what happened.

First the engine itself with the diagnostic task types (work that succeeds, fails and
is retried, fails for good, an unknown type, a row the worker must never touch); then
submitted claims through every prison-visits step against fake outside services.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from hmpps_workers.adapters.sql.engine import create_database_engine, sqlite_schema_path
from hmpps_workers.adapters.sql.metadata import SCHEMAS
from hmpps_workers.adapters.sql.schema import create_schema
from hmpps_workers.adapters.sql.task_tables import TASK_TABLES
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.clock import SystemClock
from hmpps_workers.core.tasks import NewTask, Schema, TaskFilter, TaskWorker
from hmpps_workers.core.tasks.retry import RetryPolicy
from hmpps_workers.runners.prison_visits import diagnostics
from hmpps_workers.runners.prison_visits.claims_demo import run_claims_demo
from hmpps_workers.runners.process import worker_id
from hmpps_workers.runners.tables import print_table

SAMPLES = (
    NewTask(task=diagnostics.NOOP, schema=Schema.EXT, reference="DEMO001"),
    NewTask(task=diagnostics.NOOP, schema=Schema.EXT, reference="DEMO002"),
    NewTask(task=diagnostics.FLAKY, schema=Schema.EXT, additional_data="2"),
    NewTask(task=diagnostics.NOOP, schema=Schema.INT, claim_id=1),
    NewTask(task=diagnostics.FAIL, schema=Schema.INT, claim_id=2),
    NewTask(task="NO-SUCH-TASK", schema=Schema.INT, claim_id=3),
)

EXPECTED_COMPLETED, EXPECTED_FAILED = 4, 2


def _fresh_engine(database: str) -> sa.Engine:
    for path in [database, *(sqlite_schema_path(database, s) for s in SCHEMAS)]:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(path + suffix).unlink(missing_ok=True)
    engine = create_database_engine(f"sqlite:///{database}")
    create_schema(engine)
    return engine


def run_visits_demo(database: str) -> bool:
    """Seed, run, print; True when the runs behaved as the demo expects."""
    logging.getLogger("hmpps_workers.core.tasks.engine").setLevel("CRITICAL")
    engine = _fresh_engine(database)
    clock = SystemClock()
    store = SqlTaskStore(engine)
    for sample in SAMPLES:
        store.enqueue(sample, now=clock.now())
    with engine.begin() as connection:  # as the external site's own e2e tests do
        connection.execute(
            sa.insert(TASK_TABLES[Schema.EXT]).values(
                Task="COMPLETE-CLAIM", DateCreated=clock.now(), Status="TEST"
            )
        )
    print(f"Seeded {len(SAMPLES) + 1} tasks in {database} (SQLite, embedded default)\n")
    worker = TaskWorker(
        store=store,
        registry=diagnostics.registry(),
        clock=clock,
        owner=worker_id(),
        retry_policy=RetryPolicy(max_attempts=5, base_delay=timedelta(0)),
    )
    report = worker.drain()
    print(
        f"Worker run: {report.batches} batches, {report.claimed} claims,"
        f" {report.completed} completed, {report.retried} retried,"
        f" {report.failed} failed\n"
    )
    tasks = store.find(TaskFilter(limit=100), now=clock.now())
    print_table(
        ("TASK", "TYPE", "STATUS", "ATTEMPTS", "LAST ERROR"),
        [
            (
                f"{t.schema}:{t.task_id}",
                t.task,
                str(t.status),
                str(t.attempts),
                (t.last_error or "")[:60],
            )
            for t in tasks
        ],
    )
    print(
        "\nTry: hmpps-workers tasks list --status FAILED"
        f"  (with APVS_DATABASE_URL=sqlite:///{database})"
    )
    expected = (EXPECTED_COMPLETED, EXPECTED_FAILED)
    engine_ok = (report.completed, report.failed) == expected
    print("\n== Prison visits worker: submitted claims, step by step ==\n")
    logging.getLogger("hmpps_workers.runners").setLevel("ERROR")
    engine.dispose()
    claims_database = str(Path(database).with_name(f"{Path(database).stem}-claims.db"))
    claims_engine = _fresh_engine(claims_database)
    claims_ok = run_claims_demo(claims_engine, claims_database)
    claims_engine.dispose()
    return engine_ok and claims_ok
