"""Claims per second through COMPLETE-CLAIM to auto-approval, on SQL with fakes.

Each claim is an approvable repeat claim (`approvable_journey`): six tasks each
(complete, confirm, price, DWP check, approval check, acceptance email) against the
SQL adapters and the in-process fakes for Notify, DWP and distance, at a clock in
office hours so every claim is approved at once. Seeding is not timed.

What each claim costs the database is counted by SQLAlchemy events and attributed to
the task type whose handler was running, or to the engine (claims and batched
outcomes) outside any handler. Transaction starts are counted beside commits, not as
statements: PostgreSQL's driver sends its BEGIN unseen by `before_cursor_execute`,
while SQLite's `BEGIN IMMEDIATE` is a statement we send, so counting it would make
the backends incomparable. The old harness's total (SQLite's BEGINs included) is kept
as `harness_total_per_claim` so the figures compare with earlier runs.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import attrs
import sqlalchemy as sa
from sqlalchemy import event
from tests.support.pg_round_trips import RoundTrips, round_trip_proxy

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.prison_visits.seed_journeys import seed_journey
from hmpps_workers.adapters.sql.schema import create_schema
from hmpps_workers.adapters.sql.task_tables import TASK_TABLES
from hmpps_workers.core.tasks import Handler, HandlerRegistry
from hmpps_workers.core.tasks.model import Completed, Schema, Task
from hmpps_workers.core.tasks.registry import FailureFallback
from hmpps_workers.core.testing.claim_journeys import approvable_journey
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.handler_world import OFFICE_HOURS
from hmpps_workers.runners.env import Secret
from hmpps_workers.runners.prison_visits import handlers
from hmpps_workers.runners.prison_visits.bootstrap import bootstrap, build_worker
from hmpps_workers.runners.prison_visits.config import DatabaseConfig, WorkerConfig
from hmpps_workers.runners.prison_visits.handlers import fake_integrations

TASKS_PER_CLAIM = 6
ENGINE = "engine (claims, outcomes)"


@attrs.define
class StatementCounter:
    """Statements, transaction starts and commits on an engine, by who sent them.

    An executemany counts as one statement. SQLite's `BEGIN IMMEDIATE` is counted
    as a transaction start (and in `sent`, the old harness's total), not a statement.
    The COMMIT that ends a PostgreSQL pipeline (`adapters/sql/pipeline.py`) is sent
    as a statement but counted only as the commit its transaction's event reports.
    """

    statements: Counter[str] = attrs.field(factory=Counter)
    seconds: Counter[str] = attrs.field(factory=Counter)
    sent: Counter[str] = attrs.field(factory=Counter)
    begins: Counter[str] = attrs.field(factory=Counter)
    commits: Counter[str] = attrs.field(factory=Counter)
    bucket: str = ENGINE
    counting: bool = False

    def attach(self, engine: sa.Engine) -> None:
        """Listen on `engine`."""
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "begin", self._begin)
        event.listen(engine, "commit", self._commit)

    def _statement(self, *args: object) -> None:
        if not self.counting:
            return
        statement = str(args[2]).lstrip()[:6].upper()
        if statement.startswith("COMMIT"):
            return  # a pipeline's COMMIT: the old harness saw it as a commit only
        self.sent[self.bucket] += 1
        if not statement.startswith("BEGIN"):
            self.statements[self.bucket] += 1

    def _begin(self, *_args: object) -> None:
        if self.counting:
            self.begins[self.bucket] += 1

    def _commit(self, *_args: object) -> None:
        if self.counting:
            self.commits[self.bucket] += 1


@attrs.define
class _Attributed:
    """A handler whose statements are counted under its task type."""

    task_type: str
    handler: Handler
    counter: StatementCounter

    def __call__(self, task: Task) -> Completed | None:
        self.counter.bucket = self.task_type
        start = time.perf_counter()
        try:
            return self.handler(task)
        finally:
            self.counter.seconds[self.task_type] += time.perf_counter() - start
            self.counter.bucket = ENGINE


@attrs.define
class _AttributedFallback(_Attributed):
    """The same, for a handler with a failure fallback."""

    def on_failure(self, task: Task, reason: str) -> str:
        self.counter.bucket = self.task_type
        try:
            assert isinstance(self.handler, FailureFallback)  # noqa: S101
            return self.handler.on_failure(task, reason)
        finally:
            self.counter.bucket = ENGINE


def attributed(registry: HandlerRegistry, counter: StatementCounter) -> HandlerRegistry:
    """The registry with every handler counted under its task type."""
    return HandlerRegistry(
        {
            name: (
                _AttributedFallback if isinstance(h, FailureFallback) else _Attributed
            )(name, h, counter)
            for name, h in registry.items()
        }
    )


@attrs.frozen(kw_only=True)
class TaskCost:
    """What one task type (or the engine) cost per claim."""

    statements: float
    begins: float
    commits: float
    milliseconds: float = 0.0


@attrs.frozen(kw_only=True)
class ClaimRun:
    """Claims per second and what each claim cost the database.

    `round_trips` (PostgreSQL through the counting proxy only) is per claim, by
    task type and in total.
    """

    per_second: float
    cpu_ms_per_claim: float
    statements_per_claim: float
    begins_per_claim: float
    commits_per_claim: float
    harness_total_per_claim: float
    by_task: dict[str, TaskCost]
    round_trips: dict[str, float] | None = None


def _seed(engine: sa.Engine, n: int, clock: FakeClock) -> None:
    now = clock.now()
    for index in range(n):
        journey = approvable_journey(
            now, reference=f"B{index:06d}", base_id=1_000_000 + 10 * index
        )
        seed_journey(engine, journey, now=now)


def _run(
    engine: sa.Engine,
    n: int,
    profile: cProfile.Profile | None,
    trips: RoundTrips | None = None,
) -> ClaimRun:
    clock = FakeClock(OFFICE_HOURS)
    _seed(engine, n, clock)
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
    counter = StatementCounter()
    registry = attributed(handlers.prison_visits(services), counter)
    worker = build_worker(services, registry)
    counter.attach(engine)
    counter.counting = True
    if trips is not None:
        trips.bucket = lambda: counter.bucket
        trips.counting = True
    if profile is not None:
        profile.enable()
    start, cpu_start = time.perf_counter(), time.process_time()
    report = worker.drain()
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    if profile is not None:
        profile.disable()
    counter.counting = False
    if trips is not None:
        trips.counting = False
    # The engine's share is the drain's time outside the handlers.
    counter.seconds[ENGINE] = elapsed - counter.seconds.total()
    approved = _approved(engine)
    if (report.completed, report.failed, approved) != (n * TASKS_PER_CLAIM, 0, n):
        msg = f"benchmark run went wrong: {report.completed} done, {approved} approved"
        raise RuntimeError(msg)
    buckets = sorted(set(counter.sent) | set(counter.commits) | set(counter.begins))
    return ClaimRun(
        per_second=n / elapsed,
        cpu_ms_per_claim=1000 * cpu / n,
        statements_per_claim=counter.statements.total() / n,
        begins_per_claim=counter.begins.total() / n,
        commits_per_claim=counter.commits.total() / n,
        harness_total_per_claim=counter.sent.total() / n,
        by_task={
            bucket: TaskCost(
                statements=counter.statements[bucket] / n,
                begins=counter.begins[bucket] / n,
                commits=counter.commits[bucket] / n,
                milliseconds=1000 * counter.seconds[bucket] / n,
            )
            for bucket in buckets
        },
        round_trips=None
        if trips is None
        else {b: c / n for b, c in trips.by_bucket.items()} | {"total": trips.seen / n},
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


def measure_claims(
    n: int,
    *,
    database_url: str | None = None,
    profile: cProfile.Profile | None = None,
    round_trips: bool = False,
) -> ClaimRun:
    """Claims per second from submission to approval; a fresh SQLite file by default.

    `database_url` names an empty database instead (its tables are made); `profile`,
    when given, is enabled around the drain only. `round_trips` (PostgreSQL) runs
    through a loopback proxy counting them: its claims per second are the proxy's,
    not comparable.
    """
    if database_url is not None and round_trips:
        with round_trip_proxy(sa.make_url(database_url)) as trips:
            engine = create_database_engine(trips.url)
            create_schema(engine)
            try:
                return _run(engine, n, profile, trips)
            finally:
                engine.dispose()
    if database_url is not None:
        engine = create_database_engine(database_url)
        create_schema(engine)
        try:
            return _run(engine, n, profile)
        finally:
            engine.dispose()
    with tempfile.TemporaryDirectory() as directory:
        engine = create_database_engine(f"sqlite:///{Path(directory) / 'bench.db'}")
        create_schema(engine)
        try:
            return _run(engine, n, profile)
        finally:
            engine.dispose()


def breakdown(runs: dict[str, ClaimRun]) -> list[str]:
    """A table per claim, by task type: statements, transaction starts, commits, ms.

    The milliseconds are wall time inside the handler (the engine's: the rest of
    the drain), so they add up to the drain's time per claim.
    """
    names = list(runs)
    buckets = sorted({b for run in runs.values() for b in run.by_task})
    zero = TaskCost(statements=0, begins=0, commits=0)
    header = f"{'per claim':34}" + "".join(
        f" | {name + ': stmts  begins  commits      ms':>42}" for name in names
    )
    lines = [header, "-" * len(header)]

    def row(label: str, costs: list[TaskCost]) -> str:
        return f"{label:34}" + "".join(
            f" | {c.statements:>19.2f} {c.begins:>7.2f} {c.commits:>8.2f}"
            f" {c.milliseconds:>7.2f}"
            for c in costs
        )

    lines.extend(
        row(bucket, [run.by_task.get(bucket, zero) for run in runs.values()])
        for bucket in buckets
    )
    lines.append(
        row(
            "total",
            [
                TaskCost(
                    statements=run.statements_per_claim,
                    begins=run.begins_per_claim,
                    commits=run.commits_per_claim,
                    milliseconds=1000 / run.per_second,
                )
                for run in runs.values()
            ],
        )
    )
    lines.append(
        f"{'old harness total (BEGINs in)':34}"
        + "".join(
            f" | {run.harness_total_per_claim:>19.2f}{'':25}" for run in runs.values()
        )
    )
    return lines


def main(argv: list[str]) -> int:
    """`python -m benchmarks.claims [--postgres URL] [--profile N]`: one run, printed.

    With `--profile`, the drain runs under cProfile and the N costliest functions
    (own time) are printed after the figures.
    """
    parser = argparse.ArgumentParser(prog="python -m benchmarks.claims")
    parser.add_argument("--claims", type=int, default=100)
    parser.add_argument("--postgres", metavar="URL", help="an empty database")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument(
        "--round-trips",
        action="store_true",
        help="with --postgres: count round trips through a proxy (slows the run)",
    )
    args = parser.parse_args(argv)
    profile = cProfile.Profile() if args.profile else None
    run = measure_claims(
        args.claims,
        database_url=args.postgres,
        profile=profile,
        round_trips=args.round_trips and args.postgres is not None,
    )
    name = "postgresql" if args.postgres else "sqlite"
    print(
        f"{name}: {run.per_second:,.1f} claims/s,"
        f" {run.cpu_ms_per_claim:.2f} ms of this process's CPU per claim"
    )
    for line in breakdown({name: run}):
        print(line)
    if run.round_trips is not None:
        print("round trips per claim (through the proxy):")
        for bucket, trips in sorted(run.round_trips.items()):
            print(f"  {bucket:34} {trips:6.2f}")
    if profile is not None:
        stats = pstats.Stats(profile)
        stats.sort_stats("tottime").print_stats(args.profile)
        stats.sort_stats("cumulative").print_stats("hmpps_workers", args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
