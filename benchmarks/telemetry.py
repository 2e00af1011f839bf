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
import statistics
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
from hmpps_workers.adapters.testing.http import FakeServer, Request, Response
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
MODES = (OFF, ON, RATE_LIMITED)
HTTP_TASK = "BENCH-HTTP"


@attrs.frozen(kw_only=True)
class Run:
    """One child's result: items done, seconds, and custom events that arrived."""

    done: int
    seconds: float
    events: int = 0


@attrs.frozen(kw_only=True)
class Row:
    """One scenario and sampling: rates off and on over the same rounds."""

    scenario: str
    sampling: str
    items: int
    off_rates: tuple[float, ...]
    on_rates: tuple[float, ...]
    events: tuple[int, ...]
    events_expected: int

    @property
    def off(self) -> float:
        """Median items per second with telemetry off."""
        return statistics.median(self.off_rates)

    @property
    def on(self) -> float:
        """Median items per second with telemetry on."""
        return statistics.median(self.on_rates)

    @property
    def ratio(self) -> float:
        """Throughput with telemetry on over throughput with it off (medians)."""
        return self.on / self.off if self.off else 0.0


class _Answer(FakeServer):
    """A loopback service that answers every call at once: the HTTP task's target."""

    name = "answer"

    def handle(self, request: Request) -> Response:
        """An empty JSON object."""
        del request
        return Response.json(200, {})


def _sampling(on: str) -> None:
    if on == ON:  # every trace, as the originals sampled
        os.environ["OTEL_TRACES_SAMPLER"] = "microsoft.fixed_percentage"
        os.environ["OTEL_TRACES_SAMPLER_ARG"] = "1.0"


def _engine_child(on: str, url: str, batch: int, target: str, out: Any) -> None:  # noqa: ANN401
    import httpx  # noqa: PLC0415 - after the distro instruments it

    _sampling(on)
    runtime = setup.start(
        telemetry_settings(os.environ if on else {}, Service.PRISON_VISITS)
    )
    engine = create_database_engine(url)
    store = SqlTaskStore(engine)
    client = httpx.Client(base_url=target or "http://127.0.0.1:9")

    def call(task: object) -> None:
        del task
        client.get("/answer").raise_for_status()

    registry = HandlerRegistry({ours.NOOP: ours.noop, HTTP_TASK: call})
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
    client.close()
    engine.dispose()


def _ingest_child(on: str, moto_url: str, count: int, out: Any) -> None:  # noqa: ANN401
    _sampling(on)
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


def _run(fake: FakeAppInsights, target: Callable[..., None], *args: object) -> Run:
    before = len(fake.events())
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    process = context.Process(target=target, args=(*args, out))
    process.start()
    done, seconds = out.get(timeout=900)
    process.join(60)
    return Run(done=done, seconds=seconds, events=len(fake.events()) - before)


def _rounds(
    measure: Callable[[str], Run], items: int, rounds: int
) -> dict[str, list[Run]]:
    runs: dict[str, list[Run]] = {mode: [] for mode in MODES}
    for index in range(rounds):
        order = MODES[index % 3 :] + MODES[: index % 3]  # rotate: no mode always first
        for mode in order:
            run = measure(mode)
            if run.done != items:
                msg = f"telemetry {mode or 'off'}: did {run.done} of {items}"
                raise RuntimeError(msg)
            runs[mode].append(run)
    return runs


def _rows(
    scenario: str, items: int, runs: dict[str, list[Run]], events_expected: int
) -> list[Row]:
    return [
        Row(
            scenario=scenario,
            sampling=mode,
            items=items,
            off_rates=tuple(items / run.seconds for run in runs[OFF]),
            on_rates=tuple(items / run.seconds for run in runs[mode]),
            events=tuple(run.events for run in runs[mode]),
            events_expected=events_expected,
        )
        for mode in (ON, RATE_LIMITED)
    ]


def engine_rows(
    fake: FakeAppInsights,
    url: str,
    *,
    task: str,
    tasks: int,
    batch: int,
    rounds: int,
    target: str = "",
) -> list[Row]:
    """One worker draining `tasks` tasks of one type, off and on, per round."""
    engine = create_database_engine(url)
    create_schema(engine)

    def measure(mode: str) -> Run:
        ours.seed(engine, tasks, task=task)
        return _run(fake, _engine_child, mode, url, batch, target)

    runs = _rounds(measure, tasks, rounds)
    engine.dispose()
    name = "no-op tasks" if task == ours.NOOP else "tasks, 1 HTTP call each"
    return _rows(f"{name}, postgresql", tasks, runs, tasks)


def ingest_rows(
    fake: FakeAppInsights, moto_url: str, count: int, rounds: int
) -> list[Row]:
    """SQS to the DynamoDB store through the consumer and pipeline, off and on."""
    runs = _rounds(
        lambda mode: _run(fake, _ingest_child, mode, moto_url, count), count, rounds
    )
    return _rows("P2P ingest, SQS -> store", count, runs, 0)


def _spread(rates: tuple[float, ...]) -> str:
    return f"{min(rates):.0f}-{max(rates):.0f}"


def render(rows: list[Row]) -> str:
    """The table: medians, spreads, ratio against the target, events that arrived."""
    head = f"{'scenario':<36} {'sampling':<16} {'off/s':>7} {'(spread)':>13}"
    lines = [f"{head} {'on/s':>7} {'(spread)':>13} {'on/off':>6}  events"]
    for row in rows:
        events = (
            f"{min(row.events)}/{row.events_expected}" if row.events_expected else "-"
        )
        lines.append(
            f"{row.scenario:<36} {row.sampling:<16} {row.off:>7.0f}"
            f" {_spread(row.off_rates):>13} {row.on:>7.0f}"
            f" {_spread(row.on_rates):>13} {row.ratio:>6.2f}  {events}"
        )
    met = [row for row in rows if row.ratio >= TARGET]
    lines.append(
        f"target on/off >= {TARGET}: met by {len(met)} of {len(rows)} rows"
        + "".join(
            f"; {r.scenario} ({r.sampling}) {r.ratio:.2f}" for r in rows if r not in met
        )
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Measure every row, print the table, write bench-results/telemetry.json."""
    from benchmarks.__main__ import postgres_database  # noqa: PLC0415 - no cycle

    parser = argparse.ArgumentParser(prog="python -m benchmarks.telemetry")
    parser.add_argument("--tasks", type=int, default=3000)
    parser.add_argument("--http-tasks", type=int, default=200)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    rounds = max(args.rounds, 1)
    with FakeAppInsights() as fake, _Answer() as answer:
        os.environ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = fake.connection_string
        try:
            with postgres_database() as url:
                rows = engine_rows(
                    fake,
                    url,
                    task=ours.NOOP,
                    tasks=args.tasks,
                    batch=args.batch,
                    rounds=rounds,
                )
                rows += engine_rows(
                    fake,
                    url,
                    task=HTTP_TASK,
                    tasks=args.http_tasks,
                    batch=args.batch,
                    rounds=rounds,
                    target=answer.url,
                )
            with aws.moto_server() as moto_url:
                rows += ingest_rows(fake, moto_url, args.messages, rounds)
        finally:
            del os.environ["APPLICATIONINSIGHTS_CONNECTION_STRING"]
        received = len(fake.envelopes)
    print(render(rows))
    print(f"(telemetry items received by the fake ingestion endpoint: {received:,})")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "telemetry.json").write_text(
        json.dumps(
            [
                {
                    **attrs.asdict(row),
                    "off": row.off,
                    "on": row.on,
                    "ratio": row.ratio,
                    "target": TARGET,
                }
                for row in rows
            ],
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
