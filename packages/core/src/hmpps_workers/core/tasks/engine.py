"""The worker loop: claim a batch per schema, run each task, record what happened.

One failing task never stops the rest of its batch, and nothing is left stuck: unknown
types and permanent failures end FAILED with a reason, retryable failures come back
after a back-off, and a task whose worker died is claimed again when its lease expires.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import timedelta

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.errors import (
    PermanentError,
    RetryableError,
    UnknownTaskTypeError,
    WorkerError,
)
from hmpps_workers.core.tasks.model import Schema, Task, clip_reason
from hmpps_workers.core.tasks.ports import TaskStore
from hmpps_workers.core.tasks.registry import Handler, HandlerRegistry, fallback
from hmpps_workers.core.tasks.retry import RetryPolicy

log = logging.getLogger(__name__)

MAX_FAILURES_KEPT = 100
_COUNTERS = (
    "claimed",
    "completed",
    "failed",
    "retried",
    "released",
    "lease_lost",
    "store_errors",
)


@attrs.frozen(kw_only=True)
class TaskFailure:
    """A task that ended FAILED in this run, for the run's summary."""

    schema: Schema
    task_id: int
    task_type: str
    reason: str


@attrs.define(kw_only=True)
class BatchOutcome:
    """What one claimed batch came to."""

    schema: Schema
    claimed: int = 0
    completed: int = 0
    failed: int = 0
    retried: int = 0
    released: int = 0
    lease_lost: int = 0
    store_errors: int = 0


@attrs.define(kw_only=True)
class RunReport:
    """Totals for a drain or a polling run; `ok` is False if anything failed."""

    batches: int = 0
    claimed: int = 0
    completed: int = 0
    failed: int = 0
    retried: int = 0
    released: int = 0
    lease_lost: int = 0
    store_errors: int = 0
    failures: list[TaskFailure] = attrs.field(factory=list)

    @property
    def ok(self) -> bool:
        """True when no task failed and the store never failed us."""
        return self.failed == 0 and self.store_errors == 0

    def add(self, outcome: BatchOutcome) -> None:
        """Fold one batch into the totals."""
        self.batches += 1
        for name in _COUNTERS:
            setattr(self, name, getattr(self, name) + getattr(outcome, name))

    def merge(self, other: RunReport) -> None:
        """Fold another run's totals into these, keeping the newest failures."""
        self.batches += other.batches
        for name in _COUNTERS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failures = (self.failures + other.failures)[-MAX_FAILURES_KEPT:]


def _describe_unexpected(error: BaseException) -> str:
    # Messages of exceptions we did not write may carry personal data, so the task row
    # records only the type; the log keeps the traceback, through the redaction filter.
    return f"unexpected {type(error).__name__} in the handler (see the worker log)"


