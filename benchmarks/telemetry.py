"""The cost of telemetry: engine throughput, claims and P2P ingest, on beside off.

Each measurement runs in a fresh spawned process (the distro sets process-wide state),
on the same database or moto server in the same run, in rotating order. "On" exports
to a fake ingestion endpoint on loopback, with every trace or the default sampling,
and the time includes the final flush. `--compare-switch` adds "on" modes that keep
CPython's default 5 ms thread switch interval instead of the runners' shorter one.
No-op tasks are also run on the platform's bound: the bare distro (none of our
processors or instrumentations, the interpreter left as it is) around the plain engine,
one span and one custom event per task, the least any telemetry of a task can cost.
Run as `python -m benchmarks.telemetry`.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import multiprocessing
import os
import queue
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support import aws

from benchmarks import claims, ours, p2p
from benchmarks import telemetry_report as report
from benchmarks.telemetry_report import BARE, EVERY, Row, Run
from hmpps_workers.adapters.aws.dynamodb import DynamoDbMessageStore
from hmpps_workers.adapters.aws.dynamodb_lock import DynamoDbLock
from hmpps_workers.adapters.aws.p2p_resources import create_message_table
from hmpps_workers.adapters.aws.sqs import SqsConsumer
from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.prison_visits.seed_journeys import seed_journey
from hmpps_workers.adapters.sql.schema import create_schema
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.adapters.testing.app_insights import FakeAppInsights
from hmpps_workers.adapters.testing.http import FakeServer, Request, Response
from hmpps_workers.core.clock import SystemClock
from hmpps_workers.core.tasks import HandlerRegistry, Schema, Task, TaskWorker
from hmpps_workers.core.testing.claim_journeys import approvable_journey
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.handler_world import OFFICE_HOURS
from hmpps_workers.runners.env import Secret
from hmpps_workers.runners.heap import freeze_startup_heap
from hmpps_workers.runners.prison_visits import handlers
from hmpps_workers.runners.prison_visits.bootstrap import bootstrap, build_worker
from hmpps_workers.runners.prison_visits.config import DatabaseConfig, WorkerConfig
from hmpps_workers.runners.prison_visits.handlers import fake_integrations
from hmpps_workers.runners.telemetry import setup
from hmpps_workers.runners.telemetry.events import (
    CUSTOM_EVENT_NAME,
    TASK_COMPLETED,
    OpenTelemetryEvents,
    TaskOutcomeEvents,
    task_properties,
)
from hmpps_workers.runners.telemetry.settings import Service, telemetry_settings
from hmpps_workers.runners.telemetry.tracing import (
    TracedMessageHandler,
    TracedTaskWorker,
    traced_registry,
)

OFF, ON, RATE_LIMITED = "", EVERY, "default sampling"
SLOW_SWITCH = ", 5 ms switch"  # CPython's default switch interval kept
MODES = (OFF, ON, RATE_LIMITED)
SWITCH_MODES = (*MODES, ON + SLOW_SWITCH, RATE_LIMITED + SLOW_SWITCH)
BOUND_MODES = (BARE + ON, BARE + RATE_LIMITED)
BARE_EVENTS = "hmpps_workers.bench.bare"
HTTP_TASK = "BENCH-HTTP"
# A child that has not reported by then is stopped; a dead one fails at once.
CHILD_TIMEOUT = 900.0
LIVENESS_POLL = 1.0


class _Answer(FakeServer):
    """A loopback service that answers every call at once: the HTTP task's target."""

    name = "answer"

    def handle(self, request: Request) -> Response:
        """An empty JSON object."""
        del request
        return Response.json(200, {})


def _sampling(on: str) -> None:
    on = on.removeprefix(BARE)
    if on.startswith(ON):  # every trace, as the originals sampled
        os.environ["OTEL_TRACES_SAMPLER"] = "microsoft.fixed_percentage"
        os.environ["OTEL_TRACES_SAMPLER_ARG"] = "1.0"
    if on.endswith(SLOW_SWITCH):
        setup.SWITCH_INTERVAL = 0.005  # CPython's default: start() then keeps it


