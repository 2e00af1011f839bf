"""Every statement the task store sends, built once per table with bind parameters.

The hot path (claim, complete, fail, retry, release) runs these cached statements with
new parameter values, so no SQL is constructed per task. The claim is one statement on
every backend: a CTE picks the oldest ready rows and an UPDATE leases them, returning
them. SQL Server needs explicit table hints (SQLAlchemy silently drops
`with_for_update` there); PostgreSQL gets `FOR UPDATE SKIP LOCKED`; SQLite takes the
database write lock when its transaction begins.
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from hmpps_workers.adapters.sql.raw_text import readable_columns
from hmpps_workers.adapters.sql.task_tables import TASK_TABLES
from hmpps_workers.core.tasks.model import NewTask, TaskFilter, TaskStatus

MSSQL_CLAIM_HINT = "WITH (ROWLOCK, UPDLOCK, READPAST)"
PENDING = TaskStatus.PENDING.value
IN_PROGRESS = TaskStatus.IN_PROGRESS.value
FAILED = TaskStatus.FAILED.value


def _ready(table: sa.Table) -> sa.ColumnElement[bool]:
    c = table.c
    now: sa.BindParameter[datetime] = sa.bindparam("now")
    return sa.or_(
        sa.and_(
            c.Status == PENDING,
            sa.or_(c.NextAttemptDate.is_(None), c.NextAttemptDate <= now),
        ),
        sa.and_(c.Status == IN_PROGRESS, c.LeaseExpiryDate < now),
    )


@functools.lru_cache(maxsize=64)
def claim_statement(table: sa.Table, limit: int) -> sa.Update:
    """Lease up to `limit` ready tasks; parameters `now`, `lease_expires`, `owner`."""
    c = table.c
    chosen = (
        sa.select(c.TaskId)
        .where(_ready(table))
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
            LeaseExpiryDate=sa.bindparam("lease_expires"),
            LeaseOwner=sa.bindparam("owner"),
        )
        .returning(*readable_columns(table))
    )


def _finish(table: sa.Table, **values: object) -> sa.Update:
    c = table.c
    return (
        sa.update(table)
        .where(
            c.TaskId == sa.bindparam("task_id"),
            c.Status == IN_PROGRESS,
            c.LeaseOwner == sa.bindparam("owner"),
        )
        .values(**values)
    )


@functools.lru_cache(maxsize=8)
def complete_statement(table: sa.Table) -> sa.Update:
    """COMPLETE if still ours; parameters `task_id`, `owner`, `processed`."""
    return _finish(
        table,
        Status=TaskStatus.COMPLETE.value,
        DateProcessed=sa.bindparam("processed"),
        LeaseExpiryDate=None,
    )


@functools.lru_cache(maxsize=8)
def fail_statement(table: sa.Table) -> sa.Update:
    """FAILED with a reason if still ours; adds `processed`, `reason`."""
    return _finish(
        table,
        Status=FAILED,
        DateProcessed=sa.bindparam("processed"),
        LeaseExpiryDate=None,
        LastError=sa.bindparam("reason"),
    )


@functools.lru_cache(maxsize=8)
def retry_statement(table: sa.Table) -> sa.Update:
    """Back to PENDING until `not_before`, with `reason`, if still ours."""
    return _finish(
        table,
        Status=PENDING,
        NextAttemptDate=sa.bindparam("not_before"),
        LeaseExpiryDate=None,
        LeaseOwner=None,
        LastError=sa.bindparam("reason"),
    )


@functools.lru_cache(maxsize=8)
def release_statement(table: sa.Table) -> sa.Update:
    """Back to PENDING with `attempts` given back, if still ours."""
    return _finish(
        table,
        Status=PENDING,
        Attempts=sa.bindparam("attempts"),
        LeaseExpiryDate=None,
        LeaseOwner=None,
    )


def enqueue_statement(task: NewTask, *, now: datetime) -> sa.Insert:
    """The INSERT of a PENDING task, returning its identity."""
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


def find_statement(
    table: sa.Table, task_filter: TaskFilter, *, now: datetime
) -> sa.Select[Any]:
    """The operator listing: oldest first, filtered, limited."""
    return (
        sa.select(*readable_columns(table))
        .where(*_filtered(table, task_filter, now))
        .order_by(table.c.DateCreated, table.c.TaskId)
        .limit(task_filter.limit)
    )


def count_statement(table: sa.Table) -> sa.Select[Any]:
    """The count of tasks per status."""
    return sa.select(table.c.Status, sa.func.count()).group_by(table.c.Status)


def _requeueable(table: sa.Table, now: datetime) -> sa.ColumnElement[bool]:
    c = table.c
    return sa.or_(
        c.Status == FAILED,
        sa.and_(
            c.Status == IN_PROGRESS,
            sa.or_(c.LeaseExpiryDate.is_(None), c.LeaseExpiryDate < now),
        ),
    )


def requeue_statement(
    table: sa.Table, task_filter: TaskFilter, *, now: datetime
) -> sa.Update:
    """Set matching FAILED or stranded tasks back to PENDING, returning their ids."""
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
