"""Every statement the task store sends, built once per table with bind parameters.

The hot path (claim, complete, release) runs these cached statements with new
parameter values, so no SQL is constructed per task; a batch's failures and retries
carry a value per task, so they are built per batch. The claim is one statement on
every backend: two CTEs read the oldest ready rows and the expired leases, each from
its own filtered index in order and stopping at the limit, and an UPDATE leases the
oldest of them, returning them. SQL Server needs explicit table hints (SQLAlchemy
silently drops `with_for_update` there); PostgreSQL gets `FOR UPDATE SKIP LOCKED`;
SQLite takes the database write lock when its transaction begins.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.visitors import InternalTraversal

from hmpps_workers.adapters.sql.raw_text import readable_columns
from hmpps_workers.adapters.sql.task_tables import TASK_TABLES, status_literal
from hmpps_workers.core.tasks.model import NewTask, Schema, TaskFilter, TaskStatus

MSSQL_CLAIM_HINT = "WITH (ROWLOCK, UPDLOCK, READPAST)"
PENDING = TaskStatus.PENDING.value
IN_PROGRESS = TaskStatus.IN_PROGRESS.value
FAILED = TaskStatus.FAILED.value


def _candidates(table: sa.Table, limit: int) -> sa.Select[Any]:
    # Two index-ordered, limited reads instead of one OR over the backlog, which made
    # the database sort every ready row: the oldest ready rows, and the rows whose
    # lease expired (their worker died), each read from its own filtered index.
    c = table.c
    now: sa.BindParameter[datetime] = sa.bindparam("now")
    ready = (
        sa.select(c.TaskId, c.DateCreated)
        .where(
            c.Status == status_literal(PENDING),
            sa.or_(c.NextAttemptDate.is_(None), c.NextAttemptDate <= now),
        )
        .order_by(c.DateCreated, c.TaskId)
        .limit(limit)
        .with_hint(table, MSSQL_CLAIM_HINT, "mssql")
        .with_for_update(skip_locked=True)
        .cte("ready")
    )
    expired = (
        sa.select(c.TaskId, c.DateCreated)
        .where(c.Status == status_literal(IN_PROGRESS), c.LeaseExpiryDate < now)
        .order_by(c.LeaseExpiryDate)
        .limit(limit)
        .with_hint(table, MSSQL_CLAIM_HINT, "mssql")
        .with_for_update(skip_locked=True)
        .cte("expired")
    )
    both = sa.union_all(
        sa.select(ready.c.TaskId, ready.c.DateCreated),
        sa.select(expired.c.TaskId, expired.c.DateCreated),
    ).subquery("candidate")
    return (
        sa.select(both.c.TaskId)
        .order_by(both.c.DateCreated, both.c.TaskId)
        .limit(limit)
    )


@functools.lru_cache(maxsize=64)
def claim_statement(table: sa.Table, limit: int) -> sa.Update:
    """Lease up to `limit` ready tasks; parameters `now`, `lease_expires`, `owner`."""
    c = table.c
    return (
        sa.update(table)
        .where(c.TaskId.in_(_candidates(table, limit)))
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


class _TaskIdIn(sa.ColumnElement[bool]):
    """`TaskId IN (:task_ids)`, sent as `TaskId = ANY(:task_ids)` on PostgreSQL.

    An expanding IN is rendered per execute, one parameter per task, so its text
    differs with the batch's size: at 100 tasks SQLAlchemy's rendering of the list and
    psycopg's parsing of a text too long for its caches (it is then never prepared)
    were a fifth of the engine's own CPU. One array parameter keeps one text, which
    psycopg prepares. SQL Server and SQLite keep the IN list (golden T-SQL).
    """

    inherit_cache = True
    type = sa.Boolean()
    _is_implicitly_boolean = True  # a predicate: no `= 1` after it on SQL Server
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]  # noqa: RUF012

    def __init__(self, column: sa.ColumnElement[int]) -> None:
        self.column = column


@compiles(_TaskIdIn)
def _task_id_in(element: _TaskIdIn, compiler: SQLCompiler, **kw: Any) -> str:  # noqa: ANN401
    expanding = sa.bindparam("task_ids", expanding=True, type_=element.column.type)
    return compiler.process(element.column.in_(expanding), **kw)


@compiles(_TaskIdIn, "postgresql")
def _task_id_any(element: _TaskIdIn, compiler: SQLCompiler, **kw: Any) -> str:  # noqa: ANN401
    array = sa.bindparam("task_ids", type_=postgresql.ARRAY(element.column.type))
    return compiler.process(element.column == sa.any_(array), **kw)


def _finish_many(table: sa.Table, **values: object) -> sa.Update:
    c = table.c
    return (
        sa.update(table)
        .where(
            _TaskIdIn(c.TaskId),
            c.Status == IN_PROGRESS,
            c.LeaseOwner == sa.bindparam("owner"),
        )
        .values(**values)
        .returning(c.TaskId)
    )


@functools.lru_cache(maxsize=8)
def complete_statement(table: sa.Table) -> sa.Update:
    """COMPLETE if still ours; parameters `task_id`, `owner`, `processed`.

    Run inside a handler's own transaction (`complete_task`).
    """
    return _finish(
        table,
        Status=TaskStatus.COMPLETE.value,
        DateProcessed=sa.bindparam("processed"),
        LeaseExpiryDate=None,
    )


@functools.lru_cache(maxsize=8)
def complete_many_statement(table: sa.Table) -> sa.Update:
    """A batch's completions: `task_ids`, `owner`, `processed`; returns the written."""
    return _finish_many(
        table,
        Status=TaskStatus.COMPLETE.value,
        DateProcessed=sa.bindparam("processed"),
        LeaseExpiryDate=None,
    )


