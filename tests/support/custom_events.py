"""Custom-event log records of every shape, for the envelope canaries."""

from __future__ import annotations

from opentelemetry.sdk._logs import LoggerProvider, ReadableLogRecord
from opentelemetry.sdk._logs.export import (
    InMemoryLogRecordExporter,
    SimpleLogRecordProcessor,
)
from opentelemetry.sdk.resources import Resource
from opentelemetry.trace import (
    NonRecordingSpan,
    SpanContext,
    TraceFlags,
    set_span_in_context,
)

from hmpps_workers.runners.telemetry.events import CUSTOM_EVENT_NAME, EVENTS_LOGGER

CONNECTION = (
    "InstrumentationKey=00000000-0000-4000-8000-000000000018;"
    "IngestionEndpoint=http://127.0.0.1:9/"
)
TASK = {
    "taskType": "COMPLETE-CLAIM",
    "schema": "ExtSchema",
    "outcome": "completed",
    "taskId": "1042",
    "attempt": "1",
}
# Events our fast path builds itself: every shape the services send, and the edges.
PLAIN = [
    ("TaskCompleted", TASK, 1_764_979_200_123_456_789, True),
    ("TaskFailed", {**TASK, "outcome": "retried"}, 1_764_979_200_000_000_000, False),
    ("P2POffenderNumberSet", {"bookingId": "1200835", "reason": "test"}, None, True),
    ("TRANSFERRED_EVENT_DLQ", {"messages-on-queue": "2"}, 1, False),
    ("TaskCompleted", {}, 1_764_979_200_999_999_999, True),
    ("TaskCompleted", {"note": 'café ✓ "quoted" \\ \n'}, 2, True),
    ("TaskCompleted", {"long": "x" * 9000}, 3, True),
    ("TaskCompleted", {"k" * 150: "at the key limit"}, 4, True),
]
# Records the library must convert itself: each holds what it reads specially.
SPECIAL = [
    {"enduser.id": "user-1"},
    {"session.id": "session-1"},
    {"ai.operation.name": "GET /"},
    {"microsoft.custom_measurements": '{"m": 1}'},
    {"exception.type": "ValueError", "exception.message": "bad"},
    {"user_agent.synthetic.type": "bot"},
    {"client.address": "127.0.0.1"},
    {"APPLICATION_INSIGHTS_EVENT_MARKER_ATTRIBUTE": "true"},
    {"count": 3},
    {"k" * 151: "over the key limit"},
]


def records(resource: Resource) -> list[ReadableLogRecord]:
    """Every PLAIN event, then every SPECIAL one, then an ordinary log line."""
    captured = InMemoryLogRecordExporter()
    provider = LoggerProvider(resource=resource)
    provider.add_log_record_processor(SimpleLogRecordProcessor(captured))
    logger = provider.get_logger(EVENTS_LOGGER)
    for index, (name, properties, stamp, in_span) in enumerate(PLAIN):
        span = NonRecordingSpan(
            SpanContext(
                0x0AF7651916CD43DD8448EB211C80319C + index,
                0xB7AD6B7169203331 + index,
                is_remote=False,
                trace_flags=TraceFlags(TraceFlags.SAMPLED),
            )
        )
        logger.emit(
            timestamp=stamp,
            body=name,
            attributes={**properties, CUSTOM_EVENT_NAME: name},
            context=set_span_in_context(span) if in_span else None,
        )
    for special in SPECIAL:
        logger.emit(
            timestamp=5,
            body="TaskCompleted",
            attributes={**special, CUSTOM_EVENT_NAME: "TaskCompleted"},
        )
    logger.emit(timestamp=6, body="an ordinary log line", attributes={"a": "b"})
    return list(captured.get_finished_logs())


def resource(role: str) -> Resource:
    """A resource as `setup` makes one: role, instance and version."""
    return Resource.create(
        {
            "service.name": role,
            "service.instance.id": "pod-1",
            "service.version": "2026-12-06.1",
        }
    )
