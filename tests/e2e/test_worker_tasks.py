"""`hmpps-workers worker-tasks` as a subprocess: kills, leases, exit codes, signals."""

from __future__ import annotations

import json
import signal
import time
from collections import Counter
from datetime import UTC, datetime

from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.tasks import NewTask, Schema, TaskFilter
from hmpps_workers.runners.prison_visits import diagnostics
from support import runner

LEASE_SECONDS = 3
BATCH = 5


def enqueue(engine, count, task=diagnostics.NOOP, data=None, schema=Schema.INT):
    store = SqlTaskStore(engine)
    now = datetime.now(UTC)
    return [
        store.enqueue(NewTask(task=task, additional_data=data, schema=schema), now=now)
        for _ in range(count)
    ]


def statuses(engine) -> Counter[str]:
    tasks = SqlTaskStore(engine).find(TaskFilter(limit=10_000), now=datetime.now(UTC))
    return Counter(str(t.status) for t in tasks)


def wait_for_lines(path, count, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and len(path.read_text().split()) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"fewer than {count} executions within {timeout}s")


class TestKilledWorker:
    """SIGKILL mid-batch: the stranded tasks complete after the lease, once each."""

    def test_stranded_tasks_complete_after_the_lease_and_nothing_runs_twice(
        self, database, tmp_path
    ):
        """Kill a worker mid-batch; a run after the lease completes what it left."""
        url, engine = database
        enqueue(engine, 20, task=diagnostics.SLEEP, data="0.2")
        log = tmp_path / "executions.log"
        env = {
            "APVS_DATABASE_URL": url,
            "APVS_TASK_LEASE_SECONDS": str(LEASE_SECONDS),
            "HMPPS_WORKERS_DIAGNOSTICS_LOG": str(log),
        }
        args = ["worker-tasks", "--registry", "diagnostics", "--batch-size", str(BATCH)]
        victim = runner.start(args, env)
        wait_for_lines(log, 3)
        runner.stop(victim, signal.SIGKILL)
        stranded = statuses(engine)["IN-PROGRESS"]
        assert stranded > 0

        # The rest of the queue is drained by the next run; the stranded tasks wait for
        # their lease (the contract suite pins that rule without timing).
        next_run = runner.run(args, env)
        assert next_run.returncode == 0, next_run.stderr

        time.sleep(LEASE_SECONDS + 0.5)
        after_lease = runner.run(args, env)
        assert after_lease.returncode == 0, after_lease.stderr
        assert statuses(engine) == Counter({"COMPLETE": 20})
        executions = Counter(log.read_text().split())
        # Execution is at least once: outcomes are recorded at the end of a batch, so
        # only tasks of the killed batch (at most its 5) may have run twice. Outcomes
        # are exactly once.
        reruns = sum(n - 1 for n in executions.values())
        assert (len(executions), reruns <= BATCH) == (20, True)


class TestExitCodes:
    """The exit code tells the CronJob whether anything failed."""

    def test_drain_exits_zero_and_reports_in_json(self, database):
        """All tasks complete: exit 0 and a JSON summary line on stderr."""
        url, engine = database
        enqueue(engine, 3)
        enqueue(engine, 2, schema=Schema.EXT)
        result = runner.run(
            ["worker-tasks", "--registry", "diagnostics"], {"APVS_DATABASE_URL": url}
        )
        assert result.returncode == 0, result.stderr
        summary = [
            json.loads(line)
            for line in result.stderr.splitlines()
            if '"worker finished"' in line
        ]
        assert (summary[0]["completed"], summary[0]["failed"]) == (5, 0)

    def test_failed_and_unknown_tasks_exit_one_and_the_rest_complete(self, database):
        """A failing task and an unknown type: exit 1, reasons recorded, rest done."""
        url, engine = database
        enqueue(engine, 1, task=diagnostics.FAIL)
        enqueue(engine, 1, task="NO-SUCH-TASK")
        enqueue(engine, 3)
        result = runner.run(
            ["worker-tasks", "--registry", "diagnostics"], {"APVS_DATABASE_URL": url}
        )
        assert result.returncode == 1
        assert statuses(engine) == Counter({"COMPLETE": 3, "FAILED": 2})
        assert "no handler is registered for task type 'NO-SUCH-TASK'" in result.stderr

    def test_unreachable_database_exits_one_with_a_clear_reason(self):
        """No database behind the URL: one line naming the host and the variable, exit 1."""
        result = runner.run(
            ["worker-tasks"],
            {
                "APVS_DATABASE_URL": "postgresql+psycopg://u:hunter2@127.0.0.1:1/x",
                "APVS_OUTSIDE_SERVICES": "fake",
            },
        )
        assert (result.returncode, result.stderr.splitlines()) == (
            1,
            [
                (
                    "hmpps-workers: cannot reach postgresql+psycopg://u:***@127.0.0.1:1/x:"
                    " check APVS_DATABASE_URL"
                )
            ],
        )
        assert "hunter2" not in result.stderr


class TestPolling:
    """--poll keeps going until SIGTERM, then finishes cleanly."""

    def test_sigterm_stops_a_polling_worker_cleanly(self, database, tmp_path):
        """Work done, SIGTERM: exit 0, nothing left IN-PROGRESS."""
        url, engine = database
        enqueue(engine, 5)
        log = tmp_path / "executions.log"
        worker = runner.start(
            ["worker-tasks", "--poll", "--registry", "diagnostics"],
            {"APVS_DATABASE_URL": url, "HMPPS_WORKERS_DIAGNOSTICS_LOG": str(log)},
        )
        wait_for_lines(log, 5)
        returncode, stderr = runner.stop(worker, signal.SIGTERM)
        assert returncode == 0, stderr
        assert statuses(engine) == Counter({"COMPLETE": 5})
