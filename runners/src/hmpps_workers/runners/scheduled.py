"""The scheduled runners: `daily-tasks`, `auto-approval` and `payment-run`.

Each runs its jobs one after another, isolated from each other, logs which failed and
exits 1 if any did. By default they work on the HwPV database, S3 and the ADI
template (`scheduled_jobs`); `--demo` runs the same orchestration on in-memory data.
"""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

from hmpps_workers.core.clock import Clock, SystemClock
from hmpps_workers.core.jobs import JobsReport, run_jobs
from hmpps_workers.core.prison_visits.daily.approval import DeferredApprovals
from hmpps_workers.core.prison_visits.daily.jobs import DailyJobs
from hmpps_workers.core.prison_visits.payments.run import (
    PaymentFileCleanup,
    PaymentRun,
)
from hmpps_workers.core.testing.documents import InMemoryFileStore
from hmpps_workers.runners import logging as runner_logging
from hmpps_workers.runners import scheduled_demo, scheduled_jobs
from hmpps_workers.runners.bootstrap import check_database
from hmpps_workers.runners.progress import choose_progress
from hmpps_workers.runners.scheduled_bootstrap import bootstrap_scheduled
from hmpps_workers.runners.scheduled_config import ScheduledConfig

log = logging.getLogger("hmpps_workers.runners")

COMMANDS = {
    "daily-tasks": "the daily jobs of the claims worker (the 04:30 CronJob)",
    "auto-approval": "approve deferred auto-approvals nobody has changed (03:30)",
    "payment-run": "bank payment files, ADI journal and clean-up (00:05 Mon-Fri)",
}
Jobs = Mapping[str, Callable[[], Mapping[str, int]]]


def add_parsers(commands: Any) -> None:  # noqa: ANN401 - argparse's private type
    """Add the three scheduled commands."""
    for name, text in COMMANDS.items():
        parser = commands.add_parser(name, help=text, description=text)
        parser.add_argument(
            "--demo",
            action="store_true",
            help="run on in-memory sample data instead of the database and S3",
        )


def _payment_jobs(config: ScheduledConfig, clock: Clock) -> Jobs:
    from hmpps_workers.adapters.payments.adi import (  # noqa: PLC0415
        OpenpyxlJournalWriter,
    )

    config.adi.check()  # say so before anything is selected
    store = scheduled_demo.payment_store()
    files = InMemoryFileStore()
    run = PaymentRun(
        store=store,
        files=files,
        journal=OpenpyxlJournalWriter(config.adi),
        clock=clock,
        progress=choose_progress(),
    )
    cleanup = PaymentFileCleanup(
        store=store, files=files, clock=clock, keep_for=config.payment_file_retention
    )
    return {"direct-payments": run.run, "payment-file-clean-up": cleanup.run}


def _daily_jobs(config: ScheduledConfig, clock: Clock) -> Jobs:
    daily = DailyJobs(
        store=scheduled_demo.daily_store(clock.now()),
        history=scheduled_demo.job_history(),
        files=InMemoryFileStore(),
        clock=clock,
        settings=config.daily,
        progress=choose_progress(),
    )
    return daily.jobs()


def _approval_jobs(clock: Clock) -> Jobs:
    store = scheduled_demo.deferred_store(clock.now())
    approvals = DeferredApprovals(
        store=store,
        approve=scheduled_demo.DemoApprover(store, clock),
        clock=clock,
        progress=choose_progress(),
    )
    return {"deferred-auto-approval": approvals.run}


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


def run(
    args: argparse.Namespace,
    *,
    environ: Mapping[str, str] | None = None,
    clock: Clock | None = None,
) -> int:
    """Configure, wire and run one scheduled command."""
    env = os.environ if environ is None else environ
    runner_logging.configure(
        env.get("LOGGING_LEVEL", "INFO").upper() or "INFO",
        env.get("LOG_FORMAT", "auto") or "auto",
    )
    if not args.demo:
        if args.command == "payment-run":
            ScheduledConfig.from_env(env).adi.check()  # before touching anything
        services = bootstrap_scheduled(environ=env, clock=clock)
        try:
            check_database(services.services)  # before touching anything
            jobs = scheduled_jobs.BUILDERS[args.command](services)
            log.info(
                "scheduled run starting",
                extra={
                    "command": args.command,
                    "database": services.services.config.database.description,
                },
            )
            return report(args.command, run_jobs(jobs))
        finally:
            services.close()
    config = ScheduledConfig.from_env(env)
    clock = clock or SystemClock()
    if args.command == "payment-run":
        jobs = _payment_jobs(config, clock)
    elif args.command == "daily-tasks":
        jobs = _daily_jobs(config, clock)
    else:
        jobs = _approval_jobs(clock)
    log.info("scheduled run starting", extra={"command": args.command, "demo": True})
    return report(args.command, run_jobs(jobs))
