"""What the bootstraps call: the traced variant of each part when telemetry is on.

With telemetry off every function hands back what it was given, so the services run
exactly as they did before it existed.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from hmpps_workers.core.prison_to_probation import MessageProcessor
from hmpps_workers.core.prison_to_probation.ports import MessageStore, Telemetry
from hmpps_workers.core.tasks import TaskWorker
from hmpps_workers.runners.telemetry.events import (
    BothTelemetry,
    OpenTelemetryEvents,
    TaskOutcomeEvents,
)
from hmpps_workers.runners.telemetry.held_back import TraceContextStore
from hmpps_workers.runners.telemetry.setup import Runtime
from hmpps_workers.runners.telemetry.tracing import (
    TracedMessageHandler,
    TracedMessageProcessor,
    TracedTaskWorker,
    traced_registry,
)


def traced_worker(worker: TaskWorker, runtime: Runtime) -> TaskWorker:
    """The worker with batch and task spans and outcome events, when telemetry is on."""
    if not runtime.enabled:
        return worker
    fields = {f.name: getattr(worker, f.name) for f in attrs.fields(TaskWorker)}
    events = OpenTelemetryEvents()
    fields["store"] = TaskOutcomeEvents(worker.store, events)
    fields["registry"] = traced_registry(worker.registry, events)
    return TracedTaskWorker(**fields)


def exported_events(events: Telemetry, runtime: Runtime) -> Telemetry:
    """Custom events to Application Insights as well as to `events`, when on."""
    if not runtime.enabled:
        return events
    return BothTelemetry([events, OpenTelemetryEvents()])


def message_processor(runtime: Runtime) -> type[MessageProcessor]:
    """The processor class to build: one span per stored message when on."""
    return TracedMessageProcessor if runtime.enabled else MessageProcessor


def message_store(store: MessageStore, runtime: Runtime) -> MessageStore:
    """The pipeline's store, keeping each new item's trace context when on."""
    return TraceContextStore(store) if runtime.enabled else store


def message_handler(
    handle: Callable[[str], object], queue: str, runtime: Runtime
) -> Callable[[str], object]:
    """The SQS body handler, each message a consumer span when on."""
    return TracedMessageHandler(queue, handle) if runtime.enabled else handle
