"""The cost of telemetry: engine throughput and P2P ingest with it on beside off.

Each measurement runs in a fresh spawned process (the distro sets process-wide state),
on the same database or moto server in the same run, alternating off and on. "On"
exports everything (100% sampling) to a fake ingestion endpoint on loopback and the
time includes the final flush. Run as `python -m benchmarks.telemetry`.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
from tests.support import aws

from benchmarks import ours, p2p
from hmpps_workers.adapters.aws.dynamodb import DynamoDbMessageStore
from hmpps_workers.adapters.aws.dynamodb_lock import DynamoDbLock
from hmpps_workers.adapters.aws.p2p_resources import create_message_table
from hmpps_workers.adapters.aws.sqs import SqsConsumer
from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.schema import create_schema
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.adapters.testing.app_insights import FakeAppInsights
from hmpps_workers.core.clock import SystemClock
from hmpps_workers.core.tasks import HandlerRegistry, Schema, TaskWorker
from hmpps_workers.runners.telemetry import setup
from hmpps_workers.runners.telemetry.events import (
    OpenTelemetryEvents,
    TaskOutcomeEvents,
)
from hmpps_workers.runners.telemetry.settings import Service, telemetry_settings
from hmpps_workers.runners.telemetry.tracing import (
    TracedMessageHandler,
    TracedTaskWorker,
    traced_registry,
)

RESULTS = Path("bench-results")
TARGET = 0.9
OFF, ON, RATE_LIMITED = "", "every trace", "default sampling"


@attrs.frozen(kw_only=True)
class Pair:
    """One scenario, off beside on."""

    scenario: str
    items: int
    off_seconds: float
    on_seconds: float

    @property
    def ratio(self) -> float:
        """Throughput with telemetry on over throughput with it off."""
        return self.off_seconds / self.on_seconds if self.on_seconds else 0.0


def _engine_child(on: str, url: str, batch: int, out: Any) -> None:  # noqa: ANN401
    if on == ON:  # every trace, as the originals sampled
        os.environ["OTEL_TRACES_SAMPLER"] = "microsoft.fixed_percentage"
        os.environ["OTEL_TRACES_SAMPLER_ARG"] = "1.0"
    runtime = setup.start(
        telemetry_settings(os.environ if on else {}, Service.PRISON_VISITS)
    )
    engine = create_database_engine(url)
    store = SqlTaskStore(engine)
    registry = HandlerRegistry({ours.NOOP: ours.noop})
    worker_class = TracedTaskWorker if on else TaskWorker
    worker = worker_class(
        store=TaskOutcomeEvents(store, OpenTelemetryEvents()) if on else store,
        registry=traced_registry(registry) if on else registry,
        clock=SystemClock(),
        owner=f"bench-{uuid.uuid4().hex[:8]}",
        batch_size=batch,
        schemas=(Schema.INT,),
    )
    started = time.perf_counter()
    report = worker.drain()
    runtime.shutdown()
    out.put((report.completed, time.perf_counter() - started))
    engine.dispose()


def _ingest_child(on: str, moto_url: str, count: int, out: Any) -> None:  # noqa: ANN401
    if on == ON:  # every trace, as the originals sampled
        os.environ["OTEL_TRACES_SAMPLER"] = "microsoft.fixed_percentage"
        os.environ["OTEL_TRACES_SAMPLER_ARG"] = "1.0"
    runtime = setup.start(
        telemetry_settings(os.environ if on else {}, Service.PRISON_TO_PROBATION)
    )
    sqs, dynamodb = aws.client("sqs", moto_url), aws.client("dynamodb", moto_url)
    table, queue = f"t-{uuid.uuid4().hex[:6]}", f"q-{uuid.uuid4().hex[:6]}"
    create_message_table(dynamodb, table)
    queue_url = sqs.create_queue(QueueName=queue)["QueueUrl"]
    p2p._fill_queue(sqs, queue_url, count)  # noqa: SLF001
    pipeline = p2p._pipeline(  # noqa: SLF001
        DynamoDbMessageStore(dynamodb, table), DynamoDbLock(dynamodb, "unused")
    )
    handle: Callable[[str], object] = pipeline.receive
    consumer = SqsConsumer(
        client=sqs,
        queue_url=queue_url,
        handle=TracedMessageHandler(queue, handle) if on else handle,
        wait_seconds=1,
    )
    started = time.perf_counter()
    done = 0
    while done < count:
        done += consumer.poll_once().succeeded
    runtime.shutdown()
    out.put((done, time.perf_counter() - started))


def _run(target: Callable[..., None], *args: object) -> tuple[int, float]:
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    process = context.Process(target=target, args=(*args, out))
    process.start()
    result = out.get(timeout=900)
    process.join(60)
    return result


def engine_pair(url: str, tasks: int, batch: int, rounds: int, on_as: str = ON) -> Pair:
    """Our engine draining `tasks` no-op tasks, one worker, off then on, per round."""
    engine = create_database_engine(url)
    create_schema(engine)
    seconds: dict[str, list[float]] = {OFF: [], on_as: []}
    for _ in range(rounds):
        for on in (OFF, on_as):
            ours.seed(engine, tasks)
            done, elapsed = _run(_engine_child, on, url, batch)
            if done != tasks:
                msg = (
                    f"engine (telemetry {'on' if on else 'off'}) did {done} of {tasks}"
                )
                raise RuntimeError(msg)
            seconds[on].append(elapsed)
    engine.dispose()
    sampling = "100%" if on_as == ON else "default rate limit"
    return Pair(
        scenario=f"no-op tasks, postgresql, {sampling}",
        items=tasks,
        off_seconds=min(seconds[OFF]),
        on_seconds=min(seconds[on_as]),
    )


def ingest_pair(moto_url: str, count: int, rounds: int, on_as: str = ON) -> Pair:
    """SQS to the DynamoDB store through the consumer and pipeline, off then on."""
    seconds: dict[str, list[float]] = {OFF: [], on_as: []}
    for _ in range(rounds):
        for on in (OFF, on_as):
            seconds[on].append(_run(_ingest_child, on, moto_url, count)[1])
    sampling = "100%" if on_as == ON else "default rate limit"
    return Pair(
        scenario=f"P2P ingest, SQS -> store, {sampling}",
        items=count,
        off_seconds=min(seconds[OFF]),
        on_seconds=min(seconds[on_as]),
    )


def render(pairs: list[Pair]) -> str:
    """The table, with the ratio and the target."""
    lines = [f"{'scenario':<44} {'items':>6} {'off/s':>8} {'on/s':>8} {'on/off':>7}"]
    lines += [
        f"{p.scenario:<44} {p.items:>6} {p.items / p.off_seconds:>8.0f}"
        f" {p.items / p.on_seconds:>8.0f} {p.ratio:>7.2f}"
        f"  (target >= {TARGET})"
        for p in pairs
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Measure both pairs, print the table, write bench-results/telemetry.json."""
    from benchmarks.__main__ import postgres_database  # noqa: PLC0415 - no cycle

    parser = argparse.ArgumentParser(prog="python -m benchmarks.telemetry")
    parser.add_argument("--tasks", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    with FakeAppInsights() as fake:
        os.environ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = fake.connection_string
        try:
            with postgres_database() as url:
                pairs = [
                    engine_pair(url, args.tasks, args.batch, args.rounds, on_as)
                    for on_as in (ON, RATE_LIMITED)
                ]
            with aws.moto_server() as moto_url:
                pairs += [
                    ingest_pair(moto_url, args.messages, args.rounds, on_as)
                    for on_as in (ON, RATE_LIMITED)
                ]
        finally:
            del os.environ["APPLICATIONINSIGHTS_CONNECTION_STRING"]
        received = len(fake.envelopes)
    print(render(pairs))
    print(f"(telemetry items received by the fake ingestion endpoint: {received:,})")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "telemetry.json").write_text(
        json.dumps([{**attrs.asdict(p), "ratio": p.ratio} for p in pairs], indent=2)
    )


if __name__ == "__main__":
    main()
