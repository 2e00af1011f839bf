"""Tasks per second: the engine, the limit loop and procrastinate, side by side.

Every configuration runs `reps` times on a freshly seeded queue; the table gives the
median and the spread (lowest to highest), and the verdict compares the engine with
the limit loop at 4 workers on PostgreSQL, batch by batch, in the same run.
"""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import attrs
import sqlalchemy as sa

from benchmarks import ours, procrastinate_bench
from benchmarks.harness import Target, measure
from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.schema import create_schema
from hmpps_workers.adapters.sql.task_tables import TASK_TABLES
from hmpps_workers.core.tasks import Schema

ENGINE = "hmpps-workers"
LIMIT = "limit loop"
PROCRASTINATE = "procrastinate"


@attrs.frozen(kw_only=True)
class Summary:
    """The repetitions of one configuration: median and spread of tasks per second."""

    system: str
    database: str
    workers: int
    batch_size: int | None
    tasks: int
    runs: tuple[float, ...]

    @property
    def median(self) -> float:
        """Median tasks per second."""
        return statistics.median(self.runs)

    @property
    def spread(self) -> tuple[float, float]:
        """Lowest and highest tasks per second."""
        return (min(self.runs), max(self.runs))


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


@attrs.frozen(kw_only=True)
class Plan:
    """What to run."""

    tasks: int
    procrastinate_tasks: int
    workers: tuple[int, ...]
    batches: tuple[int, ...]
    reps: int
    sqlite: bool


@attrs.frozen(kw_only=True)
class _Config:
    database: str
    url: str
    system: str
    target: Target
    workers: int
    batch: int


def _summarise(plan: Plan, engine: sa.Engine, configs: list[_Config]) -> list[Summary]:
    """Each system's repetitions, alternating (A, B, A, B, ...), each on a fresh table.

    One system's runs one after the other would meet the machine's drift together
    (another process, the page cache, autovacuum) and the other's not.
    """
    runs: list[list[float]] = [[] for _ in configs]
    for _ in range(plan.reps):
        for config, found in zip(configs, runs, strict=True):
            ours.seed(engine, plan.tasks)
            found.append(
                measure(
                    system=config.system,
                    database=config.database,
                    url=config.url,
                    workers=config.workers,
                    batch_size=config.batch,
                    target=config.target,
                    expected=plan.tasks,
                    count_done=completed(config.url),
                ).per_second
            )
    summaries = []
    for config, found in zip(configs, runs, strict=True):
        summary = Summary(
            system=config.system,
            database=config.database,
            workers=config.workers,
            batch_size=config.batch,
            tasks=plan.tasks,
            runs=tuple(found),
        )
        print(format_summary(summary), flush=True)
        summaries.append(summary)
    return summaries


def _ours(plan: Plan, database: str, url: str, limit_loop: Target) -> Iterator[Summary]:
    engine = create_database_engine(url)
    create_schema(engine)
    try:
        for count in plan.workers:
            for batch in plan.batches:
                yield from _summarise(
                    plan,
                    engine,
                    [
                        _Config(
                            database=database,
                            url=url,
                            system=system,
                            target=target,
                            workers=count,
                            batch=batch,
                        )
                        for system, target in (
                            (LIMIT, limit_loop),
                            (ENGINE, ours.run_engine),
                        )
                    ],
                )
    finally:
        engine.dispose()


def _procrastinate(
    plan: Plan, database: Callable[[], AbstractContextManager[str]]
) -> Iterator[Summary]:
    for count in plan.workers:
        runs = []
        for _ in range(plan.reps):
            with database() as url:
                procrastinate_bench.seed(url, plan.procrastinate_tasks)
                runs.append(
                    measure(
                        system=PROCRASTINATE,
                        database="postgresql",
                        url=url,
                        workers=count,
                        batch_size=1,
                        target=procrastinate_bench.run,
                        expected=plan.procrastinate_tasks,
                        count_done=lambda u=url: procrastinate_bench.succeeded(u),
                    ).per_second
                )
        summary = Summary(
            system=PROCRASTINATE,
            database="postgresql",
            workers=count,
            batch_size=None,
            tasks=plan.procrastinate_tasks,
            runs=tuple(runs),
        )
        print(format_summary(summary), flush=True)
        yield summary


def task_scenarios(
    plan: Plan, database: Callable[[], AbstractContextManager[str]]
) -> list[Summary]:
    """Every configuration; `database()` makes a scratch PostgreSQL database."""
    rows: list[Summary] = []
    print(HEADER, flush=True)
    with database() as pg_url:
        rows.extend(_ours(plan, "postgresql", pg_url, ours.run_limit_postgresql))
    rows.extend(_procrastinate(plan, database))
    if plan.sqlite:
        with tempfile.TemporaryDirectory() as scratch:
            url = f"sqlite:///{Path(scratch) / 'bench.db'}"
            rows.extend(_ours(plan, "sqlite", url, ours.run_limit_sqlite))
    return rows


HEADER = (
    f"{'system':<14} {'database':<10} {'workers':>7} {'batch':>5} {'tasks':>6}"
    f" {'median/s':>9} {'spread/s':>15}"
)


def format_summary(row: Summary) -> str:
    """One aligned line of the table."""
    low, high = row.spread
    return (
        f"{row.system:<14} {row.database:<10} {row.workers:>7}"
        f" {row.batch_size or '-':>5} {row.tasks:>6} {row.median:>9,.0f}"
        f" {f'{low:,.0f}-{high:,.0f}':>15}"
    )


def verdict(rows: list[Summary]) -> list[str]:
    """The engine against the limit loop at the most workers on PostgreSQL."""
    most = max(r.workers for r in rows)
    pg = {
        (r.system, r.batch_size): r.median
        for r in rows
        if r.database == "postgresql" and r.workers == most
    }
    lines = []
    for batch in sorted({b for s, b in pg if s == ENGINE and b is not None}):
        limit = pg.get((LIMIT, batch))
        if limit:
            ratio = pg[(ENGINE, batch)] / limit
            lines.append(
                f"engine / limit loop, {most} workers, batch {batch}:"
                f" {ratio:.2f} (target >= 0.5)"
            )
    best = max((v for (s, _), v in pg.items() if s == ENGINE), default=0.0)
    theirs = pg.get((PROCRASTINATE, None))
    if theirs:
        lines.append(f"engine (best batch) / procrastinate: {best / theirs:.1f}x")
    return lines
