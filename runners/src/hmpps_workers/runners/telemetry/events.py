"""Custom events: core's telemetry port on the Azure Monitor distro, and task outcomes.

The distro turns a log record carrying `microsoft.custom_event.name` into an
Application Insights custom event whose properties are the record's other attributes.
Events are emitted on OpenTelemetry's logs API under their own logger name, not through
Python's `logging` (half the cost per event, and no stray `code.*` attributes), so
ordinary log lines stay on stdout and never reach Application Insights. Log records
are never sampled: every event arrives.

With telemetry on (`setup`), events skip even OpenTelemetry's log record: the worker
thread queues a plain `EventRecord` (time, trace context, name, properties) for
`event_pipeline`, which exports it on its own thread. The SDK's record (its context
look-ups, attribute checks and copies) cost about 16 us an event in the worker thread,
a sixth of what telemetry cost a claim task; the record costs about 2 us.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple, Protocol

import attrs
from opentelemetry._logs import Logger, SeverityNumber, get_logger

from hmpps_workers.core.prison_to_probation.ports import Telemetry
from hmpps_workers.core.tasks.model import Outcomes, Schema, Task
from hmpps_workers.core.tasks.ports import TaskStore
from hmpps_workers.runners.telemetry import current_span

EVENTS_LOGGER = "hmpps_workers.telemetry.events"
CUSTOM_EVENT_NAME = "microsoft.custom_event.name"
TASK_COMPLETED = "TaskCompleted"
TASK_FAILED = "TaskFailed"


def events_logger() -> logging.Logger:
    """The Python logger the distro listens to; it never propagates to the console."""
    logger = logging.getLogger(EVENTS_LOGGER)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger


class EventRecord(NamedTuple):
    """One custom event as the worker thread hands it over: nothing is checked yet."""

    timestamp: int
    trace_id: int
    span_id: int
    trace_flags: int
    name: str
    properties: Mapping[str, str]


class EventSink(Protocol):
    """Where `OpenTelemetryEvents` puts events while telemetry runs."""

    def add(self, record: EventRecord) -> None:
        """Queue one event for export; never blocks, never raises."""
        ...


_SINKS: list[EventSink] = []


def send_events_to(sink: EventSink | None) -> None:
    """Every `OpenTelemetryEvents` sends to `sink` from now on (None: the logger)."""
    _SINKS[:] = [] if sink is None else [sink]


@attrs.define
class OpenTelemetryEvents:
    """Core's `Telemetry` port as Application Insights custom events."""

    logger: Logger = attrs.field(factory=lambda: get_logger(EVENTS_LOGGER))

    def track_event(self, name: str, properties: Mapping[str, str]) -> None:
        """Send one custom event with the original's name and property keys.

        To the events pipeline while telemetry runs, otherwise (tests, or the
        distro's own logs pipeline with live metrics) through the logger.
        """
        if _SINKS:
            context = current_span.span_context()
            _SINKS[0].add(
                EventRecord(
                    time.time_ns(),
                    context.trace_id,
                    context.span_id,
                    context.trace_flags,
                    name,
                    dict(properties),
                )
            )
            return
        self.logger.emit(
            timestamp=time.time_ns(),
            body=name,
            severity_number=SeverityNumber.INFO,
            severity_text="INFO",
            attributes={**properties, CUSTOM_EVENT_NAME: name},
        )


@attrs.define
class BothTelemetry:
    """Passes each event to every port in turn (the log line and the exporter)."""

    ports: Sequence[Telemetry]

    def track_event(self, name: str, properties: Mapping[str, str]) -> None:
        """Pass the event on to each port."""
        for port in self.ports:
            port.track_event(name, properties)


def task_properties(task: Task, outcome: str) -> dict[str, str]:
    """Task type, schema, id, attempt and outcome: nothing about claim or person."""
    return {
        "taskType": task.task,
        "schema": str(task.schema),
        "outcome": outcome,
        "taskId": str(task.task_id),
        "attempt": str(task.attempts),
    }


@attrs.define
class TaskOutcomeEvents:
    """A task store that reports each recorded outcome as TaskCompleted or TaskFailed.

    Retries are TaskFailed with outcome "retried"; an outcome whose write lost the
    lease (another worker owns the task) is not reported.

    The original worker sent no custom events of its own; these stand in for the
    request telemetry its dashboards were built on (docs/differences.md).
    """

    inner: TaskStore
    telemetry: Telemetry

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 - delegation
        """Claims, releases, enqueues and queries go straight through."""
        return getattr(self.inner, name)

    def record(
        self, outcomes: Outcomes, *, now: datetime
    ) -> frozenset[tuple[Schema, int]]:
        """Record the batch's outcomes, then report each one that was written."""
        written = self.inner.record(outcomes, now=now)
        self._report(outcomes, written)
        return written

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
        """Record and claim in the inner store's one call, then report as `record`.

        Defined here, not left to `__getattr__`, so the engine keeps its combined
        call with telemetry on. The events are sent from the batch that recorded
        them (its operation in Application Insights), as every outcome's is.
        """
        written, claimed = self.inner.record_and_claim(
            outcomes, schema, limit=limit, now=now, lease=lease, owner=owner
        )
        self._report(outcomes, written)
        return written, claimed

    def _report(
        self, outcomes: Outcomes, written: frozenset[tuple[Schema, int]]
    ) -> None:
        reported = (
            *((TASK_COMPLETED, task, "completed") for task in outcomes.completed),
            *((TASK_FAILED, failure.task, "failed") for failure in outcomes.failed),
            *((TASK_FAILED, retry.task, "retried") for retry in outcomes.retried),
        )
        for name, task, outcome in reported:
            if task.key in written:
                self.telemetry.track_event(name, task_properties(task, outcome))
