"""The prison-visits commands: worker-tasks, tasks, db, the scheduled runs, fakes."""

from __future__ import annotations

import argparse
import logging
import re
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.tasks import Schema, TaskFilter, TaskStatus
from hmpps_workers.runners.prison_visits import fakes

if TYPE_CHECKING:
    from hmpps_workers.runners.prison_visits.bootstrap import Services

# A command imports the wiring, handlers and operator tools when it runs, so the
# parser every command builds costs none of them (docs/development.md).

log = logging.getLogger("hmpps_workers.runners")

EXIT_OK, EXIT_FAILURES = 0, 1
_DURATION = re.compile(r"^(\d+)([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


SCHEDULED = {
    "daily-tasks": "the daily jobs of the claims worker (the 04:30 CronJob)",
    "auto-approval": "approve deferred auto-approvals nobody has changed (03:30)",
    "payment-run": "bank payment files, ADI journal and clean-up (00:05 Mon-Fri)",
}


def _add_scheduled(commands: Any) -> None:  # noqa: ANN401 - argparse's private type
    """Add the three scheduled commands (`scheduled` runs them)."""
    for name, text in SCHEDULED.items():
        parser = commands.add_parser(name, help=text, description=text)
        parser.add_argument(
            "--demo",
            action="store_true",
            help="run on a throwaway SQLite file of sample claims, files in memory",
        )


def duration(text: str) -> timedelta:
    """Parse `90s`, `15m`, `2h` or `3d`."""
    match = _DURATION.match(text.strip())
    if not match:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a duration like 15m, 2h or 3d"
        )
    return timedelta(**{_UNITS[match[2]]: int(match[1])})


def schema(text: str) -> Schema:
    """Accept ExtSchema/IntSchema in any case, or ext/int."""
    lowered = text.strip().lower()
    for value in Schema:
        if lowered in {value.value.lower(), value.value.lower().removesuffix("schema")}:
            return value
    raise argparse.ArgumentTypeError(f"{text!r} is not ExtSchema or IntSchema")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--schema", type=schema, help="ExtSchema or IntSchema")
    parser.add_argument(
        "--type",
        dest="types",
        action="append",
        default=[],
        metavar="TASK",
        help="task type (repeatable)",
    )
    parser.add_argument(
        "--older-than",
        type=duration,
        metavar="AGE",
        help="created at least this long ago: 15m, 2h, 3d",
    )
    parser.add_argument(
        "--limit", type=_positive, default=100, help="at most this many (default 100)"
    )


def add_parsers(commands: Any) -> None:  # noqa: ANN401 - argparse's private type
    """Add the prison-visits commands to the top-level command line."""
    worker = commands.add_parser(
        "worker-tasks",
        help="claim and run prison-visits tasks (the 5-minute CronJob)",
        description="Drain ExtSchema then IntSchema tasks until none is ready, then"
        " exit (non-zero if any task failed). With --poll, keep going until SIGTERM.",
    )
    worker.add_argument(
        "--poll",
        action="store_true",
        help="keep polling, backing off while idle, until SIGTERM",
    )
    worker.add_argument(
        "--batch-size",
        type=_positive,
        help="tasks per claim (default APVS_ASYNC_WORKER_BATCH_SIZE)",
    )
    worker.add_argument(
        "--max-batches",
        type=_positive,
        help="stop after this many batches (default: drain)",
    )
    worker.add_argument(
        "--registry",
        default="prison-visits",
        help="handlers: prison-visits, diagnostics, or module:callable",
    )

    tasks = commands.add_parser("tasks", help="inspect and retry tasks (operators)")
    task_commands = tasks.add_subparsers(
        dest="task_command", required=True, metavar="ACTION"
    )
    listing = task_commands.add_parser("list", help="list tasks by status, type, age")
    _filter_arguments(listing)
    listing.add_argument(
        "--status",
        dest="statuses",
        action="append",
        default=[],
        help="PENDING, IN-PROGRESS, COMPLETE, FAILED (repeatable)",
    )
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    retry = task_commands.add_parser(
        "retry",
        help="set FAILED (or stranded IN-PROGRESS) tasks back to PENDING",
        description="Requeue failed tasks by id (with --schema) or by type. Tasks a"
        " worker holds a live lease on are never touched.",
    )
    _filter_arguments(retry)
    retry.add_argument(
        "--id",
        dest="ids",
        action="append",
        type=int,
        default=[],
        help="task id (repeatable; needs --schema)",
    )
    stalled = task_commands.add_parser(
        "stalled",
        help="claims whose follow-on work stopped: a FAILED task naming a claim",
        description="Each FAILED task that names a claim: its reference, claim id,"
        " task type and reason, and the `tasks retry` arguments that re-run it.",
    )
    _filter_arguments(stalled)
    stalled.add_argument("--json", action="store_true", help="one JSON object per line")
    counts = task_commands.add_parser("counts", help="count tasks by schema and status")
    counts.add_argument("--json", action="store_true")

    database = commands.add_parser("db", help="create or migrate the database")
    db_commands = database.add_subparsers(
        dest="db_command", required=True, metavar="ACTION"
    )
    db_commands.add_parser(
        "init", help="create schemas and tables (SQLite, PostgreSQL)"
    )
    db_commands.add_parser("migrate", help="add the retry columns to existing tables")
    script = db_commands.add_parser(
        "script", help="print the migration script for a DBA"
    )
    script.add_argument(
        "--dialect", choices=("mssql", "postgresql", "sqlite"), default="mssql"
    )

    fakes.add_parser(commands)
    _add_scheduled(commands)


