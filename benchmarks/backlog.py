"""Claim time against the size of the backlog, with the plan PostgreSQL chose.

The Task table is filled with one INSERT ... SELECT generate_series: `total` rows of
which `ready` are PENDING (the rest COMPLETE). Each sample claims 10 in a transaction
that is rolled back, so every sample sees the same table. The claim the engine sends
is timed beside the claim before issue 17 (one OR predicate, ORDER BY over the whole
ready set), and EXPLAIN ANALYZE says how many rows the largest sort took in.

Dead index entries: the same claims after `total - ready` tasks went the engine's
way (PENDING, then IN-PROGRESS with a lease, then COMPLETE: two UPDATEs) on a table
with autovacuum off, so every index still holds the entries of the old row versions
and a claim reading an index in order steps over them; then the same claims after
VACUUM ANALYZE. The first claim after the completions is timed on its own, on
DEAD_REPS fresh tables: an index scan marks the dead entries it visits, so later
claims are cheaper even unvacuumed.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.schema import create_schema
from hmpps_workers.adapters.sql.task_statements import MSSQL_CLAIM_HINT, claim_statement
from hmpps_workers.adapters.sql.task_tables import TASK_TABLES
from hmpps_workers.core.tasks import Schema

LIMIT = 10
SAMPLES = 15
NOW = datetime(2026, 6, 1, tzinfo=UTC).replace(tzinfo=None)  # after every row
SHAPES = (  # (rows in the table, rows ready)
    (1_000, 100),
    (100_000, 100),
    (1_000_000, 100),
    (10_000, 10_000),
    (100_000, 100_000),
    (300_000, 300_000),
)


DEAD_SHAPES = ((100_000, 100), (1_000_000, 100))
DEAD_REPS = 3  # the first claim marks what it steps over: a fresh table per sample
BACKLOG = "backlog"
DEAD = "dead index entries"
VACUUMED = "after VACUUM"


@attrs.frozen(kw_only=True)
class ClaimTiming:
    """Median claim time and the largest sort in the plan, for one statement.

    `scenario` is BACKLOG (a freshly filled and vacuumed table), DEAD or VACUUMED;
    `first_ms` is the median of `firsts`, the first claim of each fresh table.
    """

    statement: str
    rows: int
    ready: int
    median_ms: float
    largest_sort: int
    scenario: str = BACKLOG
    first_ms: float | None = None
    firsts: tuple[float, ...] = ()


def legacy_claim(table: sa.Table, limit: int) -> sa.Update:
    """The claim before issue 17: one OR over both kinds of ready row, sorted."""
    c = table.c
    now: sa.BindParameter[datetime] = sa.bindparam("now")
    ready = sa.or_(
        sa.and_(
            c.Status == "PENDING",
            sa.or_(c.NextAttemptDate.is_(None), c.NextAttemptDate <= now),
        ),
        sa.and_(c.Status == "IN-PROGRESS", c.LeaseExpiryDate < now),
    )
    chosen = (
        sa.select(c.TaskId)
        .where(ready)
        .order_by(c.DateCreated, c.TaskId)
        .limit(limit)
        .with_hint(table, MSSQL_CLAIM_HINT, "mssql")
        .with_for_update(skip_locked=True)
        .cte("claim")
    )
    return (
        sa.update(table)
        .where(c.TaskId.in_(sa.select(chosen.c.TaskId)))
        .values(
            Status="IN-PROGRESS",
            Attempts=sa.func.coalesce(c.Attempts, 0) + 1,
            LeaseExpiryDate=sa.bindparam("lease_expires"),
            LeaseOwner=sa.bindparam("owner"),
        )
        .returning(*table.c)
    )


def fill(engine: sa.Engine, *, rows: int, ready: int) -> None:
    """Replace the IntSchema queue with `rows` tasks, the newest `ready` PENDING."""
    with engine.begin() as connection:
        connection.exec_driver_sql('TRUNCATE "IntSchema"."Task"')
        connection.exec_driver_sql(
            'INSERT INTO "IntSchema"."Task" ("Task", "Status", "DateCreated")'
            " SELECT 'BENCH-NOOP',"
            " CASE WHEN g > %(done)s THEN 'PENDING' ELSE 'COMPLETE' END,"
            " timestamp '2026-01-01' + g * interval '1 millisecond'"
            " FROM generate_series(1, %(rows)s) AS g",
            {"done": rows - ready, "rows": rows},
        )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.exec_driver_sql('VACUUM ANALYZE "IntSchema"."Task"')


def fill_then_complete(engine: sa.Engine, *, rows: int, ready: int) -> None:
    """`rows` PENDING tasks; all but the newest `ready` leased, then completed.

    Autovacuum is off on the table, so the old row versions and their index
    entries stay until `vacuum` runs.
    """
    done = {"done": rows - ready}
    with engine.begin() as connection:
        connection.exec_driver_sql('TRUNCATE "IntSchema"."Task" RESTART IDENTITY')
        connection.exec_driver_sql(
            'ALTER TABLE "IntSchema"."Task" SET (autovacuum_enabled = off)'
        )
        connection.exec_driver_sql(
            'INSERT INTO "IntSchema"."Task" ("Task", "Status", "DateCreated")'
            " SELECT 'BENCH-NOOP', 'PENDING',"
            " timestamp '2026-01-01' + g * interval '1 millisecond'"
            " FROM generate_series(1, %(rows)s) AS g",
            {"rows": rows},
        )
    vacuum(engine)
    with engine.begin() as connection:
        leased = connection.exec_driver_sql(
            'UPDATE "IntSchema"."Task" SET "Status" = \'IN-PROGRESS\', "Attempts" = 1,'
            ' "LeaseOwner" = \'bench\', "LeaseExpiryDate" = "DateCreated"'
            " + interval '30 minutes' WHERE \"TaskId\" <= %(done)s",
            done,
        )
    with engine.begin() as connection:
        completed = connection.exec_driver_sql(
            'UPDATE "IntSchema"."Task" SET "Status" = \'COMPLETE\','
            ' "DateProcessed" = "DateCreated" WHERE "TaskId" <= %(done)s',
            done,
        )
    if (leased.rowcount, completed.rowcount) != (rows - ready, rows - ready):
        msg = (
            f"dead-entry table not as planned: {leased.rowcount}, {completed.rowcount}"
        )
        raise RuntimeError(msg)


def vacuum(engine: sa.Engine) -> None:
    """VACUUM ANALYZE the IntSchema queue (what autovacuum would have done)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.exec_driver_sql('VACUUM ANALYZE "IntSchema"."Task"')