def _per_task(
    table: sa.Table, column: str, values: Mapping[int, object]
) -> sa.ColumnElement[Any]:
    # One value per task in one statement: CASE TaskId WHEN :id THEN :value ... END.
    c = table.c
    return sa.case(
        {
            task_id: sa.literal(value, c[column].type)
            for task_id, value in values.items()
        },
        value=c.TaskId,
    )


def fail_many_statement(table: sa.Table, reasons: Mapping[int, str]) -> sa.Update:
    """A batch's failures, each with its reason; `task_ids`, `owner`, `processed`."""
    return _finish_many(
        table,
        Status=FAILED,
        DateProcessed=sa.bindparam("processed"),
        LeaseExpiryDate=None,
        LastError=_per_task(table, "LastError", reasons),
    )


def retry_many_statement(
    table: sa.Table, not_before: Mapping[int, datetime], reasons: Mapping[int, str]
) -> sa.Update:
    """A batch's retries, back to PENDING each until its time; `task_ids`, `owner`."""
    return _finish_many(
        table,
        Status=PENDING,
        NextAttemptDate=_per_task(table, "NextAttemptDate", not_before),
        LeaseExpiryDate=None,
        LeaseOwner=None,
        LastError=_per_task(table, "LastError", reasons),
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


def enqueue_values(task: NewTask, *, now: datetime) -> dict[str, Any]:
    """The column values of a new PENDING task."""
    return {
        "Task": task.task,
        "Reference": task.reference,
        "EligibilityId": task.eligibility_id,
        "ClaimId": task.claim_id,
        "AdditionalData": task.additional_data,
        "DateCreated": now,
        "Status": PENDING,
        "NextAttemptDate": task.not_before,
    }


def enqueue_many_statement(schema: Schema, columns: Sequence[str]) -> sa.Insert:
    """The INSERT an executemany of new tasks sends; no TaskId is read back."""
    return _enqueue_many(schema, tuple(columns))


@functools.lru_cache(maxsize=32)
def _enqueue_many(schema: Schema, columns: tuple[str, ...]) -> sa.Insert:
    table = TASK_TABLES[schema]
    return (
        sa.insert(table).values({name: sa.bindparam(name) for name in columns}).inline()
    )


def enqueue_statement(task: NewTask, *, now: datetime) -> sa.Insert:
    """The INSERT of a PENDING task, returning its identity."""
    table = TASK_TABLES[task.schema]
    return (
        sa.insert(table).values(enqueue_values(task, now=now)).returning(table.c.TaskId)
    )


_FOR_CLAIM_COLUMNS = (
    "Task",
    "Reference",
    "EligibilityId",
    "ClaimId",
    "AdditionalData",
    "DateCreated",
    "Status",
    "NextAttemptDate",
)
# Bound once for all of a statement's tasks; the others are bound per task.
_SHARED = {"DateCreated": "now", "Status": "status"}


@functools.lru_cache(maxsize=32)
def enqueue_for_claim_statement(
    schema: Schema, count: int, *, claim: sa.Table
) -> sa.Insert:
    """`count` PENDING tasks for a claim, one INSERT that writes none if it is gone.

    Each task is a SELECT of its values from the claim's row, so the rowcount says
    whether the claim was there; several tasks are one statement (UNION ALL). Built
    once per schema and count; bind it with `enqueue_for_claim_params`.
    """
    table = TASK_TABLES[schema]
    c = table.c

    def row(index: int) -> sa.Select[Any]:
        return sa.select(
            *(
                sa.bindparam(
                    _SHARED.get(name, f"{name}_{index}"), type_=c[name].type
                ).label(name)
                for name in _FOR_CLAIM_COLUMNS
            )
        ).where(claim.c.ClaimId == sa.bindparam("claim_id", type_=claim.c.ClaimId.type))

    rows = [row(index) for index in range(count)]
    source = rows[0] if count == 1 else sa.union_all(*rows)
    # rowcount of an INSERT is kept only when asked for (SQLAlchemy 2.0.28+)
    return (
        sa.insert(table)
        .from_select([c[name] for name in _FOR_CLAIM_COLUMNS], source)
        .execution_options(preserve_rowcount=True)
    )


def enqueue_for_claim_params(
    tasks: Sequence[NewTask], *, claim_id: int, now: datetime
) -> dict[str, Any]:
    """The bound values of `enqueue_for_claim_statement` for `tasks`."""
    params: dict[str, Any] = {"claim_id": claim_id, "now": now, "status": PENDING}
    for index, task in enumerate(tasks):
        params |= {
            f"Task_{index}": task.task,
            f"Reference_{index}": task.reference,
            f"EligibilityId_{index}": task.eligibility_id,
            f"ClaimId_{index}": task.claim_id,
            f"AdditionalData_{index}": task.additional_data,
            f"NextAttemptDate_{index}": task.not_before,
        }
    return params


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