@attrs.define(kw_only=True)
class TaskWorker:
    """Runs tasks from a TaskStore with the handlers of a HandlerRegistry."""

    store: TaskStore
    registry: HandlerRegistry
    clock: Clock
    owner: str
    batch_size: int = attrs.field(default=10, validator=attrs.validators.ge(1))
    lease: timedelta = timedelta(minutes=30)
    retry_policy: RetryPolicy = attrs.field(factory=RetryPolicy)
    schemas: Sequence[Schema] = (Schema.EXT, Schema.INT)
    stop_event: threading.Event = attrs.field(factory=threading.Event)

    def stop(self) -> None:
        """Ask the worker to stop after the task in hand (signal-safe)."""
        self.stop_event.set()

    def drain(self, *, max_batches: int | None = None) -> RunReport:
        """Run batches, ExtSchema then IntSchema, until none is ready or stopped."""
        report = RunReport()
        while not self.stop_event.is_set():
            claimed_any = False
            for schema in self.schemas:
                if self.stop_event.is_set():
                    break
                if max_batches is not None and report.batches >= max_batches:
                    return report
                outcome = self.run_batch(schema, report)
                claimed_any = claimed_any or outcome.claimed > 0
                if outcome.store_errors and not outcome.claimed:
                    return report  # the store is down: report it rather than spin
            if not claimed_any:
                break
        return report

    def poll(
        self,
        *,
        idle_initial: timedelta = timedelta(seconds=1),
        idle_max: timedelta = timedelta(seconds=30),
        on_drained: Callable[[RunReport], None] | None = None,
    ) -> RunReport:
        """Drain repeatedly, sleeping with back-off while idle, until `stop()`."""
        total = RunReport()
        idle = idle_initial
        while not self.stop_event.is_set():
            report = self.drain()
            total.merge(report)
            if on_drained is not None:
                on_drained(report)
            idle = idle_initial if report.claimed else min(idle * 2, idle_max)
            self.stop_event.wait(idle.total_seconds())
        return total

    def run_batch(
        self, schema: Schema, report: RunReport | None = None
    ) -> BatchOutcome:
        """Claim one batch from `schema` and run it."""
        report = report if report is not None else RunReport()
        outcome = BatchOutcome(schema=schema)
        try:
            tasks = self.store.claim(
                schema,
                limit=self.batch_size,
                now=self.clock.now(),
                lease=self.lease,
                owner=self.owner,
            )
        except RetryableError as error:
            log.error(  # noqa: TRY400 - the adapter already logged the traceback
                "could not claim tasks",
                extra={"schema": str(schema), "reason": str(error)},
            )
            outcome.store_errors += 1
            report.add(outcome)
            return outcome
        outcome.claimed = len(tasks)
        for index, task in enumerate(tasks):
            if self.stop_event.is_set():
                self._release(tasks[index:], outcome)
                break
            self._run(task, outcome, report)
        report.add(outcome)
        return outcome

    def _release(self, tasks: Sequence[Task], outcome: BatchOutcome) -> None:
        for task in tasks:
            try:
                if self.store.release(task, now=self.clock.now()):
                    outcome.released += 1
            except RetryableError:
                outcome.store_errors += 1
                log.exception(
                    "could not release task; its lease will expire",
                    extra={"task": task.describe()},
                )

    def _run(self, task: Task, outcome: BatchOutcome, report: RunReport) -> None:
        if task.unreadable is not None:
            self._fail(task, task.unreadable, outcome, report)
            return
        try:
            handler = self.registry.handler_for(task)
        except UnknownTaskTypeError as error:
            self._fail(task, str(error), outcome, report)
            return
        if task.attempts > self.retry_policy.max_attempts:
            reason = (
                f"abandoned: claimed {task.attempts} times without finishing"
                " (its worker stopped or died each time)"
            )
            self._fail(task, fallback(handler, task, reason), outcome, report)
            return
        try:
            handler(task)
        except RetryableError as error:
            self._retry_or_fail(task, str(error), outcome, report, handler)
        except (PermanentError, WorkerError) as error:
            self._fail(task, fallback(handler, task, str(error)), outcome, report)
        except Exception as error:
            log.exception("task handler raised", extra={"task": task.describe()})
            reason = fallback(handler, task, _describe_unexpected(error))
            self._fail(task, reason, outcome, report)
        else:
            self._record(task, outcome, "completed", lambda: self._complete(task))

    def _complete(self, task: Task) -> bool:
        return self.store.complete(task, now=self.clock.now())

    def _retry_or_fail(
        self,
        task: Task,
        reason: str,
        outcome: BatchOutcome,
        report: RunReport,
        handler: Handler,
    ) -> None:
        if not self.retry_policy.should_retry(task.attempts):
            reason = f"gave up after {task.attempts} attempts: {reason}"
            self._fail(task, fallback(handler, task, reason), outcome, report)
            return
        now = self.clock.now()
        not_before = now + self.retry_policy.delay(task.attempts)
        log.warning(
            "task will be retried",
            extra={
                "task": task.describe(),
                "attempt": task.attempts,
                "not_before": not_before.isoformat(),
                "reason": reason,
            },
        )
        self._record(
            task,
            outcome,
            "retried",
            lambda: self.store.retry_later(
                task, now=now, not_before=not_before, reason=clip_reason(reason)
            ),
        )

    def _fail(
        self, task: Task, reason: str, outcome: BatchOutcome, report: RunReport
    ) -> None:
        reason = clip_reason(reason)
        log.error("task failed", extra={"task": task.describe(), "reason": reason})
        recorded = self._record(
            task,
            outcome,
            "failed",
            lambda: self.store.fail(task, now=self.clock.now(), reason=reason),
        )
        if recorded and len(report.failures) < MAX_FAILURES_KEPT:
            report.failures.append(
                TaskFailure(
                    schema=task.schema,
                    task_id=task.task_id,
                    task_type=task.task,
                    reason=reason,
                )
            )

    def _record(
        self,
        task: Task,
        outcome: BatchOutcome,
        counter: str,
        write: Callable[[], bool],
    ) -> bool:
        try:
            written = write()
        except RetryableError as error:
            # The database went away after the work was done: the lease will expire
            # and the task will be claimed again, so say so and carry on.
            outcome.store_errors += 1
            log.error(  # noqa: TRY400 - the adapter logged the traceback
                "could not record the task's outcome; it will be claimed again"
                " when its lease expires",
                extra={
                    "task": task.describe(),
                    "outcome": counter,
                    "reason": str(error),
                },
            )
            return False
        if not written:
            outcome.lease_lost += 1
            log.warning(
                "lease lost before the outcome was recorded; another worker owns it",
                extra={"task": task.describe(), "outcome": counter},
            )
            return False
        setattr(outcome, counter, getattr(outcome, counter) + 1)
        return True
