"""Four worker processes drain 10,000 tasks on PostgreSQL: each runs exactly once."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.sql.task_tables import TASK_TABLES
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.clock import SystemClock
from hmpps_workers.core.tasks import Schema, TaskFilter
from hmpps_workers.runners.prison_visits import diagnostics
from support.databases import fresh_engine
from support.workers import drain

TASKS = 10_000
WORKERS = 4


def seed(engine: sa.Engine, count: int) -> None:
    """Insert `count` no-op tasks split over both schemas, in one transaction each."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with engine.begin() as connection:
        for schema in Schema:
            rows = [
                {
                    "Task": diagnostics.NOOP,
                    "Status": "PENDING",
                    "DateCreated": start + timedelta(milliseconds=i),
                }
                for i in range(count // 2)
            ]
            connection.execute(sa.insert(TASK_TABLES[schema]), rows)


@pytest.mark.slow
def test_four_processes_run_every_task_exactly_once(postgres_server, tmp_path: Path):
    """10,000 tasks, 4 processes: every task COMPLETE, each executed once."""
    url = postgres_server.render_as_string(hide_password=False)
    with fresh_engine(url) as engine:
        seed(engine, TASKS)
        log_path = tmp_path / "executions.log"
        context = multiprocessing.get_context("spawn")
        processes = [
            context.Process(target=drain, args=(url, str(log_path), n))
            for n in range(WORKERS)
        ]
        for process in processes:
            process.start()
        for process in processes:
            process.join(timeout=600)
        assert [p.exitcode for p in processes] == [0] * WORKERS
        executions = Counter(log_path.read_text().split())
        assert len(executions) == TASKS
        assert set(executions.values()) == {1}
        counts = SqlTaskStore(engine).counts()
        assert counts == {
            (Schema.EXT, "COMPLETE"): TASKS // 2,
            (Schema.INT, "COMPLETE"): TASKS // 2,
        }
        still_leased = SqlTaskStore(engine).find(
            TaskFilter(statuses=("IN-PROGRESS",)), now=SystemClock().now()
        )
        assert list(still_leased) == []
