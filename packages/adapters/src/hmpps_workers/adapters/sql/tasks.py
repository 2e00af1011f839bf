"""SqlTaskStore: atomic claims on SQL Server, PostgreSQL and SQLite.

The claim is one statement on every backend: a CTE picks the oldest ready rows and an
UPDATE leases them, returning the rows it changed. SQL Server needs explicit table hints
(SQLAlchemy silently drops `with_for_update` there), PostgreSQL gets `FOR UPDATE SKIP
LOCKED`, and SQLite takes the database write lock when the transaction begins.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.errors import translate_errors
from hmpps_workers.adapters.sql.task_tables import LEASE_OWNER_LENGTH, TASK_TABLES
from hmpps_workers.core.tasks.model import (
    NewTask,
    Schema,
    Task,
    TaskFilter,
    TaskStatus,
    clip_reason,
)

_T = TypeVar("_T")
MSSQL_CLAIM_HINT = "WITH (ROWLOCK, UPDLOCK, READPAST)"
PENDING = TaskStatus.PENDING.value
IN_PROGRESS = TaskStatus.IN_PROGRESS.value


def _ready(table: sa.Table, now: datetime) -> sa.ColumnElement[bool]:
    c = table.c
    return sa.or_(
        sa.and_(
            c.Status == PENDING,
            sa.or_(c.NextAttemptDate.is_(None), c.NextAttemptDate <= now),
        ),
        sa.and_(c.Status == IN_PROGRESS, c.LeaseExpiryDate < now),
    )


def claim_statement(
    table: sa.Table, *, limit: int, now: datetime, lease: timedelta, owner: str
) -> sa.Update:
    """Build the one-statement claim of up to `limit` ready tasks from `table`."""
    c = table.c
    chosen = (
        sa.select(c.TaskId)
        .where(_ready(table, now))
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
            Status=IN_PROGRESS,
            Attempts=sa.func.coalesce(c.Attempts, 0) + 1,
            LeaseExpiryDate=now + lease,
            LeaseOwner=owner[:LEASE_OWNER_LENGTH],
        )
        .returning(*table.c)
    )


def _owned(table: sa.Table, task: Task) -> sa.ColumnElement[bool]:
    c = table.c
    return sa.and_(
        c.TaskId == task.task_id,
        c.Status == IN_PROGRESS,
        c.LeaseOwner == task.lease_owner,
    )


def finish_statement(table: sa.Table, task: Task, **values: object) -> sa.Update:
    """Build the guarded update that records a claimed task's outcome."""
    return sa.update(table).where(_owned(table, task)).values(**values)


def _filtered(table: sa.Table, task_filter: TaskFilter, now: datetime) -> list[Any]:
    c = table.c
    clauses: list[Any] = []
    if task_filter.statuses:
        clauses.append(c.Status.in_(task_filter.statuses))
    if task_filter.task_types:
        clauses.append(c.Task.in_(task_filter.task_types))
    if task_filter.task_ids:
        clauses.append(c.TaskId.in_(task_filter.task_ids))
    if task_filter.older_than is not None:
        clauses.append(c.DateCreated <= now - task_filter.older_than)
    return clauses


def _requeueable(table: sa.Table, now: datetime) -> sa.ColumnElement[bool]:
    c = table.c
    return sa.or_(
        c.Status == TaskStatus.FAILED.value,
        sa.and_(
            c.Status == IN_PROGRESS,
            sa.or_(c.LeaseExpiryDate.is_(None), c.LeaseExpiryDate < now),
        ),
    )


def _status(value: str) -> TaskStatus | str:
    try:
        return TaskStatus(value)
    except ValueError:
        return value


def row_to_task(schema: Schema, row: sa.Row[Any]) -> Task:
    """Build a Task from a row of either Task table."""
    m = row._mapping  # noqa: SLF001 - the documented way to read a Row by name
    return Task(
        task_id=m["TaskId"],
        schema=schema,
        task=m["Task"],
        reference=m["Reference"],
        eligibility_id=m["EligibilityId"],
        claim_id=m["ClaimId"],
        additional_data=m["AdditionalData"],
        status=_status(m["Status"]),
        date_created=m["DateCreated"],
        date_processed=m["DateProcessed"],
        attempts=m["Attempts"] or 0,
        next_attempt=m["NextAttemptDate"],
        lease_expires=m["LeaseExpiryDate"],
        lease_owner=m["LeaseOwner"],
        last_error=m["LastError"],
    )


def enqueue_statement(task: NewTask, *, now: datetime) -> sa.Insert:
    """Build the INSERT of a PENDING task, returning its identity."""
    table = TASK_TABLES[task.schema]
    return (
        sa.insert(table)
        .values(
            Task=task.task,
            Reference=task.reference,
            EligibilityId=task.eligibility_id,
            ClaimId=task.claim_id,
            AdditionalData=task.additional_data,
            DateCreated=now,
            Status=PENDING,
            NextAttemptDate=task.not_before,
        )
        .returning(table.c.TaskId)
    )


