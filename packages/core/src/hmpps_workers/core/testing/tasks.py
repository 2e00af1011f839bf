"""An in-memory TaskStore with the same claim, lease and status rules as the SQL one."""

from __future__ import annotations

import itertools
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

import attrs

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


def _ready(task: Task, now: datetime) -> bool:
    if task.status == TaskStatus.PENDING:
        return task.next_attempt is None or task.next_attempt <= now
    if task.status == TaskStatus.IN_PROGRESS:
        return task.lease_expires is not None and task.lease_expires < now
    return False


def _matches(task: Task, task_filter: TaskFilter, now: datetime) -> bool:
    return (
        (task_filter.schema is None or task.schema == task_filter.schema)
        and (not task_filter.statuses or task.status in task_filter.statuses)
        and (not task_filter.task_types or task.task in task_filter.task_types)
        and (not task_filter.task_ids or task.task_id in task_filter.task_ids)
        and (
            task_filter.older_than is None
            or task.date_created <= now - task_filter.older_than
        )
    )


def requeueable(task: Task, now: datetime) -> bool:
    """FAILED, or IN-PROGRESS with no live lease (stranded by a dead worker)."""
    if task.status == TaskStatus.FAILED:
        return True
    return task.status == TaskStatus.IN_PROGRESS and (
        task.lease_expires is None or task.lease_expires < now
    )


