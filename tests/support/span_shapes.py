"""Spans of every shape our tracers make, with edge values, and some that are not ours.

The canaries of `telemetry/span_export.py` (unit and on the wire) convert them with
the library and with ours.
"""

from __future__ import annotations

from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import Link, SpanKind, Status, StatusCode

from hmpps_workers.runners.telemetry.sql_spans import TRACER as SQL_TRACER
from hmpps_workers.runners.telemetry.tracing import TRACER
from support import custom_events as events

# Spans at the end of `spans()` that the library converts (not a shape of ours).
LEFT_TO_LIBRARY = 5

_ENGINES = {
    "postgresql": {
        "db.system": "postgresql",
        "db.name": "claims",
        "db.user": "worker",
        "net.peer.name": "db.internal",
        "net.peer.port": 5432,
    },
    "postgresql, another port": {
        "db.system": "postgresql",
        "db.name": "claims",
        "net.peer.name": "db.internal",
        "net.peer.port": 6432,
    },
    "sqlite": {"db.system": "sqlite", "db.name": "/data/claims.db"},
    "sql server": {
        "db.system": "mssql",
        "db.name": "IntSchema",
        "net.peer.name": "sql.internal",
        "net.peer.port": 1433,
    },
    "sql server, no database": {"db.system": "mssql", "net.peer.name": "sql"},
}


def spans(role: str = "worker") -> list[ReadableSpan]:
    """Every shape our tracers make, with edge values, and some left to the library."""
    finished = InMemorySpanExporter()
    provider = TracerProvider(resource=events.resource(role))
    provider.add_span_processor(SimpleSpanProcessor(finished))
    ours, sql = provider.get_tracer(TRACER), provider.get_tracer(SQL_TRACER)
    with ours.start_as_current_span(
        "worker batch IntSchema",
        kind=SpanKind.CONSUMER,
        attributes={"task.schema": "IntSchema", "_MS.sampleRate": 25.0},
    ) as batch:
        for name in ("claimed", "completed", "failed", "retried"):
            batch.set_attribute(f"batch.{name}", 3)
        with ours.start_as_current_span(
            "task COMPLETE-CLAIM",
            attributes={
                "task.type": "COMPLETE-CLAIM",
                "task.schema": "IntSchema",
                "task.id": 1234,
                "task.attempt": 0,
            },
        ):
            for engine in _ENGINES.values():
                with sql.start_as_current_span(
                    "SELECT claims",
                    kind=SpanKind.CLIENT,
                    attributes={
                        **engine,
                        "db.statement": "SELECT 1",
                        "db.operation": "SELECT claims",
                    },
                ):
                    pass
            with sql.start_as_current_span(
                "UPDATE " + "x" * 2000,
                kind=SpanKind.CLIENT,
                attributes={
                    **_ENGINES["sqlite"],
                    "db.statement": "UPDATE t SET a = 1 " + "-- padding " * 1000,
                    "db.operation": "UPDATE",
                },
            ) as failed:
                failed.set_attribute("error.type", "IntegrityError")
                failed.set_status(Status(StatusCode.ERROR, "IntegrityError"))
            with sql.start_as_current_span(
                "COMMIT", kind=SpanKind.CLIENT, attributes={"db.system": "sqlite"}
            ):
                pass
            with sql.start_as_current_span(
                "",
                kind=SpanKind.CLIENT,
                attributes={"db.system": "other_sql", "db.statement": ""},
            ):
                pass
        with ours.start_as_current_span("task " + "T" * 1500) as failing:
            failing.set_status(Status(StatusCode.ERROR, "ValueError"))
    with ours.start_as_current_span(
        "worker batch ExtSchema", kind=SpanKind.CONSUMER
    ) as root:
        root.set_status(Status(StatusCode.OK))
    # Left to the library: other scopes, kinds, attributes, links and events.
    other = provider.get_tracer("opentelemetry.instrumentation.httpx")
    with other.start_as_current_span(
        "GET", kind=SpanKind.CLIENT, attributes={"http.method": "GET"}
    ):
        pass
    with ours.start_as_current_span(
        "q process", kind=SpanKind.CONSUMER, attributes={"messaging.system": "aws_sqs"}
    ):
        pass
    with ours.start_as_current_span("process E", links=[Link(root.get_span_context())]):
        pass
    with ours.start_as_current_span("job daily-tasks", kind=SpanKind.SERVER) as job:
        job.add_event("step")
    with ours.start_as_current_span("task X", attributes={"enduser.id": "u"}):
        pass
    return list(finished.get_finished_spans())
