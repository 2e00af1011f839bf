"""Run every scenario, print one table, write bench-results/tasks.json."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import attrs
import sqlalchemy as sa

from benchmarks import (
    approval,
    backlog,
    claims,
    p2p,
    p2p_http,
    payments,
    telemetry,
    throughput,
)

ADMIN_URL = os.environ.get(
    "HMPPS_WORKERS_TEST_POSTGRES_URL",
    "postgresql+psycopg://postgres@127.0.0.1:5432/test",
)
RESULTS = Path("bench-results")


@contextmanager
def postgres_database(template: str | None = None) -> Iterator[str]:
    """A scratch database on the local server, dropped afterwards.

    Given `template` (another scratch database's URL, with no one connected to it),
    the new database starts as a copy of it.
    """
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"hmpps_bench_{uuid.uuid4().hex[:8]}"
    copied = f' TEMPLATE "{sa.make_url(template).database}"' if template else ""
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"{copied}')
    try:
        yield (
            sa.make_url(ADMIN_URL)
            .set(database=name)
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()


def _claims(count: int) -> dict[str, claims.ClaimRun]:
    with tempfile.TemporaryDirectory() as scratch, postgres_database() as pg_url:
        runs = {
            "sqlite": claims.measure_claims(
                count, database_url=f"sqlite:///{Path(scratch) / 'claims.db'}"
            ),
            "postgresql": claims.measure_claims(count, database_url=pg_url),
        }
    for database, run in runs.items():
        print(
            f"claims through COMPLETE-CLAIM to auto-approval ({database}):"
            f" {run.per_second:,.1f}/s, {run.statements_per_claim:.1f} statements,"
            f" {run.begins_per_claim:.1f} transaction starts and"
            f" {run.commits_per_claim:.1f} commits per claim"
            f" (old harness total {run.harness_total_per_claim:.1f})"
        )
    print(
        "statements per claim by task type (transaction starts are not statements:"
        " SQLite's BEGIN IMMEDIATE is counted under begins, as PostgreSQL's unseen"
        " BEGIN is)"
    )
    for line in claims.breakdown(runs):
        print(line)
    print()
    return runs


def _payments(count: int) -> dict[str, tuple[float, int]]:
    with postgres_database() as pg_url:
        runs = {
            "sqlite": payments.measure_payment_run(count),
            "postgresql": payments.measure_payment_run(count, url=pg_url),
        }
    for database, (seconds, peak) in runs.items():
        print(
            f"payment run over {count:,} approved claims ({database}):"
            f" {seconds:.2f} s, peak memory {peak / 2**20:.1f} MiB"
        )
    return runs


def _write(name: str, value: object) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / name).write_text(json.dumps(value, indent=2))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--tasks", type=int, default=20_000)
    parser.add_argument("--procrastinate-tasks", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--batch", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--sqlite", action="store_true", help="task rows on SQLite")
    parser.add_argument("--decisions", type=int, default=50_000)
    parser.add_argument("--claims", type=int, default=100)
    parser.add_argument("--payments", type=int, default=10_000)
    parser.add_argument("--skip-backlog", action="store_true")
    parser.add_argument("--skip-p2p", action="store_true")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-telemetry", action="store_true")
    return parser


def main(argv: list[str]) -> int:
    """Parse options, run, print, write JSON."""
    args = _parser().parse_args(argv)
    decisions = approval.measure_decisions(args.decisions)
    print(f"auto-approval decisions in core: {decisions:,.0f}/s (target >= 10,000)")
    claim_runs = _claims(args.claims)
    payment_runs = _payments(args.payments)
    print()
    plan = throughput.Plan(
        tasks=args.tasks,
        procrastinate_tasks=args.procrastinate_tasks,
        workers=tuple(args.workers),
        batches=tuple(args.batch),
        reps=args.reps,
        sqlite=args.sqlite,
    )
    rows = throughput.task_scenarios(plan, postgres_database)
    print("\n" + throughput.HEADER)
    for row in rows:
        print(throughput.format_summary(row))
    for line in throughput.verdict(rows):
        print(line)
    timings: list[backlog.ClaimTiming] = []
    if not args.skip_backlog:
        print("\nclaim of 10 against the backlog (PostgreSQL, median of 15)")
        with postgres_database() as pg_url:
            timings = backlog.measure_backlog(pg_url)
        print(backlog.verdict(timings))
    _write(
        "tasks.json",
        [{**attrs.asdict(r), "median": r.median, "spread": r.spread} for r in rows],
    )
    _write("backlog.json", [attrs.asdict(t) for t in timings])
    _write("approval.json", {"decisions": args.decisions, "per_second": decisions})
    _write(
        "payments.json",
        {
            "claims": args.payments,
            "runs": {
                db: {"seconds": sec, "peak_bytes": peak}
                for db, (sec, peak) in payment_runs.items()
            },
        },
    )
    _write(
        "claims.json",
        {"claims": args.claims}
        | {db: attrs.asdict(run) for db, run in claim_runs.items()},
    )
    print(f"\nwritten {RESULTS}/*.json\n")
    if not args.skip_p2p:
        p2p.main([])
    if not args.skip_http:
        print()
        p2p_http.main([])
    if not args.skip_telemetry:
        print()
        telemetry.main([])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