def _driver_sql(engine: sa.Engine, statement: sa.Update) -> tuple[str, dict[str, Any]]:
    compiled = statement.compile(dialect=engine.dialect)
    params = compiled.construct_params(
        {"now": NOW, "lease_expires": NOW + timedelta(minutes=30), "owner": "bench"}
    )
    return str(compiled), dict(params)


def _sorts(plan: dict[str, Any]) -> Iterator[int]:
    if plan.get("Node Type") in {"Sort", "Incremental Sort"}:
        yield max((p.get("Actual Rows", 0) for p in plan.get("Plans", [])), default=0)
    for child in plan.get("Plans", []):
        yield from _sorts(child)


def time_claim(
    engine: sa.Engine, name: str, statement: sa.Update
) -> tuple[float, int, float]:
    """Median ms of SAMPLES rolled-back claims, the largest sort, the first claim."""
    sql, params = _driver_sql(engine, statement)
    samples = []
    with engine.connect() as connection:
        for _ in range(SAMPLES):
            start = time.perf_counter()
            connection.exec_driver_sql(sql, params).fetchall()
            samples.append((time.perf_counter() - start) * 1000)
            connection.rollback()
        raw = connection.exec_driver_sql(
            f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params
        ).scalar_one()
        connection.rollback()
    plan = raw if isinstance(raw, list) else json.loads(raw)
    del name
    largest = max(_sorts(plan[0]["Plan"]), default=0)
    return statistics.median(samples), largest, samples[0]


def _statements(table: sa.Table) -> dict[str, sa.Update]:
    return {
        "claim (issue 17)": claim_statement(table, LIMIT),
        "claim before": legacy_claim(table, LIMIT),
    }


def _timed(
    engine: sa.Engine,
    statements: dict[str, sa.Update],
    rows: int,
    ready: int,
    scenario: str,
) -> list[ClaimTiming]:
    timings = []
    for name, statement in statements.items():
        median, largest, first = time_claim(engine, name, statement)
        timings.append(
            ClaimTiming(
                statement=name,
                rows=rows,
                ready=ready,
                median_ms=median,
                largest_sort=largest,
                scenario=scenario,
                first_ms=first,
            )
        )
        print(format_timing(timings[-1]), flush=True)
    return timings