def enqueue_task(connection: sa.Connection, task: NewTask, *, now: datetime) -> int:
    """Insert a PENDING task on `connection`, inside the caller's transaction.

    Use this from your own service to enqueue work atomically with your own writes:
    the task exists if and only if your transaction commits.
    """
    return int(connection.execute(enqueue_statement(task, now=now)).scalar_one())


def find_statement(
    table: sa.Table, task_filter: TaskFilter, *, now: datetime
) -> sa.Select[Any]:
    """Build the operator listing: oldest first, filtered, limited."""
    return (
        sa.select(table)
        .where(*_filtered(table, task_filter, now))
        .order_by(table.c.DateCreated, table.c.TaskId)
        .limit(task_filter.limit)
    )


def count_statement(table: sa.Table) -> sa.Select[Any]:
    """Build the count of tasks per status."""
    return sa.select(table.c.Status, sa.func.count()).group_by(table.c.Status)


def requeue_statement(
    table: sa.Table, task_filter: TaskFilter, *, now: datetime
) -> sa.Update:
    """Build the update that sets matching FAILED or stranded tasks back to PENDING."""
    chosen = (
        sa.select(table.c.TaskId)
        .where(_requeueable(table, now), *_filtered(table, task_filter, now))
        .order_by(table.c.DateCreated, table.c.TaskId)
        .limit(task_filter.limit)
        .cte("chosen")
    )
    return (
        sa.update(table)
        # Checked again at update time: a worker may have claimed the row meanwhile.
        .where(table.c.TaskId.in_(sa.select(chosen.c.TaskId)), _requeueable(table, now))
        .values(
            Status=PENDING,
            DateProcessed=None,
            Attempts=0,
            NextAttemptDate=None,
            LeaseExpiryDate=None,
            LeaseOwner=None,
        )
        # Rows are counted from what comes back: SQLite reports no rowcount for an
        # UPDATE that starts with WITH.
        .returning(table.c.TaskId)
    )


@attrs.define
class SqlTaskStore:
    """The TaskStore port on ExtSchema.Task and IntSchema.Task."""

    engine: sa.Engine
    tables: Mapping[Schema, sa.Table] = attrs.field(factory=lambda: dict(TASK_TABLES))

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
        statement = claim_statement(
            self.tables[schema], limit=limit, now=now, lease=lease, owner=owner
        )
        with translate_errors(f"claim {schema} tasks"):
            rows = self._on_live_connection(lambda conn: conn.execute(statement).all())
        tasks = [row_to_task(schema, row) for row in rows]
        tasks.sort(key=lambda t: (t.date_created, t.task_id))
        return tasks

    def _on_live_connection(self, work: Callable[[sa.Connection], _T]) -> _T:
        # A pooled connection the server dropped fails on first use and invalidates
        # the pool; one more try then runs on a fresh connection. A claim that failed
        # that way was rolled back, so trying again cannot claim twice.
        try:
            with self.engine.begin() as conn:
                return work(conn)
        except sa.exc.DBAPIError as error:
            if not error.connection_invalidated:
                raise
        with self.engine.begin() as conn:
            return work(conn)

    def _finish(self, task: Task, action: str, **values: object) -> bool:
        statement = finish_statement(self.tables[task.schema], task, **values)
        with (
            translate_errors(f"{action} {task.describe()}"),
            self.engine.begin() as conn,
        ):
            return conn.execute(statement).rowcount == 1

    def complete(self, task: Task, *, now: datetime) -> bool:
        """Mark COMPLETE if the lease is still ours."""
        return self._finish(
            task,
            "complete",
            Status=TaskStatus.COMPLETE.value,
            DateProcessed=now,
            LeaseExpiryDate=None,
        )

    def fail(self, task: Task, *, now: datetime, reason: str) -> bool:
        """Mark FAILED with a reason if the lease is still ours."""
        return self._finish(
            task,
            "fail",
            Status=TaskStatus.FAILED.value,
            DateProcessed=now,
            LeaseExpiryDate=None,
            LastError=clip_reason(reason),
        )

    def retry_later(
        self, task: Task, *, now: datetime, not_before: datetime, reason: str
    ) -> bool:
        """Back to PENDING until `not_before` if the lease is still ours."""
        del now
        return self._finish(
            task,
            "schedule a retry of",
            Status=PENDING,
            NextAttemptDate=not_before,
            LeaseExpiryDate=None,
            LeaseOwner=None,
            LastError=clip_reason(reason),
        )

    def release(self, task: Task, *, now: datetime) -> bool:
        """Hand back an unstarted task, giving its attempt back."""
        del now
        return self._finish(
            task,
            "release",
            Status=PENDING,
            Attempts=max(task.attempts - 1, 0),
            LeaseExpiryDate=None,
            LeaseOwner=None,
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
                found.extend(row_to_task(schema, r) for r in conn.execute(statement))
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