def _bare_child(url: str, batch: int, out: Any) -> None:  # noqa: ANN401
    """The bound: the distro as it comes, one span and one event per no-op task.

    Only its calls home are kept off (as ours are); no privacy processor, no SQL or
    AWS instrumentation, no batch span, the switch interval left at CPython's.
    """
    for name, value in setup.QUIET.items():
        os.environ.setdefault(name, value)
    from azure.monitor.opentelemetry import configure_azure_monitor  # noqa: PLC0415
    from opentelemetry import _logs, metrics, trace  # noqa: PLC0415

    configure_azure_monitor(
        connection_string=os.environ["APPLICATIONINSIGHTS_CONNECTION_STRING"],
        logger_name=BARE_EVENTS,
        enable_live_metrics=False,
        enable_performance_counters=False,
        disable_offline_storage=True,
    )
    spans = trace.get_tracer("bench.bare")
    events = _logs.get_logger(BARE_EVENTS)

    def noop(task: Task) -> None:
        with spans.start_as_current_span("task BENCH-NOOP"):
            pass
        events.emit(  # the same event as ours: name and properties
            body=TASK_COMPLETED,
            attributes={
                **task_properties(task, "completed"),
                CUSTOM_EVENT_NAME: TASK_COMPLETED,
            },
        )

    engine = create_database_engine(url)
    worker = TaskWorker(
        store=SqlTaskStore(engine),
        registry=HandlerRegistry({ours.NOOP: noop}),
        clock=SystemClock(),
        owner=f"bench-{uuid.uuid4().hex[:8]}",
        batch_size=batch,
        schemas=(Schema.INT,),
    )
    started, cpu = time.perf_counter(), time.process_time()
    report = worker.drain()
    providers: list[Any] = [
        trace.get_tracer_provider(),
        _logs.get_logger_provider(),
        metrics.get_meter_provider(),
    ]
    for provider in providers:  # flushed and timed, like ours
        provider.force_flush()
        provider.shutdown()
    out.put((report.completed, time.perf_counter() - started, _since(cpu)))
    engine.dispose()


def _engine_child(on: str, url: str, batch: int, target: str, out: Any) -> None:  # noqa: ANN401
    import httpx  # noqa: PLC0415 - after the distro instruments it

    _sampling(on)
    if on.startswith(BARE):
        _bare_child(url, batch, out)
        return
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
    freeze_startup_heap()  # as the runner's command does, on or off
    started, cpu = time.perf_counter(), time.process_time()
    report = worker.drain()
    runtime.shutdown()
    out.put((report.completed, time.perf_counter() - started, _since(cpu)))
    client.close()
    engine.dispose()


def _claims_child(on: str, url: str, out: Any) -> None:  # noqa: ANN401
    """Drain seeded claims as the worker runner does: bootstrap, then build_worker."""
    _sampling(on)
    config = WorkerConfig(
        database=DatabaseConfig(url=Secret(url), description="bench"), batch_size=50
    )
    # No engine passed: bootstrap starts telemetry first and then opens the engine,
    # so the SQL instrumentation sees it, as in production.
    services = bootstrap(
        config,
        environ=os.environ if on else {},
        clock=FakeClock(OFFICE_HOURS),
        integrations=fake_integrations({}),
    )
    worker = build_worker(services, handlers.prison_visits(services))
    freeze_startup_heap()  # as the runner's command does, on or off
    started, cpu = time.perf_counter(), time.process_time()
    report = worker.drain()
    services.close()  # flushes telemetry: timed, like the other rows
    seconds = time.perf_counter() - started
    out.put((0 if report.failed else report.completed, seconds, _since(cpu)))


def seed_claims(url: str, count: int) -> None:
    """`count` approvable claims, their tables made first, at office hours."""
    engine = create_database_engine(url)
    create_schema(engine)
    now = FakeClock(OFFICE_HOURS).now()
    for index in range(count):
        journey = approvable_journey(
            now, reference=f"B{index:06d}", base_id=1_000_000 + 10 * index
        )
        seed_journey(engine, journey, now=now)
    engine.dispose()


