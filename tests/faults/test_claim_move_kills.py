"""COMPLETE-CLAIM's move under SIGKILL: each claim moved once, with its tasks once.

On PostgreSQL the move's writes and its COMMIT go out as one pipeline; a worker
killed anywhere in it must leave either nothing or the whole move, the task's
COMPLETE included.
"""

from __future__ import annotations

import random
import signal
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.internal_tables import int_claim_event
from hmpps_workers.adapters.sql.prison_visits.seed_journeys import seed_journey
from hmpps_workers.adapters.sql.prison_visits.tables import EXT, INT
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.adapters.testing.bundle import FakeServices
from hmpps_workers.core.prison_visits.claims.values import ClaimEventType
from hmpps_workers.core.tasks import Schema, Task, TaskFilter
from hmpps_workers.core.testing.claim_journeys import approvable_journey
from support import runner
from support.databases import fresh_engine
from support.visits import statuses, worker_env

CLAIMS = 40
KILLS = 12
LEASE_SECONDS = 2
ARGS = ["worker-tasks", "--batch-size", "5"]
SUBMITTED = ClaimEventType.CLAIM_SUBMITTED.value


@pytest.fixture
def fakes() -> Iterator[FakeServices]:
    """The fake outside services."""
    with FakeServices(with_s3=False) as services:
        yield services


def _count(engine: sa.Engine, table: sa.Table, **where: object) -> int:
    query = sa.select(sa.func.count()).select_from(table)
    for column, value in where.items():
        query = query.where(table.c[column] == value)
    with engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def _wait_for_moves(engine: sa.Engine, count: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if CLAIMS - _count(engine, EXT.claim) >= count:
            return
        time.sleep(0.01)


class TestKilledDuringTheMove:
    """Kill workers while they move claims; nothing is moved twice or half-way."""

    def test_workers_killed_while_moving_claims_on_postgresql(
        self, postgres_server, fakes, fault_report
    ):
        """SIGKILL of a worker moving claims, 12 times (PostgreSQL, pipelined move)."""
        url = postgres_server.render_as_string(hide_password=False)
        rng = random.Random(20261206)  # noqa: S311 - reproducible kill points
        with fresh_engine(url) as engine:
            now = datetime.now(UTC)
            for index in range(CLAIMS):
                seed_journey(
                    engine,
                    approvable_journey(
                        now, reference=f"K{index:06d}", base_id=2_000_000 + 10 * index
                    ),
                    now=now,
                )
            internal_before = _count(engine, INT.claim)
            events_before = _count(engine, int_claim_event, Event=SUBMITTED)
            env = worker_env(url, fakes, APVS_TASK_LEASE_SECONDS=str(LEASE_SECONDS))
            for _ in range(KILLS):
                moved = CLAIMS - _count(engine, EXT.claim)
                if moved >= CLAIMS:
                    break
                victim = runner.start(ARGS, env)
                _wait_for_moves(engine, min(moved + rng.randint(1, 3), CLAIMS))
                time.sleep(rng.uniform(0, 0.01))
                runner.stop(victim, signal.SIGKILL)
                fault_report.injected += 1
            time.sleep(LEASE_SECONDS + 0.5)
            final = runner.run(ARGS, env)
            assert final.returncode == 0, final.stderr
            follow_on = Counter(
                (task.reference, task.task)
                for task in _int_tasks(engine)
                if task.task in {"SEND-CLAIM-NOTIFICATION", "DWP-CHECK"}
            )
            moved_claims = _count(engine, INT.claim) - internal_before
            events = _count(engine, int_claim_event, Event=SUBMITTED) - events_before
            fault_report.lost = CLAIMS - moved_claims
            fault_report.duplicated = sum(n - 1 for n in follow_on.values() if n > 1)
            fault_report.outcome = (
                f"{moved_claims}/{CLAIMS} claims moved once, each with one event and"
                f" one of each follow-on task; tasks {dict(statuses(engine))}"
            )
            expected = (0, CLAIMS, CLAIMS, {1}, 2 * CLAIMS)
            actual = (
                _count(engine, EXT.claim),
                moved_claims,
                events,
                set(follow_on.values()),
                len(follow_on),
            )
            assert expected == actual
            assert set(statuses(engine)) == {"COMPLETE"}


def _int_tasks(engine: sa.Engine) -> Sequence[Task]:
    return SqlTaskStore(engine).find(
        TaskFilter(schema=Schema.INT, limit=100_000), now=datetime.now(UTC)
    )
