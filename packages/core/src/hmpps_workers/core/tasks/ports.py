"""The task store port: what the engine and the operators need from a Task table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from hmpps_workers.core.tasks.model import (
    NewTask,
    Outcomes,
    Schema,
    Task,
    TaskFilter,
)


class TaskStore(Protocol):
    """A pair of task queues (ExtSchema and IntSchema) with atomic claims and leases.

    Every method that changes a claimed task names the lease owner: a worker whose lease
    was taken over (it ran past the lease) cannot overwrite the new owner's work.
    """

    def claim(
        self,
        schema: Schema,
        *,
        limit: int,
        now: datetime,
        lease: timedelta,
        owner: str,
    ) -> Sequence[Task]:
        """Atomically take up to `limit` ready tasks, oldest first, and lease them.

        Ready means PENDING with no future retry time, or IN-PROGRESS with an expired
        lease (its worker died). No task is ever returned to two callers at once.
        """
        ...

    def record(
        self, outcomes: Outcomes, *, now: datetime
    ) -> frozenset[tuple[Schema, int]]:
        """Record a batch's completions, failures and retries; return what was written.

        Each write is guarded by status IN-PROGRESS and the task's lease owner: a task
        whose lease was taken over meanwhile is left alone and missing from the answer.
        """
        ...

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
        """Record `outcomes`, then claim from `schema`: what was written, and claimed.

        As `record`, then `claim`, in one call; both or neither: when it raises,
        nothing was recorded and nothing claimed. The outcomes are written before
        the claim looks for ready tasks, so a retry due at `now` may come straight
        back. For the engine going on from one batch to the next: on PostgreSQL one
        round trip instead of two.
        """
        ...

    def release(self, task: Task, *, now: datetime) -> bool:
        """Hand back a claimed task that was never started, without using an attempt."""
        ...

    def enqueue(self, task: NewTask, *, now: datetime) -> int:
        """Insert a PENDING task and return its id."""
        ...

    def find(self, task_filter: TaskFilter, *, now: datetime) -> Sequence[Task]:
        """List tasks, oldest first, for operators."""
        ...

    def counts(self) -> Mapping[tuple[Schema, str], int]:
        """Count tasks per schema and status."""
        ...

    def requeue(self, task_filter: TaskFilter, *, now: datetime) -> int:
        """Set matching FAILED (or stranded IN-PROGRESS) tasks back to PENDING."""
        ...
