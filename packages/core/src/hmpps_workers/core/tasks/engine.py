"""The worker loop: claim a batch per schema, run each task, record what happened.

One failing task never stops the rest of its batch, and nothing is left stuck: unknown
types and permanent failures end FAILED with a reason, retryable failures come back
after a back-off, and a task whose worker died is claimed again when its lease expires.
Outcomes are recorded together (one guarded write per kind); a handler that completed
its task inside its own transaction needs no write at all. In a drain that goes
straight on to another claim, a batch's outcomes are recorded in the same store call
as that claim (`TaskStore.record_and_claim`: one round trip on PostgreSQL), before
it looks for tasks; a drain that stops, returns or is interrupted records them on
their own first.
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


@attrs.define(kw_only=True, slots=False)
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

    def __attrs_post_init__(self) -> None:
        """Hold outcomes for the next claim only where the store's class combines.

        A wrapper that intercepts `record` and forwards the rest by `__getattr__`
        (telemetry's TaskOutcomeEvents) would not see outcomes recorded through a
        forwarded `record_and_claim`; with such a store the engine records, then
        claims, as before.
        """
        self._combines = callable(getattr(type(self.store), "record_and_claim", None))
        # Not attrs fields: a copy made from the fields (telemetry's traced worker)
        # starts afresh. A drain's last batch's outcomes, recorded with its next
        # claim or on their own.
        self._held: Outcomes | None = None
        self._holding = False

    def stop(self) -> None:
        """Ask the worker to stop after the task in hand (signal-safe)."""
        self.stop_event.set()

    def drain(self, *, max_batches: int | None = None) -> RunReport:
        """Run batches, ExtSchema then IntSchema, until none is ready or stopped."""
        report = RunReport()
        self._holding = self._combines
        try:
            self._drain(report, max_batches)
        finally:
            # Stopped, returning or interrupted: what was done is recorded first.
            self._holding = False
            held, self._held = self._held, None
            if held is not None:
                settled = BatchOutcome(schema=held.tasks()[0].schema)
                self._record(held, settled, report)
                report.settle(settled)
        return report

    def _drain(self, report: RunReport, max_batches: int | None) -> None:
        while not self.stop_event.is_set():
            claimed_any = False
            for schema in self.schemas:
                if self.stop_event.is_set():
                    break
                if max_batches is not None and report.batches >= max_batches:
                    return
                outcome = self.run_batch(schema, report)
                claimed_any = claimed_any or outcome.claimed > 0
                if outcome.store_errors and not outcome.claimed:
                    return  # the store is down: report it rather than spin
            if not claimed_any:
                break

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
        """Claim one batch from `schema` and run it.

        The outcomes of the drain's previous batch, if held, are recorded in the
        same store call as this claim, and counted in this batch's outcome.
        """
        report = report if report is not None else RunReport()
        outcome = BatchOutcome(schema=schema)
        try:
            tasks = self._claim(schema, outcome, report)
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
        except BaseException:
            # Even when interrupted (KeyboardInterrupt), what was done is recorded.
            self._record(pending.outcomes(), outcome, report)
            report.add(outcome)
            raise
        outcomes = pending.outcomes()
        if self._holding and outcomes and not self.stop_event.is_set():
            self._held = outcomes  # recorded with the next claim, or by the drain
        else:
            self._record(outcomes, outcome, report)
        report.add(outcome)
        return outcome

    def _claim(
        self, schema: Schema, outcome: BatchOutcome, report: RunReport
    ) -> Sequence[Task]:
        held = self._held
        if held is None:
            return self.store.claim(
                schema,
                limit=self.batch_size,
                now=self.clock.now(),
                lease=self.lease,
                owner=self.owner,
            )
        try:
            written, tasks = self.store.record_and_claim(
                held,
                schema,
                limit=self.batch_size,
                now=self.clock.now(),
                lease=self.lease,
                owner=self.owner,
            )
        except RetryableError:
            # Nothing was recorded or claimed: record the outcomes on their own
            # (the drain stops on the store error this batch reports).
            self._held = None
            self._record(held, outcome, report)
            raise
        # Held until now so that an interrupt during the call still records them.
        self._held = None
        self._count_written(held, written, outcome, report)
        return tasks

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
        self._count_written(outcomes, written, outcome, report)

    def _count_written(
        self,
        outcomes: Outcomes,
        written: frozenset[tuple[Schema, int]],
        outcome: BatchOutcome,
        report: RunReport,
    ) -> None:
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
