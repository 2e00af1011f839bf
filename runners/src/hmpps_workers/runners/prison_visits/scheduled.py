"""The scheduled runners: `daily-tasks`, `auto-approval` and `payment-run`.

Each runs its jobs one after another, isolated from each other, logs which failed and
exits 1 if any did. They work on the HwPV database, S3 and the ADI template (`jobs`);
`--demo` runs the same jobs on a throwaway SQLite file seeded with the demo claims,
with files kept in memory.
"""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from pathlib import Path

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.metadata import INT_SCHEMA
from hmpps_workers.adapters.sql.prison_visits.archive import create_archive_schema
from hmpps_workers.adapters.sql.prison_visits.seed import seed_demo_claims
from hmpps_workers.adapters.sql.schema import create_schema
from hmpps_workers.core.clock import Clock, SystemClock
from hmpps_workers.core.jobs import JobsReport, run_jobs
from hmpps_workers.core.testing.documents import InMemoryFileStore
from hmpps_workers.runners.env import Secret
from hmpps_workers.runners.heap import freeze_startup_heap
from hmpps_workers.runners.prison_visits.bootstrap import (
    Services,
    bootstrap,
    check_database,
)
from hmpps_workers.runners.prison_visits.config import (
    DatabaseConfig,
    WorkerConfig,
    database_from_env,
)
from hmpps_workers.runners.prison_visits.hooks import (
    checkpoint_from_env,
    clock_from_env,
)
from hmpps_workers.runners.prison_visits.jobs import BUILDERS
from hmpps_workers.runners.prison_visits.scheduled_config import ScheduledConfig
from hmpps_workers.runners.telemetry import setup
from hmpps_workers.runners.telemetry.runs import scheduled_request, traced_steps
from hmpps_workers.runners.telemetry.settings import Service, telemetry_settings
from hmpps_workers.runners.telemetry.setup import Runtime

log = logging.getLogger("hmpps_workers.runners")


def report(command: str, result: JobsReport) -> int:
    """Log and print one line per job; 0 if all succeeded, else 1."""
    for outcome in result.outcomes:
        state = "ok" if outcome.ok else f"FAILED ({outcome.error})"
        counts = " ".join(f"{k}={v}" for k, v in outcome.summary.items())
        print(f"{outcome.name}: {state} {counts}".rstrip())
    log.info(
        "scheduled run finished",
        extra={"command": command, "failed": ", ".join(result.failed) or "none"},
    )
    return 0 if result.ok else 1


def _run(command: str, build: Callable[[], Services], config: ScheduledConfig) -> int:
    """Wire, check the database, run the jobs: all one request in telemetry."""
    with scheduled_request(command) as request:
        services = build()
        try:
            check_database(services)  # before touching anything
            jobs = BUILDERS[command](services, config)
            log.info(
                "scheduled run starting",
                extra={
                    "command": command,
                    "database": services.config.database.description,
                },
            )
            result = run_jobs(traced_steps(jobs))
            request.jobs_finished(result)
        finally:
            services.close()
    return report(command, result)


def _demo_services(
    env: Mapping[str, str], runtime: Runtime, stack: ExitStack
) -> Services:
    """The demo claims in a SQLite file that is removed when `stack` closes."""
    clock = SystemClock()
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
    url = f"sqlite:///{folder / 'scheduled-demo.db'}"
    archive = f"sqlite:///{folder / 'scheduled-demo-archive.db'}"
    engine = create_database_engine(url)
    stack.callback(engine.dispose)
    archive_engine = create_database_engine(archive, schemas=(INT_SCHEMA,))
    stack.callback(archive_engine.dispose)
    create_schema(engine)
    create_archive_schema(archive_engine)
    seed_demo_claims(engine, now=clock.now())
    database = DatabaseConfig(
        url=Secret(url), description="demo SQLite file", embedded=True
    )
    return bootstrap(
        WorkerConfig(database=database),
        environ=env,
        engine=engine,
        archive_engine=archive_engine,
        clock=clock,
        files=InMemoryFileStore(),
        checkpoint=checkpoint_from_env(env),
        telemetry=runtime,
    )


def run(
    args: argparse.Namespace,
    *,
    environ: Mapping[str, str] | None = None,
    clock: Clock | None = None,
) -> int:
    """Configure, wire and run one scheduled command.

    Telemetry starts first, as the worker's does, so the run's request covers the
    wiring too; it is flushed last, whatever happened.
    """
    env = os.environ if environ is None else environ
    config = ScheduledConfig.from_env(env)
    if not args.demo:
        database_from_env(env)  # no database configured: exit 2 before anything
    if args.command == "payment-run":
        config.adi.check()  # before touching anything
    runtime = setup.start(telemetry_settings(env, Service.PRISON_VISITS))
    freeze_startup_heap()
    try:
        with ExitStack() as stack:
            if args.demo:
                return _run(
                    args.command,
                    lambda: _demo_services(env, runtime, stack),
                    config,
                )
            return _run(
                args.command,
                lambda: bootstrap(
                    environ=env,
                    clock=clock or clock_from_env(env),
                    checkpoint=checkpoint_from_env(env),
                    telemetry=runtime,
                ),
                config,
            )
    finally:
        runtime.shutdown()
