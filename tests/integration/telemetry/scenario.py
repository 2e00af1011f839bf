"""Run by the export test in its own interpreter: the distro sets process-wide state.

Logging and telemetry set up as the command does (logging first). One worker batch
whose task makes an httpx call, a requests call, a SQL query with a personal-data
parameter, an SQS call to moto, and sends a custom event; then flush. Prints the
classes exporting and the handlers on the root logger.
"""

from __future__ import annotations

import logging
import os
import sys

import boto3
import httpx
import requests
import sqlalchemy as sa
from opentelemetry import trace
from opentelemetry.sdk.trace.export import BatchSpanProcessor

from hmpps_workers.core.prison_to_probation import telemetry as p2p_events
from hmpps_workers.core.tasks import NewTask, Schema
from hmpps_workers.core.tasks.registry import HandlerRegistry
from hmpps_workers.core.testing import FakeClock, InMemoryTaskStore
from hmpps_workers.runners import logging as runner_logging
from hmpps_workers.runners.telemetry import events as events_module
from hmpps_workers.runners.telemetry import setup
from hmpps_workers.runners.telemetry.events import OpenTelemetryEvents
from hmpps_workers.runners.telemetry.settings import Service, telemetry_settings
from hmpps_workers.runners.telemetry.tracing import TracedTaskWorker, traced_registry


def main(target: str) -> None:
    runner_logging.configure("INFO", "json")
    runtime = setup.start(telemetry_settings(os.environ, Service.PRISON_VISITS))
    engine = sa.create_engine("sqlite://")
    sqs = boto3.client("sqs")

    def handler(task: object) -> None:
        httpx.get(f"{target}/distance", params={"origins": "AA1 1AA"}, timeout=5)
        requests.get(
            f"{target}/notify", params={"email": "visitor@example.com"}, timeout=5
        )
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT :name AS n"), {"name": "Valentina"})
        sqs.list_queues()
        OpenTelemetryEvents().track_event(
            "P2POffenderNumberSet",
            {"offenderNo": "A5089DY", "bookingNumber": "38339A", "crn": "X142620"},
        )

    clock = FakeClock()
    store = InMemoryTaskStore()
    store.enqueue(NewTask(task="DWP-CHECK", schema=Schema.EXT), now=clock.now())
    TracedTaskWorker(
        store=store,
        registry=traced_registry(HandlerRegistry({"DWP-CHECK": handler})),
        clock=clock,
        owner="scenario",
        schemas=(Schema.EXT,),
    ).drain()
    events = OpenTelemetryEvents()
    for name in every_p2p_event():
        events.track_event(name, {"bookingId": "1200835", "reason": "test"})
    events.track_event("TRANSFERRED_EVENT_DLQ", {"messages-on-queue": "2"})
    sys.stdout.write(" ".join(["exported by:", *exporters()]) + "\n")
    root = [type(handler).__name__ for handler in logging.getLogger().handlers]
    sys.stdout.write(" ".join(["root handlers:", *root]) + "\n")
    runtime.shutdown()


def exporters() -> list[str]:
    """The classes exporting spans and `OpenTelemetryEvents`' events, by name."""
    processors = trace.get_tracer_provider()._active_span_processor._span_processors
    spans = [
        type(p._batch_processor._exporter).__name__
        for p in processors
        if isinstance(p, BatchSpanProcessor)
    ]
    return [*spans, *(type(sink).__name__ for sink in events_module._SINKS)]


def every_p2p_event() -> list[str]:
    """Every custom event name core's prison-to-probation pipeline sends."""
    return sorted(
        value
        for value in vars(p2p_events).values()
        if isinstance(value, str) and value.startswith("P2P")
    )


if __name__ == "__main__":
    main(sys.argv[1])