def claims_rows(
    fake: FakeAppInsights,
    database: str,
    count: int,
    rounds: int,
    modes: tuple[str, ...] = MODES,
) -> list[Row]:
    """Claims from COMPLETE-CLAIM to the acceptance email, each run on a fresh copy.

    `database` is "sqlite" (a file in a scratch folder) or "postgresql" (a scratch
    database on the local server). The claims are seeded once per backend and each
    run gets its own copy (the file copied, or a database made from the seeded one
    as its template), so a run long enough to measure steady state does not cost
    its seeding again every round.
    """
    from benchmarks.__main__ import postgres_database  # noqa: PLC0415 - no cycle

    tasks = count * claims.TASKS_PER_CLAIM
    with contextlib.ExitStack() as stack:
        if database == "sqlite":
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            seeded = scratch / "seeded"  # a file per schema: the folder is copied
            seeded.mkdir()
            seed_claims(f"sqlite:///{seeded / 'claims.db'}", count)

            def measure(mode: str) -> Run:
                copy = scratch / "run"
                shutil.rmtree(copy, ignore_errors=True)
                shutil.copytree(seeded, copy)
                return _run(
                    fake, _claims_child, mode, f"sqlite:///{copy / 'claims.db'}"
                )

        else:
            template = stack.enter_context(postgres_database())
            seed_claims(template, count)

            def measure(mode: str) -> Run:
                with postgres_database(template=template) as url:
                    return _run(fake, _claims_child, mode, url)

        runs = _rounds(measure, tasks, rounds, modes)
    scenario = f"claims ({tasks // count} tasks each), {database}"
    return report.rows(scenario, tasks, runs, tasks, OFF)


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
    freeze_startup_heap()  # as the service's command does, on or off
    started, cpu = time.perf_counter(), time.process_time()
    done = 0
    while done < count:
        done += consumer.poll_once().succeeded
    runtime.shutdown()
    out.put((done, time.perf_counter() - started, _since(cpu)))


RECEIVED = [0]  # items the fake ingestion endpoint received, over every run


class ChildFailedError(RuntimeError):
    """A measuring child died or overran without reporting its result."""


def _since(cpu: float) -> float:
    """This process's CPU seconds (every thread) since `cpu`."""
    return time.process_time() - cpu


def _result(process: Any, out: Any, what: str) -> tuple[int, float, float]:  # noqa: ANN401
    """The child's result, or an error as soon as it dies (or overruns) without one.

    The caller holds the exclusive CPU lock meanwhile, so waiting for a child that
    is gone would hold every other engineer's benchmarks too.
    """
    deadline = time.monotonic() + CHILD_TIMEOUT
    while True:
        try:
            done, seconds, cpu = out.get(timeout=LIVENESS_POLL)
        except queue.Empty:
            if not process.is_alive():
                # It may have put its result just before exiting.
                with contextlib.suppress(queue.Empty):
                    done, seconds, cpu = out.get(timeout=LIVENESS_POLL)
                    return done, seconds, cpu
                msg = f"{what}: the child died (exit code {process.exitcode})"
                raise ChildFailedError(msg) from None
            if time.monotonic() > deadline:
                process.terminate()
                process.join(10)
                msg = f"{what}: no result after {CHILD_TIMEOUT:.0f} s, child stopped"
                raise ChildFailedError(msg) from None
        else:
            return done, seconds, cpu


def _run(fake: FakeAppInsights, target: Callable[..., None], *args: object) -> Run:
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    process = context.Process(target=target, args=(*args, out))
    process.start()
    what = f"{target.__name__} (telemetry {args[0] or 'off'})"
    done, seconds, cpu = _result(process, out, what)
    process.join(60)
    events = len(fake.events())
    # Emptied after every run: tens of thousands of envelopes kept in this process
    # (the garbage collector walks them) can slow the fake's answers, and so the
    # timed final flush of every later run.
    RECEIVED[0] += len(fake.envelopes)
    fake.envelopes.clear()
    return Run(done=done, seconds=seconds, cpu=cpu, events=events)


def rotations(modes: tuple[str, ...], rounds: int) -> list[tuple[str, ...]]:
    """The order of the modes in each round: rotated, so no mode is always first."""
    return [
        modes[index % len(modes) :] + modes[: index % len(modes)]
        for index in range(rounds)
    ]


