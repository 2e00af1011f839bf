"""Email tasks under SIGKILL: a killed worker's emails are never sent a second time."""

from __future__ import annotations

import random
import signal
import time
from collections import Counter

from hmpps_workers.adapters.testing.bundle import FakeServices
from support import runner
from support.databases import fresh_engine
from support.visits import (
    duplicates,
    enqueue_alerts,
    references_sent,
    statuses,
    worker_env,
)

KILLS = 20
LEASE_SECONDS = 2
ARGS = ["worker-tasks", "--batch-size", "5"]


def _wait_for_sent(fakes: FakeServices, count: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and len(fakes.notify.sent) < count:
        time.sleep(0.01)


class TestKilledEmailWorkers:
    """Kill the worker again and again while it emails; each email goes once."""

    def test_workers_killed_while_sending_20_times_send_each_email_once(
        self, postgres_server, fault_report
    ):
        """SIGKILL of a worker sending emails, 20 times in a row (PostgreSQL)."""
        url = postgres_server.render_as_string(hide_password=False)
        rng = random.Random(20261123)  # noqa: S311 - reproducible kill points
        tasks = 80
        with FakeServices(with_s3=False) as fakes, fresh_engine(url) as engine:
            enqueue_alerts(engine, tasks)
            env = worker_env(url, fakes, APVS_TASK_LEASE_SECONDS=str(LEASE_SECONDS))
            for _ in range(KILLS):
                victim = runner.start(ARGS, env)
                _wait_for_sent(fakes, len(fakes.notify.sent) + rng.randint(1, 3))
                runner.stop(victim, signal.SIGKILL)
                fault_report.injected += 1
            time.sleep(LEASE_SECONDS + 0.5)
            final = runner.run(ARGS, env)
            assert final.returncode == 0, final.stderr
            done = statuses(engine)
            sent = references_sent(fakes)
            fault_report.lost = tasks - done["COMPLETE"]
            fault_report.duplicated = duplicates(sent)
            fault_report.outcome = (
                f"{done['COMPLETE']}/{tasks} COMPLETE exactly once;"
                f" {len(sent)} references each emailed once"
            )
            assert done == Counter({"COMPLETE": tasks})
            assert len(sent) == tasks
            assert set(sent.values()) == {1}
