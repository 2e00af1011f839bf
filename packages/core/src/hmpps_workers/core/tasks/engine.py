"""The worker loop: claim a batch per schema, run each task, record what happened.

One failing task never stops the rest of its batch, and nothing is left stuck: unknown
types and permanent failures end FAILED with a reason, retryable failures come back
after a back-off, and a task whose worker died is claimed again when its lease expires.
Outcomes are recorded together at the end of the batch (one guarded write per kind);
a handler that completed its task inside its own transaction needs no write at all.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import timedelta

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.errors import (
    LeaseLostError,
    PermanentError,
    RetryableError,
    UnknownTaskTypeError,
    WorkerError,
)
from hmpps_workers.core.tasks.model import (
    Completed,
    Failure,
    Outcomes,
    Retry,
    Schema,
    Task,
    clip_reason,
)
from hmpps_workers.core.tasks.ports import TaskStore
from hmpps_workers.core.tasks.registry import Handler, HandlerRegistry, fallback
from hmpps_workers.core.tasks.report import (
    MAX_FAILURES_KEPT,
    BatchOutcome,
    RunReport,
    TaskFailure,
)
from hmpps_workers.core.tasks.retry import RetryPolicy

__all__ = ["BatchOutcome", "RunReport", "TaskFailure", "TaskWorker"]

log = logging.getLogger(__name__)


@attrs.define
class _Pending:
    """A batch's outcomes decided but not yet recorded."""

    completed: list[Task] = attrs.field(factory=list)
    failed: list[Failure] = attrs.field(factory=list)
    retried: list[Retry] = attrs.field(factory=list)

    def outcomes(self) -> Outcomes:
        return Outcomes(
            completed=tuple(self.completed),
            failed=tuple(self.failed),
            retried=tuple(self.retried),
        )


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
        pending = _Pending()
        try:
            for index, task in enumerate(tasks):
                if self.stop_event.is_set():
                    self._release(tasks[index:], outcome)
                    break
                self._run(task, outcome, pending)
        finally:
            # Even when interrupted (KeyboardInterrupt), what was done is recorded.
            self._record(pending.outcomes(), outcome, report)
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

    def _run(self, task: Task, outcome: BatchOutcome, pending: _Pending) -> None:
        if task.unreadable is not None:
            self._fail(task, task.unreadable, pending)
            return
        try:
            handler = self.registry.handler_for(task)
        except UnknownTaskTypeError as error:
            self._fail(task, str(error), pending)
            return
        if task.attempts > self.retry_policy.max_attempts:
            reason = (
                f"abandoned: claimed {task.attempts} times without finishing"
                " (its worker stopped or died each time)"
            )
            self._fail(task, fallback(handler, task, reason), pending)
            return
        try:
            result = handler(task)
        except LeaseLostError:
            outcome.lease_lost += 1
            log.warning(
                "lease lost before the work committed; another worker owns it",
                extra={"task": task.describe()},
            )
        except RetryableError as error:
            self._retry_or_fail(task, str(error), pending, handler)
        except (PermanentError, WorkerError) as error:
            self._fail(task, fallback(handler, task, str(error)), pending)
        except Exception as error:
            log.exception("task handler raised", extra={"task": task.describe()})
            reason = fallback(handler, task, _describe_unexpected(error))
            self._fail(task, reason, pending)
        else:
            if result is Completed.IN_TRANSACTION:
                outcome.completed += 1
            else:
                pending.completed.append(task)

    def _retry_or_fail(
        self, task: Task, reason: str, pending: _Pending, handler: Handler
    ) -> None:
        if not self.retry_policy.should_retry(task.attempts):
            reason = f"gave up after {task.attempts} attempts: {reason}"
            self._fail(task, fallback(handler, task, reason), pending)
            return
        not_before = self.clock.now() + self.retry_policy.delay(task.attempts)
        log.warning(
            "task will be retried",
            extra={
                "task": task.describe(),
                "attempt": task.attempts,
                "not_before": not_before.isoformat(),
                "reason": reason,
            },
        )
        pending.retried.append(
            Retry(task=task, not_before=not_before, reason=clip_reason(reason))
        )

    def _fail(self, task: Task, reason: str, pending: _Pending) -> None:
        reason = clip_reason(reason)
        log.error("task failed", extra={"task": task.describe(), "reason": reason})
        pending.failed.append(Failure(task=task, reason=reason))

    def _record(
        self, outcomes: Outcomes, outcome: BatchOutcome, report: RunReport
    ) -> None:
        if not outcomes:
            return
        try:
            written = self.store.record(outcomes, now=self.clock.now())
        except RetryableError as error:
            # The database went away after the work was done: the leases will expire
            # and the tasks will be claimed again, so say so and carry on.
            outcome.store_errors += 1
            log.error(  # noqa: TRY400 - the adapter logged the traceback
                "could not record the batch's outcomes; its tasks will be claimed"
                " again when their leases expire",
                extra={
                    "tasks": [t.describe() for t in outcomes.tasks()],
                    "reason": str(error),
                },
            )
            return
        for task in outcomes.tasks():
            if task.key not in written:
                outcome.lease_lost += 1
                log.warning(
                    "lease lost before the outcome was recorded; another worker"
                    " owns it",
                    extra={"task": task.describe()},
                )
        outcome.completed += sum(t.key in written for t in outcomes.completed)
        outcome.retried += sum(r.task.key in written for r in outcomes.retried)
        for failure in outcomes.failed:
            if failure.task.key not in written:
                continue
            outcome.failed += 1
            if len(report.failures) < MAX_FAILURES_KEPT:
                report.failures.append(
                    TaskFailure(
                        schema=failure.task.schema,
                        task_id=failure.task.task_id,
                        task_type=failure.task.task,
                        reason=failure.reason,
                    )
                )