def _dead(
    engine: sa.Engine, name: str, statement: sa.Update, rows: int, ready: int
) -> list[ClaimTiming]:
    """DEAD_REPS fresh tables timed unvacuumed, then the last one after VACUUM."""
    runs = []
    for _ in range(DEAD_REPS):
        fill_then_complete(engine, rows=rows, ready=ready)
        runs.append(time_claim(engine, name, statement))
    firsts = tuple(first for _, _, first in runs)
    dead = ClaimTiming(
        statement=name,
        rows=rows,
        ready=ready,
        median_ms=statistics.median(median for median, _, _ in runs),
        largest_sort=max(largest for _, largest, _ in runs),
        scenario=DEAD,
        first_ms=statistics.median(firsts),
        firsts=firsts,
    )
    print(format_timing(dead), flush=True)
    vacuum(engine)
    return [dead, *_timed(engine, {name: statement}, rows, ready, VACUUMED)]


def measure_dead_entries(engine: sa.Engine) -> list[ClaimTiming]:
    """Each DEAD_SHAPE unvacuumed, then vacuumed; both statements; autovacuum off."""
    table = TASK_TABLES[Schema.INT]
    timings = []
    try:
        for rows, ready in DEAD_SHAPES:
            for name, statement in _statements(table).items():
                timings += _dead(engine, name, statement, rows, ready)
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                'ALTER TABLE "IntSchema"."Task" RESET (autovacuum_enabled)'
            )
    return timings


def measure_backlog(url: str) -> list[ClaimTiming]:
    """Every shape, both statements, then the dead-entry scenarios, at `url`."""
    engine = create_database_engine(url)
    create_schema(engine)
    table = TASK_TABLES[Schema.INT]
    timings = []
    try:
        for rows, ready in SHAPES:
            fill(engine, rows=rows, ready=ready)
            timings += _timed(engine, _statements(table), rows, ready, BACKLOG)
        print(
            "claim of 10 after completions with autovacuum off, then after VACUUM"
            f" (first claim: median of {DEAD_REPS} fresh tables; then median of"
            f" {SAMPLES})"
        )
        timings += measure_dead_entries(engine)
    finally:
        engine.dispose()
    return timings


def format_timing(timing: ClaimTiming) -> str:
    """One aligned line."""
    where = "" if timing.scenario == BACKLOG else f" [{timing.scenario}]"
    first = ""
    if timing.scenario != BACKLOG and timing.first_ms is not None:
        first = f" first {timing.first_ms:8.2f} ms"
        if len(timing.firsts) > 1:
            first += f" ({min(timing.firsts):.2f}-{max(timing.firsts):.2f})"
        first += ", median"
    return (
        f"{timing.statement:<17} {timing.rows:>9,} rows {timing.ready:>7,} ready:"
        f"{first} {timing.median_ms:8.2f} ms, largest sort {timing.largest_sort:,}"
        f" rows{where}"
    )


def verdict(timings: list[ClaimTiming]) -> str:
    """Claim of 10 at 300k ready against 100 ready; dead entries against VACUUM."""
    ours = {
        (t.rows, t.ready): t.median_ms
        for t in timings
        if "17" in t.statement and t.scenario == BACKLOG
    }
    ratio = ours[(300_000, 300_000)] / ours[(1_000, 100)]
    lines = [f"claim at 300k ready / claim at 100 ready: {ratio:.2f} (target <= 2)"]
    for rows, ready in DEAD_SHAPES:
        by = {
            (t.statement, t.scenario): t
            for t in timings
            if (t.rows, t.ready) == (rows, ready) and t.scenario != BACKLOG
        }
        parts = []
        for name in ("claim (issue 17)", "claim before"):
            dead, clean = by.get((name, DEAD)), by.get((name, VACUUMED))
            if dead is None or clean is None or dead.first_ms is None:
                continue
            parts.append(
                f"{name}: first {dead.first_ms / clean.median_ms:.1f}x,"
                f" median {dead.median_ms / clean.median_ms:.1f}x"
            )
        if parts:
            lines.append(
                f"dead entries / after VACUUM at {rows:,} rows, {ready:,} ready: "
                + "; ".join(parts)
            )
    return "\n".join(lines)