def _rounds(
    measure: Callable[[str], Run],
    items: int,
    rounds: int,
    modes: tuple[str, ...] = MODES,
) -> dict[str, list[Run]]:
    runs: dict[str, list[Run]] = {mode: [] for mode in modes}
    for order in rotations(modes, rounds):
        for mode in order:
            run = measure(mode)
            if run.done != items:
                msg = f"telemetry {mode or 'off'}: did {run.done} of {items}"
                raise RuntimeError(msg)
            runs[mode].append(run)
    return runs


def engine_rows(
    fake: FakeAppInsights,
    url: str,
    *,
    task: str,
    tasks: int,
    batch: int,
    rounds: int,
    target: str = "",
    modes: tuple[str, ...] = MODES,
) -> list[Row]:
    """One worker draining `tasks` tasks of one type, off and on, per round."""
    engine = create_database_engine(url)
    create_schema(engine)

    def measure(mode: str) -> Run:
        ours.seed(engine, tasks, task=task)
        return _run(fake, _engine_child, mode, url, batch, target)

    if task == ours.NOOP:
        modes = (*modes, *BOUND_MODES)
    runs = _rounds(measure, tasks, rounds, modes)
    engine.dispose()
    name = "no-op tasks" if task == ours.NOOP else "tasks, 1 HTTP call each"
    return report.rows(f"{name}, postgresql", tasks, runs, tasks, OFF)


def ingest_rows(
    fake: FakeAppInsights,
    moto_url: str,
    count: int,
    rounds: int,
    modes: tuple[str, ...] = MODES,
) -> list[Row]:
    """SQS to the DynamoDB store through the consumer and pipeline, off and on."""
    runs = _rounds(
        lambda mode: _run(fake, _ingest_child, mode, moto_url, count),
        count,
        rounds,
        modes,
    )
    return report.rows("P2P ingest, SQS -> store", count, runs, 0, OFF)


def main(argv: list[str] | None = None) -> None:
    """Measure every row, print the table, write bench-results/telemetry.json."""
    from benchmarks.__main__ import postgres_database  # noqa: PLC0415 - no cycle

    parser = argparse.ArgumentParser(prog="python -m benchmarks.telemetry")
    parser.add_argument("--tasks", type=int, default=3000)
    # 1,000: at ~0.6 ms a call, 200 spread the "on" run's final flush (~18 ms)
    # as ~90 us a task that no task pays (issue 18h).
    parser.add_argument("--http-tasks", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--claims", type=int, default=300)
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--compare-switch",
        action="store_true",
        help="add 'on' modes at CPython's 5 ms switch interval (skips the HTTP row)",
    )
    parser.add_argument(
        "--databases",
        default="sqlite,postgresql",
        help="the claims rows' backends (sqlite alone keeps an exclusive run short)",
    )
    parser.add_argument(
        "--only",
        default="noop,http,claims,ingest",
        help="comma-separated scenarios to run (keeps each exclusive run short)",
    )
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    logging.disable(logging.WARNING)
    rounds = max(args.rounds, 1)
    modes = SWITCH_MODES if args.compare_switch else MODES
    with FakeAppInsights() as fake, _Answer() as answer:
        os.environ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = fake.connection_string
        rows: list[Row] = []
        try:
            with postgres_database() as url:
                if "noop" in only:
                    rows += engine_rows(
                        fake,
                        url,
                        task=ours.NOOP,
                        tasks=args.tasks,
                        batch=args.batch,
                        rounds=rounds,
                        modes=modes,
                    )
                if "http" in only and not args.compare_switch:
                    rows += engine_rows(
                        fake,
                        url,
                        task=HTTP_TASK,
                        tasks=args.http_tasks,
                        batch=args.batch,
                        rounds=rounds,
                        target=answer.url,
                    )
            for database in args.databases.split(","):
                if "claims" in only:
                    rows += claims_rows(fake, database, args.claims, rounds, modes)
            if "ingest" in only:
                with aws.moto_server() as moto_url:
                    rows += ingest_rows(fake, moto_url, args.messages, rounds, modes)
        finally:
            del os.environ["APPLICATIONINSIGHTS_CONNECTION_STRING"]
        received = RECEIVED[0]
    print(report.render(rows))
    print(f"(telemetry items received by the fake ingestion endpoint: {received:,})")
    report.write(rows)


if __name__ == "__main__":
    main()
