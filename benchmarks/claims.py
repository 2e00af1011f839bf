"""Claims per second through COMPLETE-CLAIM to auto-approval, on SQL with fakes.

Each claim is an approvable repeat claim (`approvable_journey`): six tasks each
(complete, confirm, price, DWP check, approval check, acceptance email) against the
SQL adapters and the in-process fakes for Notify, DWP and distance, at a clock in
office hours so every claim is approved at once. Seeding is not timed.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import attrs
import sqlalchemy as sa
from sqlalchemy import event

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.prison_visits.seed_journeys import seed_journey
from hmpps_workers.adapters.sql.schema import create_schema
from hmpps_workers.adapters.sql.task_tables import TASK_TABLES
from hmpps_workers.core.tasks import Schema
from hmpps_workers.core.testing.claim_journeys import approvable_journey
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.handler_world import OFFICE_HOURS
from hmpps_workers.runners.env import Secret
from hmpps_workers.runners.prison_visits import handlers
from hmpps_workers.runners.prison_visits.bootstrap import bootstrap, build_worker
from hmpps_workers.runners.prison_visits.config import DatabaseConfig, WorkerConfig
from hmpps_workers.runners.prison_visits.handlers import fake_integrations

TASKS_PER_CLAIM = 6


@attrs.define
class StatementCounter:
    """Counts statements sent and commits made on an engine, by SQLAlchemy events.

    An executemany counts as one statement; a commit is any transaction committed
    through SQLAlchemy, including an autocommit connection's `begin()` block.
    """

    statements: int = 0
    commits: int = 0
    counting: bool = False

    def attach(self, engine: sa.Engine) -> None:
        """Listen on `engine`."""
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._commit)

    def _statement(self, *_args: object) -> None:
        if self.counting:
            self.statements += 1

    def _commit(self, *_args: object) -> None:
        if self.counting:
            self.commits += 1


@attrs.frozen(kw_only=True)
class ClaimRun:
    """Claims per second and what each claim cost the database."""

    per_second: float
    statements_per_claim: float
    commits_per_claim: float


def _run(engine: sa.Engine, n: int) -> ClaimRun:
    clock = FakeClock(OFFICE_HOURS)
    now = clock.now()
    for index in range(n):
        journey = approvable_journey(
            now, reference=f"B{index:06d}", base_id=1_000_000 + 10 * index
        )
        seed_journey(engine, journey, now=now)
    config = WorkerConfig(
        database=DatabaseConfig(url=Secret(str(engine.url)), description="bench"),
        batch_size=50,
    )
    services = bootstrap(
        config,
        environ={},
        engine=engine,
        clock=clock,
        integrations=fake_integrations({}),
    )
    worker = build_worker(services, handlers.prison_visits(services))
    counter = StatementCounter()
    counter.attach(engine)
    counter.counting = True
    start = time.perf_counter()
    report = worker.drain()
    elapsed = time.perf_counter() - start
    counter.counting = False
    approved = _approved(engine)
    if (report.completed, report.failed, approved) != (n * TASKS_PER_CLAIM, 0, n):
        msg = f"benchmark run went wrong: {report.completed} done, {approved} approved"
        raise RuntimeError(msg)
    return ClaimRun(
        per_second=n / elapsed,
        statements_per_claim=counter.statements / n,
        commits_per_claim=counter.commits / n,
    )


def _approved(engine: sa.Engine) -> int:
    table = TASK_TABLES[Schema.INT]
    with engine.connect() as connection:
        return int(
            connection.execute(
                sa.select(sa.func.count()).where(
                    table.c.Task == "ACCEPT-CLAIM-NOTIFICATION",
                    table.c.Status == "COMPLETE",
                )
            ).scalar_one()
        )


def measure_claims(n: int, *, database_url: str | None = None) -> ClaimRun:
    """Claims per second from submission to approval; a fresh SQLite file by default.

    `database_url` names an empty PostgreSQL database instead (its tables are made).
    """
    if database_url is not None:
        engine = create_database_engine(database_url)
        create_schema(engine)
        try:
            return _run(engine, n)
        finally:
            engine.dispose()
    with tempfile.TemporaryDirectory() as directory:
        engine = create_database_engine(f"sqlite:///{Path(directory) / 'bench.db'}")
        create_schema(engine)
        try:
            return _run(engine, n)
        finally:
            engine.dispose()


if __name__ == "__main__":
    print(measure_claims(200))