def run_worker(services: Services, args: argparse.Namespace) -> int:
    """Drain (or poll) the task queues and report."""
    from hmpps_workers.runners.prison_visits import handlers  # noqa: PLC0415
    from hmpps_workers.runners.prison_visits.bootstrap import build_worker  # noqa: PLC0415
    from hmpps_workers.runners.process import on_stop  # noqa: PLC0415

    registry = handlers.load(args.registry)(services)
    worker = build_worker(services, registry, batch_size=args.batch_size)
    on_stop(worker.stop, message="stopping after the task in hand")
    log.info(
        "worker starting",
        extra={
            "database": services.config.database.description,
            "batch_size": worker.batch_size,
            "mode": "poll" if args.poll else "drain",
            "handlers": len(registry),
        },
    )
    report = worker.poll() if args.poll else worker.drain(max_batches=args.max_batches)
    log.info(
        "worker finished",
        extra={
            "batches": report.batches,
            "claimed": report.claimed,
            "completed": report.completed,
            "failed": report.failed,
            "retried": report.retried,
            "released": report.released,
            "lease_lost": report.lease_lost,
            "store_errors": report.store_errors,
        },
    )
    return EXIT_OK if report.ok else EXIT_FAILURES


def _task_filter(
    args: argparse.Namespace, *, statuses: Sequence[str] = ()
) -> TaskFilter:
    return TaskFilter(
        schema=args.schema,
        statuses=tuple(statuses),
        task_types=tuple(args.types),
        task_ids=tuple(getattr(args, "ids", ())),
        older_than=args.older_than,
        limit=args.limit,
    )


def run_tasks(services: Services, args: argparse.Namespace) -> int:
    """The operator commands."""
    from hmpps_workers.runners.prison_visits.operator import (  # noqa: PLC0415
        print_counts,
        print_stalled_claims,
        print_tasks,
    )

    now = services.clock.now()
    store = services.task_store
    if args.task_command == "list":
        found = store.find(_task_filter(args, statuses=args.statuses), now=now)
        print_tasks(found, now=now, as_json=args.json)
    elif args.task_command == "stalled":
        found = store.find(_task_filter(args, statuses=(TaskStatus.FAILED,)), now=now)
        print_stalled_claims(found, now=now, as_json=args.json)
    elif args.task_command == "counts":
        print_counts(store.counts(), as_json=args.json)
    else:
        if args.ids and args.schema is None:
            raise ConfigurationError(
                "--id needs --schema: task ids repeat between schemas"
            )
        if not (args.ids or args.types):
            raise ConfigurationError("say which tasks to retry: --id or --type")
        count = store.requeue(_task_filter(args), now=now)
        print(f"{count} task(s) set back to PENDING")
    return EXIT_OK


def run_db(services: Services, args: argparse.Namespace) -> int:
    """Create or migrate the database."""
    from hmpps_workers.adapters.sql import migrations  # noqa: PLC0415
    from hmpps_workers.adapters.sql.schema import create_schema  # noqa: PLC0415

    if args.db_command == "init":
        create_schema(services.engine)
        print(f"schema ready on {services.config.database.description}")
    else:
        statements = migrations.apply(services.engine)
        print(f"{len(statements)} migration step(s) applied")
    return EXIT_OK


def run(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    """Run one prison-visits command; each reads only the configuration it needs."""
    if args.command == "db" and args.db_command == "script":
        from hmpps_workers.runners.prison_visits.operator import (  # noqa: PLC0415
            print_migration_script,
        )

        print_migration_script(args.dialect)
        return EXIT_OK
    if args.command == "fakes":
        return fakes.run(args)
    if args.command in SCHEDULED:
        from hmpps_workers.runners.prison_visits import scheduled  # noqa: PLC0415

        return scheduled.run(args, environ=env)
    from hmpps_workers.runners.heap import freeze_startup_heap  # noqa: PLC0415
    from hmpps_workers.runners.prison_visits.bootstrap import (  # noqa: PLC0415
        bootstrap,
        check_database,
    )
    from hmpps_workers.runners.prison_visits.config import WorkerConfig  # noqa: PLC0415

    services = bootstrap(WorkerConfig.from_env(env), environ=env)
    if args.command == "worker-tasks":
        # only the drain lives long enough for the collection it saves to pay
        freeze_startup_heap()
    commands = {"worker-tasks": run_worker, "tasks": run_tasks, "db": run_db}
    try:
        check_database(services)  # before claiming anything
        return commands[args.command](services, args)
    finally:
        services.close()
