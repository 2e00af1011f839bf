"""SqlTaskStore: the TaskStore port on ExtSchema.Task and IntSchema.Task.

Each hot-path write is one statement (see `task_statements`), so on PostgreSQL and SQL
Server it runs in autocommit: one round trip instead of BEGIN, UPDATE, COMMIT. A
batch's outcomes are one guarded statement per kind on one connection. SQLite keeps
explicit single-writer transactions. A batch's outcomes and the next claim
(`record_and_claim`) are one transaction on one connection: on PostgreSQL, when
they are all completions, one pipelined round trip (`pipelined_reads`).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.driver_sql import write
from hmpps_workers.adapters.sql.engine import is_sqlite
from hmpps_workers.adapters.sql.errors import translate_errors
from hmpps_workers.adapters.sql.pipeline import Guards
from hmpps_workers.adapters.sql.pipelined_reads import pipelined_reads
from hmpps_workers.adapters.sql.raw_text import ENCODINGS, decode_row
from hmpps_workers.adapters.sql.task_statements import (
    claim_statement,
    complete_many_statement,
    complete_statement,
    count_statement,
    enqueue_many_statement,
    enqueue_statement,
    enqueue_values,
    fail_many_statement,
    find_statement,
    release_statement,
    requeue_statement,
    retry_many_statement,
)
from hmpps_workers.adapters.sql.task_tables import LEASE_OWNER_LENGTH, TASK_TABLES
from hmpps_workers.core.errors import LeaseLostError
from hmpps_workers.core.tasks.model import (
    NewTask,
    Outcomes,
    Schema,
    Task,
    TaskFilter,
    TaskStatus,
    clip_reason,
)

log = logging.getLogger(__name__)


def _status(value: str) -> TaskStatus | str:
    try:
        return TaskStatus(value)
    except ValueError:
        return value


TEXT_COLUMNS = (
    "Task",
    "Reference",
    "AdditionalData",
    "Status",
    "LeaseOwner",
    "LastError",
)


def row_to_task(
    schema: Schema, row: sa.Row[Any], encoding: str | None = "utf-8"
) -> Task:
    """Build a Task from a row of either Task table (text read raw or as text).

    A text value that does not decode is left None and named in `unreadable`, so
    the engine fails that task alone. `encoding` None: the driver sends text as
    text (PostgreSQL), so the row is read as it is, with no copy to decode, unless
    its Task column (never NULL) came as bytes (a SQL_ASCII database): then as UTF-8.
    """
    m: Mapping[Any, Any] = row._mapping  # noqa: SLF001 - the documented way to read a Row by name
    bad: list[str] = []
    sent_as = encoding or "utf-8"
    if encoding is not None or not isinstance(m["Task"], str):
        m, bad = decode_row(m, TEXT_COLUMNS, sent_as)
    unreadable = None
    if bad:
        unreadable = (
            f"the task row's {', '.join(bad)} is not valid"
            f" {sent_as.upper().replace('-LE', '')} text, so the task cannot be read;"
            " correct the row, then retry the task"
        )
    return Task(
        task_id=m["TaskId"],
        schema=schema,
        task=m["Task"] or "",
        reference=m["Reference"],
        eligibility_id=m["EligibilityId"],
        claim_id=m["ClaimId"],
        additional_data=m["AdditionalData"],
        status=_status(m["Status"] or ""),
        date_created=m["DateCreated"],
        date_processed=m["DateProcessed"],
        attempts=m["Attempts"] or 0,
        next_attempt=m["NextAttemptDate"],
        lease_expires=m["LeaseExpiryDate"],
        lease_owner=m["LeaseOwner"],
        last_error=m["LastError"],
        unreadable=unreadable,
    )


def enqueue_task(connection: sa.Connection, task: NewTask, *, now: datetime) -> int:
    """Insert a PENDING task on `connection`, inside the caller's transaction.

    Use this from your own service to enqueue work atomically with your own writes:
    the task exists if and only if your transaction commits.
    """
    return int(connection.execute(enqueue_statement(task, now=now)).scalar_one())


def enqueue_tasks(
    connection: sa.Connection, tasks: Sequence[NewTask], *, now: datetime
) -> None:
    """Insert PENDING tasks inside the caller's transaction: one executemany a schema.

    For callers that need no TaskId back (a handler's follow-on tasks).
    """
    for schema in dict.fromkeys(task.schema for task in tasks):
        rows = [enqueue_values(t, now=now) for t in tasks if t.schema is schema]
        write(connection, enqueue_many_statement(schema, list(rows[0])), rows)


def complete_task(
    connection: sa.Connection,
    task: Task,
    *,
    now: datetime,
    guards: Guards | None = None,
) -> None:
    """Mark `task` COMPLETE on `connection`, inside the caller's transaction.

    Guarded by status IN-PROGRESS and the task's lease owner; raises LeaseLostError
    when the lease was taken over, so the caller's whole transaction rolls back
    (with `guards`, when they are settled: `pipeline.write_pipelined`).
    """
    statement = complete_statement(TASK_TABLES[task.schema])
    params = {"task_id": task.task_id, "owner": task.lease_owner, "processed": now}
    result = write(connection, statement, params)
    (Guards() if guards is None else guards).expect(
        result, 1, lambda: LeaseLostError(f"lease lost on {task.describe()}")
    )


def _by_owner(tasks: Sequence[Task]) -> dict[tuple[Schema, str | None], list[Task]]:
    groups: dict[tuple[Schema, str | None], list[Task]] = defaultdict(list)
    for task in tasks:
        groups[(task.schema, task.lease_owner)].append(task)
    return groups


def _outcome_statements(
    outcomes: Outcomes, tables: Mapping[Schema, sa.Table]
) -> list[tuple[Schema, sa.Update, list[Task]]]:
    """One statement per outcome kind (and per schema and owner, in practice one)."""
    found: list[tuple[Schema, sa.Update, list[Task]]] = []
    for (schema, _), tasks in _by_owner(outcomes.completed).items():
        found.append((schema, complete_many_statement(tables[schema]), tasks))
    reasons = {f.task.key: f.reason for f in outcomes.failed}
    for (schema, _), tasks in _by_owner([f.task for f in outcomes.failed]).items():
        statement = fail_many_statement(
            tables[schema], {t.task_id: clip_reason(reasons[t.key]) for t in tasks}
        )
        found.append((schema, statement, tasks))
    retries = {r.task.key: r for r in outcomes.retried}
    for (schema, _), tasks in _by_owner([r.task for r in outcomes.retried]).items():
        statement = retry_many_statement(
            tables[schema],
            {t.task_id: retries[t.key].not_before for t in tasks},
            {t.task_id: clip_reason(retries[t.key].reason) for t in tasks},
        )
        found.append((schema, statement, tasks))
    return found


def _outcome_params(tasks: Sequence[Task], now: datetime) -> dict[str, Any]:
    return {
        "task_ids": [t.task_id for t in tasks],
        "owner": tasks[0].lease_owner,
        "processed": now,
    }


@attrs.define
class SqlTaskStore:
    """The TaskStore port on ExtSchema.Task and IntSchema.Task."""

    engine: sa.Engine
    tables: Mapping[Schema, sa.Table] = attrs.field(factory=lambda: dict(TASK_TABLES))
    _single: sa.Engine = attrs.field(init=False)
    _encoding: str | None = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        """Share the pool with an autocommit view for one-statement writes."""
        # None where text arrives as text (PostgreSQL): see `row_to_task`.
        self._encoding = ENCODINGS.get(self.engine.dialect.name)
        self._single = (
            self.engine
            if is_sqlite(self.engine)
            else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        )

    def _rows(
        self, statement: sa.Executable, params: dict[str, Any]
    ) -> list[sa.Row[Any]]:
        with self._single.begin() as conn:
            return list(conn.execute(statement, params).all())

    def _rowcount(self, statement: sa.Executable, params: dict[str, Any]) -> int:
        with self._single.begin() as conn:
            return conn.execute(statement, params).rowcount

    def claim(
        self,
        schema: Schema,
        *,
        limit: int,
        now: datetime,
        lease: timedelta,
        owner: str,
    ) -> Sequence[Task]:
        """Atomically lease up to `limit` ready tasks, oldest first."""
        statement = claim_statement(self.tables[schema], limit)
        params = {
            "now": now,
            "lease_expires": now + lease,
            "owner": owner[:LEASE_OWNER_LENGTH],
        }
        with translate_errors(f"claim {schema} tasks"):
            rows = self._on_live_connection(statement, params)
        tasks = [row_to_task(schema, row, self._encoding) for row in rows]
        tasks.sort(key=lambda t: (t.date_created, t.task_id))
        return tasks

    def _on_live_connection(
        self, statement: sa.Executable, params: dict[str, Any]
    ) -> Sequence[sa.Row[Any]]:
        # A pooled connection the server dropped fails on first use and invalidates
        # the pool; one more try then runs on a fresh connection. A claim that failed
        # that way was rolled back, so trying again cannot claim twice.
        try:
            return self._rows(statement, params)
        except sa.exc.DBAPIError as error:
            if not error.connection_invalidated:
                raise
        return self._rows(statement, params)

    def record_and_claim(
        self,
        outcomes: Outcomes,
        schema: Schema,
        *,
        limit: int,
        now: datetime,
        lease: timedelta,
        owner: str,
    ) -> tuple[frozenset[tuple[Schema, int]], Sequence[Task]]:
        """Write a batch's outcomes and lease the next tasks: one transaction.

        On PostgreSQL, when the outcomes are all completions, one round trip.
        """
        statements = _outcome_statements(outcomes, self.tables)
        reads: list[tuple[sa.Executable, dict[str, Any]]] = [
            (statement, _outcome_params(tasks, now))
            for _, statement, tasks in statements
        ]
        reads.append(
            (
                claim_statement(self.tables[schema], limit),
                {
                    "now": now,
                    "lease_expires": now + lease,
                    "owner": owner[:LEASE_OWNER_LENGTH],
                },
            )
        )
        # Only completions are kept statements; failures and retries are built
        # per batch (a reason per task), so they go through `execute`.
        pipelined = not (outcomes.failed or outcomes.retried)
        with translate_errors(f"record a batch's outcomes and claim {schema} tasks"):
            try:
                results = self._in_one_transaction(reads, pipelined=pipelined)
            except sa.exc.DBAPIError as error:
                # As `claim`: a dropped pooled connection fails on first use, and
                # the transaction was rolled back whole, so one more try is safe.
                if not error.connection_invalidated:
                    raise
                log.warning(
                    "database connection lost before recording a batch's outcomes"
                    " and claiming more; nothing was written, one more try on a"
                    " fresh connection",
                    extra={"schema": str(schema), "error": type(error.orig).__name__},
                )
                results = self._in_one_transaction(reads, pipelined=pipelined)
        written: set[tuple[Schema, int]] = set()
        for (table_schema, _, _), rows in zip(statements, results, strict=False):
            written.update((table_schema, int(row[0])) for row in rows)
        tasks = [row_to_task(schema, row, self._encoding) for row in results[-1]]
        tasks.sort(key=lambda t: (t.date_created, t.task_id))
        return frozenset(written), tasks

    def _in_one_transaction(
        self, reads: Sequence[tuple[sa.Executable, dict[str, Any]]], *, pipelined: bool
    ) -> list[list[sa.Row[Any]]]:
        with self.engine.connect() as conn:
            if pipelined and (found := pipelined_reads(conn, reads)) is not None:
                return [list(result.all()) for result in found]
            with conn.begin():
                return [
                    list(conn.execute(statement, params).all())
                    for statement, params in reads
                ]

    def _finish(
        self, task: Task, action: str, statement: sa.Update, **params: object
    ) -> bool:
        with translate_errors(f"{action} {task.describe()}"):
            params.update(task_id=task.task_id, owner=task.lease_owner)
            return self._rowcount(statement, params) == 1

    def record(
        self, outcomes: Outcomes, *, now: datetime
    ) -> frozenset[tuple[Schema, int]]:
        """Write a batch's outcomes, one guarded statement per kind, on one connection.

        Returns the tasks written; the others had lost their lease.
        """
        written: set[tuple[Schema, int]] = set()
        statements = _outcome_statements(outcomes, self.tables)
        if not statements:
            return frozenset()
        with (
            translate_errors("record a batch's outcomes"),
            self._single.begin() as conn,
        ):
            for schema, statement, tasks in statements:
                params = _outcome_params(tasks, now)
                ids = conn.execute(statement, params).scalars().all()
                written.update((schema, int(task_id)) for task_id in ids)
        return frozenset(written)

    def release(self, task: Task, *, now: datetime) -> bool:
        """Hand back an unstarted task, giving its attempt back."""
        del now
        return self._finish(
            task,
            "release",
            release_statement(self.tables[task.schema]),
            attempts=max(task.attempts - 1, 0),
        )

    def enqueue(self, task: NewTask, *, now: datetime) -> int:
        """Insert a PENDING task in its own transaction."""
        with (
            translate_errors(f"enqueue a {task.task} task"),
            self.engine.begin() as conn,
        ):
            return enqueue_task(conn, task, now=now)

    def _schemas(self, task_filter: TaskFilter) -> list[Schema]:
        return [task_filter.schema] if task_filter.schema else list(self.tables)

    def find(self, task_filter: TaskFilter, *, now: datetime) -> Sequence[Task]:
        """List matching tasks, oldest first."""
        found: list[Task] = []
        with translate_errors("list tasks"), self.engine.connect() as conn:
            for schema in self._schemas(task_filter):
                statement = find_statement(self.tables[schema], task_filter, now=now)
                found.extend(
                    row_to_task(schema, r, self._encoding)
                    for r in conn.execute(statement)
                )
        found.sort(key=lambda t: (t.date_created, t.schema, t.task_id))
        return found[: task_filter.limit]

    def counts(self) -> Mapping[tuple[Schema, str], int]:
        """Count tasks per schema and status."""
        result: dict[tuple[Schema, str], int] = {}
        with translate_errors("count tasks"), self.engine.connect() as conn:
            for schema, table in self.tables.items():
                statement = count_statement(table)
                for status, count in conn.execute(statement):
                    result[(schema, status)] = int(count)
        return result

    def requeue(self, task_filter: TaskFilter, *, now: datetime) -> int:
        """Set matching FAILED or stranded tasks back to PENDING, afresh."""
        total = 0
        with translate_errors("requeue tasks"), self.engine.begin() as conn:
            for schema in self._schemas(task_filter):
                remaining = attrs.evolve(task_filter, limit=task_filter.limit - total)
                statement = requeue_statement(self.tables[schema], remaining, now=now)
                total += len(conn.execute(statement).all())
                if total >= task_filter.limit:
                    break
        return total
