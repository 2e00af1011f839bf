"""Task workers under faults: SIGKILL at random points, the database cut mid-batch."""

from __future__ import annotations

import random
import signal
import time
from collections import Counter
from datetime import UTC, datetime

import sqlalchemy as sa

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.tasks import NewTask, Schema, TaskFilter
from hmpps_workers.runners.prison_visits import diagnostics
from support import runner
from support.databases import fresh_engine

KILLS = 20
LEASE_SECONDS = 2


def _statuses(engine) -> Counter[str]:
    tasks = SqlTaskStore(engine).find(TaskFilter(limit=100_000), now=datetime.now(UTC))
    return Counter(str(t.status) for t in tasks)


def _wait_for(path, count, timeout=60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and len(path.read_text().split()) >= count:
            return
        time.sleep(0.02)


class TestKilledWorkers:
    """Kill the worker again and again; nothing is lost, no outcome recorded twice."""

    def test_workers_killed_at_random_points_20_times_on_postgresql(
        self, postgres_server, tmp_path, fault_report
    ):
        """SIGKILL of a worker mid-batch, 20 times in a row (PostgreSQL)."""
        url = postgres_server.render_as_string(hide_password=False)
        rng = random.Random(20261122)  # noqa: S311 - reproducible kill points
        tasks = 120
        with fresh_engine(url) as engine:
            store = SqlTaskStore(engine)
            now = datetime.now(UTC)
            for i in range(tasks):
                store.enqueue(
                    NewTask(
                        task=diagnostics.SLEEP,
                        additional_data="0.02",
                        schema=Schema.EXT if i % 3 else Schema.INT,
                    ),
                    now=now,
                )
            log = tmp_path / "executions.log"
            env = {
                "APVS_DATABASE_URL": url,
                "APVS_TASK_LEASE_SECONDS": str(LEASE_SECONDS),
                "APVS_TASK_MAX_ATTEMPTS": "100",
                "HMPPS_WORKERS_DIAGNOSTICS_LOG": str(log),
            }
            args = ["worker-tasks", "--registry", "diagnostics", "--batch-size", "5"]
            for _ in range(KILLS):
                done = len(log.read_text().split()) if log.exists() else 0
                victim = runner.start(args, env)
                _wait_for(log, done + rng.randint(1, 4))
                runner.stop(victim, signal.SIGKILL)
                fault_report.injected += 1
            time.sleep(LEASE_SECONDS + 0.5)
            final = runner.run(args, env)
            assert final.returncode == 0, final.stderr
            statuses = _statuses(engine)
            executions = Counter(log.read_text().split())
            # A kill between a handler's end and its COMPLETE write runs it again:
            # handlers run at least once (so side effects carry idempotency keys);
            # each task's outcome is recorded exactly once.
            reruns = sum(n - 1 for n in executions.values() if n > 1)
            fault_report.lost = tasks - statuses["COMPLETE"]
            fault_report.duplicated = max(statuses["COMPLETE"] - tasks, 0)
            fault_report.outcome = (
                f"{statuses['COMPLETE']}/{tasks} COMPLETE exactly once;"
                f" {reruns} handler re-runs (at-least-once execution)"
            )
            assert statuses == Counter({"COMPLETE": tasks})
            assert len(executions) == tasks


class TestDatabaseCut:
    """Terminate the worker's database connections while it runs."""

    def test_connection_cut_mid_batch_is_reported_and_nothing_half_written(
        self, postgres_server, tmp_path, fault_report
    ):
        """Database connection cut mid-batch (pg_terminate_backend)."""
        url = postgres_server.render_as_string(hide_password=False)
        tasks = 60
        with fresh_engine(url) as engine:
            store = SqlTaskStore(engine)
            for _ in range(tasks):
                store.enqueue(
                    NewTask(task=diagnostics.SLEEP, additional_data="0.02"),
                    now=datetime.now(UTC),
                )
            log = tmp_path / "executions.log"
            env = {
                "APVS_DATABASE_URL": url,
                "APVS_TASK_LEASE_SECONDS": str(LEASE_SECONDS),
                "HMPPS_WORKERS_DIAGNOSTICS_LOG": str(log),
            }
            args = ["worker-tasks", "--registry", "diagnostics", "--batch-size", "5"]
            worker = runner.start(args, env)
            admin = create_database_engine(url)
            for threshold in (10, 25, 40):
                _wait_for(log, threshold)
                with admin.begin() as connection:
                    connection.execute(
                        sa.text(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                            " AND application_name NOT LIKE 'pytest%'"
                        )
                    )
                fault_report.injected += 1
            admin.dispose()
            _, stderr = runner.finish(worker)
            assert "database unavailable" in stderr or "connection lost" in stderr
            time.sleep(LEASE_SECONDS + 0.5)
            final = runner.run(args, env)
            assert final.returncode == 0, final.stderr
            engine.dispose()  # its pooled connections were cut too
            statuses = _statuses(engine)
            fault_report.lost = tasks - statuses["COMPLETE"]
            fault_report.outcome = (
                f"{statuses['COMPLETE']}/{tasks} COMPLETE; each cut logged, run went on"
            )
            assert statuses == Counter({"COMPLETE": tasks})