@attrs.define
class InMemoryTaskStore:
    """Both task queues in dictionaries; thread-safe, so claims are atomic here too."""

    tasks: dict[tuple[Schema, int], Task] = attrs.field(factory=dict)
    _ids: dict[Schema, itertools.count[int]] = attrs.field(
        factory=lambda: {schema: itertools.count(1) for schema in Schema}
    )
    _lock: threading.Lock = attrs.field(factory=threading.Lock)

    def add_row(self, task: Task) -> Task:
        """Insert a row as another application would (any status, any columns)."""
        with self._lock:
            self.tasks[task.key] = task
            return task

    def get(self, schema: Schema, task_id: int) -> Task:
        """Return one task, for assertions."""
        return self.tasks[(schema, task_id)]

    def claim(
        self,
        schema: Schema,
        *,
        limit: int,
        now: datetime,
        lease: timedelta,
        owner: str,
    ) -> Sequence[Task]:
        """Take up to `limit` ready tasks, oldest first, and lease them to `owner`."""
        with self._lock:
            return self._claim_locked(schema, limit, now, lease, owner)

    def _claim_locked(
        self, schema: Schema, limit: int, now: datetime, lease: timedelta, owner: str
    ) -> list[Task]:
        ready = sorted(
            (t for t in self.tasks.values() if t.schema == schema and _ready(t, now)),
            key=lambda t: (t.date_created, t.task_id),
        )[:limit]
        claimed = [
            attrs.evolve(
                task,
                status=TaskStatus.IN_PROGRESS,
                attempts=task.attempts + 1,
                lease_expires=now + lease,
                lease_owner=owner,
            )
            for task in ready
        ]
        self.tasks.update({task.key: task for task in claimed})
        return claimed

    def _finish(self, task: Task, **changes: object) -> bool:
        with self._lock:
            return self._finish_locked(task, **changes)

    def _finish_locked(self, task: Task, **changes: object) -> bool:
        current = self.tasks.get(task.key)
        if (
            current is None
            or current.status != TaskStatus.IN_PROGRESS
            or current.lease_owner != task.lease_owner
        ):
            return False
        self.tasks[task.key] = attrs.evolve(current, **changes)  # type: ignore[arg-type]
        return True

    def record(
        self, outcomes: Outcomes, *, now: datetime
    ) -> frozenset[tuple[Schema, int]]:
        """Record a batch's outcomes where the lease is still ours; return those."""
        with self._lock:
            return self._record_locked(outcomes, now)

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
        """Record `outcomes`, then claim from `schema`, under one lock (atomically)."""
        with self._lock:
            written = self._record_locked(outcomes, now)
            return written, self._claim_locked(schema, limit, now, lease, owner)

    def _record_locked(
        self, outcomes: Outcomes, now: datetime
    ) -> frozenset[tuple[Schema, int]]:
        written: set[tuple[Schema, int]] = set()
        for task in outcomes.completed:
            if self._finish_locked(
                task,
                status=TaskStatus.COMPLETE,
                date_processed=now,
                lease_expires=None,
            ):
                written.add(task.key)
        for failure in outcomes.failed:
            if self._finish_locked(
                failure.task,
                status=TaskStatus.FAILED,
                date_processed=now,
                lease_expires=None,
                last_error=clip_reason(failure.reason),
            ):
                written.add(failure.task.key)
        for retry in outcomes.retried:
            if self._finish_locked(
                retry.task,
                status=TaskStatus.PENDING,
                next_attempt=retry.not_before,
                lease_expires=None,
                lease_owner=None,
                last_error=clip_reason(retry.reason),
            ):
                written.add(retry.task.key)
        return frozenset(written)

    def complete_in_transaction(self, task: Task, *, now: datetime) -> None:
        """Mark COMPLETE as part of a caller's writes; LeaseLostError if not ours.

        The in-memory stand-in for `complete_task(connection, ...)`: callers check
        with `check_lease` before writing, then complete after.
        """
        if not self._finish(
            task, status=TaskStatus.COMPLETE, date_processed=now, lease_expires=None
        ):
            raise LeaseLostError

    def check_lease(self, task: Task) -> None:
        """LeaseLostError unless `task` is still IN-PROGRESS under its owner."""
        with self._lock:
            current = self.tasks.get(task.key)
            if (
                current is None
                or current.status != TaskStatus.IN_PROGRESS
                or current.lease_owner != task.lease_owner
            ):
                raise LeaseLostError

    def release(self, task: Task, *, now: datetime) -> bool:
        """Hand back an unstarted task without using an attempt."""
        del now
        return self._finish(
            task,
            status=TaskStatus.PENDING,
            attempts=max(task.attempts - 1, 0),
            lease_expires=None,
            lease_owner=None,
        )

    def enqueue(self, task: NewTask, *, now: datetime) -> int:
        """Insert a PENDING task and return its id."""
        with self._lock:
            task_id = next(self._ids[task.schema])
            self.tasks[(task.schema, task_id)] = Task(
                task_id=task_id,
                schema=task.schema,
                task=task.task,
                reference=task.reference,
                eligibility_id=task.eligibility_id,
                claim_id=task.claim_id,
                additional_data=task.additional_data,
                status=TaskStatus.PENDING,
                date_created=now,
                next_attempt=task.not_before,
            )
            return task_id

    def find(self, task_filter: TaskFilter, *, now: datetime) -> Sequence[Task]:
        """List matching tasks, oldest first."""
        with self._lock:
            found = [t for t in self.tasks.values() if _matches(t, task_filter, now)]
        found.sort(key=lambda t: (t.date_created, t.schema, t.task_id))
        return found[: task_filter.limit]

    def counts(self) -> Mapping[tuple[Schema, str], int]:
        """Count tasks per schema and status."""
        with self._lock:
            return Counter((t.schema, str(t.status)) for t in self.tasks.values())

    def requeue(self, task_filter: TaskFilter, *, now: datetime) -> int:
        """Set matching FAILED or stranded tasks back to PENDING with fresh attempts."""
        with self._lock:
            chosen = [
                t
                for t in self.tasks.values()
                if _matches(t, task_filter, now) and requeueable(t, now)
            ]
            chosen.sort(key=lambda t: (t.date_created, t.schema, t.task_id))
            for task in chosen[: task_filter.limit]:
                self.tasks[task.key] = attrs.evolve(
                    task,
                    status=TaskStatus.PENDING,
                    attempts=0,
                    next_attempt=None,
                    lease_expires=None,
                    lease_owner=None,
                    date_processed=None,
                )
            return min(len(chosen), task_filter.limit)
