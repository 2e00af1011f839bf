"""Spans for the work: worker batches, tasks, SQS messages, stored messages processed.

Outgoing calls made inside one of these spans (HTTP, SQL, AWS) become its children, so
Application Insights shows each operation with its dependencies. Attributes are task
types, schemas, ids and event types: never a payload. A scheduled run's own request
is made in `runs`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from typing import Any

import attrs
from opentelemetry import propagate, trace
from opentelemetry.context import Context
from opentelemetry.trace import SpanKind, Tracer

from hmpps_workers.core.prison_to_probation.model import StoredMessage
from hmpps_workers.core.prison_to_probation.outcomes import Outcome
from hmpps_workers.core.prison_to_probation.ports import Telemetry
from hmpps_workers.core.prison_to_probation.processor import MessageProcessor
from hmpps_workers.core.tasks.engine import BatchOutcome, RunReport, TaskWorker
from hmpps_workers.core.tasks.model import Completed, Schema, Task
from hmpps_workers.core.tasks.registry import (
    FailureFallback,
    Handler,
    HandlerRegistry,
)
from hmpps_workers.runners.telemetry import current_span
from hmpps_workers.runners.telemetry.events import TASK_COMPLETED, task_properties
from hmpps_workers.runners.telemetry.held_back import received_links

TRACER = "hmpps_workers.runners"


@functools.cache
def tracer() -> Tracer:
    """Our tracer on the global provider (a no-op one while telemetry is off).

    Kept: the provider builds a new tracer on every call, a tenth of a task's cost.
    A tracer taken before telemetry starts is a proxy that follows the provider.
    """
    return trace.get_tracer(TRACER)


def is_dropped_here(span: trace.Span) -> bool:
    """True for a span of this process that its sampler dropped (not recording).

    Nothing beneath such a span is kept (`sampling.follow_dropped_parents`).
    """
    context = span.get_span_context()
    return context.is_valid and not context.is_remote and not span.is_recording()


@attrs.define
class TracedHandler:
    """A task handler whose every run is a span, the parent of the calls it makes.

    A task the handler completed in its own transaction never reaches the store's
    `record`, so its TaskCompleted event is sent here.
    """

    task_type: str
    inner: Handler
    telemetry: Telemetry | None = None

    def __call__(self, task: Task) -> Completed | None:
        """Run the handler inside a span named for the task type.

        Under a batch span that was dropped (not sampled) no task span is made: it
        and every call beneath it would be dropped too (`sampling.py`), and the
        calls' trace context is the batch's either way. The event is still sent.
        """
        dropped = current_span.dropped_here()
        result = self.inner(task) if dropped else self._traced(task)
        if result is Completed.IN_TRANSACTION and self.telemetry is not None:
            self.telemetry.track_event(
                TASK_COMPLETED, task_properties(task, "completed")
            )
        return result

    def _traced(self, task: Task) -> Completed | None:
        with tracer().start_as_current_span(
            f"task {self.task_type}",
            attributes={
                "task.type": task.task,
                "task.schema": str(task.schema),
                "task.id": task.task_id,
                "task.attempt": task.attempts,
            },
        ):
            return self.inner(task)


@attrs.define
class TracedFallbackHandler(TracedHandler):
    """A traced handler that keeps the inner handler's failure fallback."""

    def on_failure(self, task: Task, reason: str) -> str:
        """The inner handler's fallback."""
        inner: Any = self.inner
        return str(inner.on_failure(task, reason))


def traced_registry(
    registry: HandlerRegistry, telemetry: Telemetry | None = None
) -> HandlerRegistry:
    """The same handlers, each run inside its own span, fallbacks kept."""
    return HandlerRegistry(
        {
            name: (
                TracedFallbackHandler
                if isinstance(registry[name], FailureFallback)
                else TracedHandler
            )(name, registry[name], telemetry)
            for name in registry
        }
    )


@attrs.define(kw_only=True)
class TracedTaskWorker(TaskWorker):
    """The task engine with each claimed batch as an operation (a request)."""

    def run_batch(
        self, schema: Schema, report: RunReport | None = None
    ) -> BatchOutcome:
        """Claim and run one batch inside a consumer span."""
        with tracer().start_as_current_span(
            f"worker batch {schema}",
            kind=SpanKind.CONSUMER,
            attributes={"task.schema": str(schema)},
        ) as span:
            outcome = super().run_batch(schema, report)
            for name in ("claimed", "completed", "failed", "retried"):
                span.set_attribute(f"batch.{name}", getattr(outcome, name))
            return outcome


def _envelope_attributes(body: str | bytes) -> Mapping[str, Any]:
    try:
        envelope = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return {}
    attributes = envelope.get("MessageAttributes") if isinstance(envelope, dict) else {}
    return attributes if isinstance(attributes, dict) else {}


def _value(attribute: object) -> str | None:
    if isinstance(attribute, dict):
        value = attribute.get("Value", attribute.get("StringValue"))
        return value if isinstance(value, str) else None
    return None


def message_context(body: str | bytes) -> tuple[Context, str]:
    """The W3C trace context a message carries (if any), and its event type."""
    attributes = _envelope_attributes(body)
    carrier = {
        key: value
        for key in ("traceparent", "tracestate")
        if (value := _value(attributes.get(key))) is not None
    }
    event_type = _value(attributes.get("eventType")) or "unknown"
    return propagate.extract(carrier), event_type


@attrs.define
class TracedMessageHandler:
    """An SQS body handler that runs each message inside a consumer span.

    The span continues the publisher's trace when the message carries a
    `traceparent` attribute, and is the parent of every call handling it makes.
    """

    queue: str
    inner: Callable[[str], object]

    def __call__(self, body: str) -> object:
        """Handle one message body inside its span."""
        context, event_type = message_context(body)
        with tracer().start_as_current_span(
            f"{self.queue} process",
            context=context,
            kind=SpanKind.CONSUMER,
            attributes={
                "messaging.system": "aws_sqs",
                "messaging.destination.name": self.queue,
                "messaging.operation": "process",
                "event.type": event_type,
            },
        ):
            return self.inner(body)


@attrs.define
class TracedMessageProcessor(MessageProcessor):
    """Core's message processor with each stored message processed inside a span.

    The span is a child of the job's and links to the trace the message was
    received in (`held_back`).
    """

    def process(self, message: StoredMessage) -> Outcome:
        """Process one stored message in a span linked to the trace it came in."""
        with tracer().start_as_current_span(
            f"process {message.event_type}",
            links=received_links(message),
            attributes={
                "event.type": message.event_type,
                "booking.id": str(message.booking_id),
                "message.retry_count": message.retry_count,
            },
        ):
            return super().process(message)
