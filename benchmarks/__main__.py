"""Run every scenario, print one table, write bench-results/tasks.json."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import attrs
import sqlalchemy as sa

from benchmarks import (
    approval,
    claims,
    ours,
    p2p,
    payments,
    procrastinate_bench,
    telemetry,
)
from benchmarks.harness import Measurement, measure
from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.schema import create_schema
from hmpps_workers.adapters.sql.task_tables import TASK_TABLES
from hmpps_workers.core.tasks import Schema

ADMIN_URL = os.environ.get(
    "HMPPS_WORKERS_TEST_POSTGRES_URL",
    "postgresql+psycopg://postgres@127.0.0.1:5432/test",
)
RESULTS = Path("bench-results")


@contextmanager
def postgres_database() -> Iterator[str]:
    """A scratch database on the local server, dropped afterwards."""
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"hmpps_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
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


def completed(url: str) -> Callable[[], int]:
    """Count COMPLETE IntSchema tasks at `url`."""

    def count() -> int:
        engine = create_database_engine(url)
        table = TASK_TABLES[Schema.INT]
        with engine.connect() as connection:
            done = connection.execute(
                sa.select(sa.func.count()).where(table.c.Status == "COMPLETE")
            ).scalar_one()
        engine.dispose()
        return int(done)

    return count


def task_scenarios(
    tasks: int, workers: list[int], batches: list[int]
) -> list[Measurement]:
    """Our engine and the raw bound on SQLite and PostgreSQL, then procrastinate."""
    rows: list[Measurement] = []
    with tempfile.TemporaryDirectory() as scratch, postgres_database() as pg_url:
        sqlite_url = f"sqlite:///{Path(scratch) / 'bench.db'}"
        for database, url, raw in (
            ("sqlite", sqlite_url, ours.run_raw_sqlite),
            ("postgresql", pg_url, ours.run_raw_postgresql),
        ):
            engine = create_database_engine(url)
            create_schema(engine)
            for count in workers:
                for batch in batches:
                    for system, target in (
                        ("hmpps-workers", ours.run_engine),
                        ("raw SQL", raw),
                    ):
                        ours.seed(engine, tasks)
                        rows.append(
                            measure(
                                system=system,
                                database=database,
                                url=url,
                                workers=count,
                                batch_size=batch,
                                target=target,
                                expected=tasks,
                                count_done=completed(url),
                            )
                        )
                        print(format_row(rows[-1]), flush=True)
            engine.dispose()
        for count in workers:
            with postgres_database() as proc_url:
                procrastinate_bench.seed(proc_url, tasks)
                rows.append(
                    measure(
                        system="procrastinate",
                        database="postgresql",
                        url=proc_url,
                        workers=count,
                        batch_size=1,
                        target=procrastinate_bench.run,
                        expected=tasks,
                        count_done=lambda u=proc_url: procrastinate_bench.succeeded(u),
                    )
                )
                print(format_row(rows[-1]), flush=True)
    return rows


HEADER = f"{'system':<15} {'database':<11} {'workers':>7} {'batch':>6} {'tasks':>7} {'seconds':>8} {'tasks/s':>9}"


def format_row(row: Measurement) -> str:
    """One aligned line of the table."""
    return (
        f"{row.system:<15} {row.database:<11} {row.workers:>7} {row.batch_size or '-':>6}"
        f" {row.tasks:>7} {row.seconds:>8.2f} {row.per_second:>9.0f}"
    )


def verdict(rows: list[Measurement]) -> list[str]:
    """The targets of issue 2, checked on the 4-worker PostgreSQL rows."""
    lines = []
    pg4 = [
        r
        for r in rows
        if r.database == "postgresql" and r.workers == max(r.workers for r in rows)
    ]
    best = {
        s: max((r.per_second for r in pg4 if r.system == s), default=0.0)
        for s in ("hmpps-workers", "raw SQL", "procrastinate")
    }
    if best["raw SQL"]:
        lines.append(
            f"hmpps-workers / raw bound: {best['hmpps-workers'] / best['raw SQL']:.2f} (target >= 0.5)"
        )
    if best["procrastinate"]:
        lines.append(
            f"hmpps-workers / procrastinate: {best['hmpps-workers'] / best['procrastinate']:.1f}x (target >= 5x)"
        )
    return lines


def main(argv: list[str]) -> int:
    """Parse options, run, print, write JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--tasks", type=int, default=5000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--batch", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--decisions", type=int, default=50_000)
    parser.add_argument("--claims", type=int, default=100)
    parser.add_argument("--payments", type=int, default=10_000)
    parser.add_argument("--skip-p2p", action="store_true")
    parser.add_argument("--skip-telemetry", action="store_true")
    args = parser.parse_args(argv)
    decisions = approval.measure_decisions(args.decisions)
    print(f"auto-approval decisions in core: {decisions:,.0f}/s (target >= 10,000)")
    with tempfile.TemporaryDirectory() as scratch, postgres_database() as pg_url:
        claim_rates = {
            "sqlite": claims.measure_claims(
                args.claims, database_url=f"sqlite:///{Path(scratch) / 'claims.db'}"
            ),
            "postgresql": claims.measure_claims(args.claims, database_url=pg_url),
        }
    for database, rate in claim_rates.items():
        print(
            f"claims through COMPLETE-CLAIM to auto-approval ({database}): {rate:,.1f}/s"
        )
    with postgres_database() as pg_url:
        payment_runs = {
            "sqlite": payments.measure_payment_run(args.payments),
            "postgresql": payments.measure_payment_run(args.payments, url=pg_url),
        }
    for database, (seconds, peak) in payment_runs.items():
        print(
            f"payment run over {args.payments:,} approved claims ({database}):"
            f" {seconds:.2f} s, peak memory {peak / 2**20:.1f} MiB"
        )
    print()
    print(HEADER, flush=True)
    rows = task_scenarios(args.tasks, args.workers, args.batch)
    print("\n" + HEADER)
    for row in rows:
        print(format_row(row))
    for line in verdict(rows):
        print(line)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "tasks.json").write_text(
        json.dumps(
            [{**attrs.asdict(r), "per_second": r.per_second} for r in rows], indent=2
        )
    )
    (RESULTS / "approval.json").write_text(
        json.dumps({"decisions": args.decisions, "per_second": decisions}, indent=2)
    )
    (RESULTS / "payments.json").write_text(
        json.dumps(
            {
                "claims": args.payments,
                "runs": {
                    db: {"seconds": sec, "peak_bytes": peak}
                    for db, (sec, peak) in payment_runs.items()
                },
            },
            indent=2,
        )
    )
    (RESULTS / "claims.json").write_text(
        json.dumps({"claims": args.claims, "per_second": claim_rates}, indent=2)
    )
    print(f"\nwritten {RESULTS / 'tasks.json'}\n")
    if not args.skip_p2p:
        p2p.main([])
    if not args.skip_telemetry:
        print()
        telemetry.main([])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
