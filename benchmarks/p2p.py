"""Prison-to-probation on moto's server: listener throughput and scheduler run time.

(a) messages per second from SQS to the DynamoDB store through the SqsConsumer and the
pipeline's validation, beside a bare boto3 receive-put-delete loop in the same run;
(b) one `process_ready` pass over the same number of ready items at growing table
sizes, with the indexes and (for contrast) on the scan fallback. Filler items are
seeded straight into moto's backend: over HTTP 100,000 items would take most of the
time budget by themselves. Run as `python -m benchmarks.p2p`.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
from moto.core import DEFAULT_ACCOUNT_ID
from moto.dynamodb.models import dynamodb_backends
from tests.support import aws

from hmpps_workers.adapters.aws.dynamodb import DynamoDbMessageStore
from hmpps_workers.adapters.aws.dynamodb_lock import DynamoDbLock
from hmpps_workers.adapters.aws.p2p_items import to_item
from hmpps_workers.adapters.aws.p2p_resources import (
    create_message_table,
    create_schedule_table,
)
from hmpps_workers.adapters.aws.sqs import SqsConsumer
from hmpps_workers.core.prison_to_probation import (
    MessageProcessor,
    Pipeline,
    PipelineSettings,
)
from hmpps_workers.core.prison_to_probation.model import StoredMessage, SynchroniseState
from hmpps_workers.core.testing import FakeClock
from hmpps_workers.core.testing.prison_to_probation.world import (
    BOOKING_ID,
    World,
    envelope,
)

RESULTS = Path("bench-results")
NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
READY = 100  # one processor batch


@attrs.frozen(kw_only=True)
class Row:
    """One line of the table."""

    scenario: str
    system: str
    items: int
    seconds: float
    note: str = ""

    @property
    def per_second(self) -> float:
        """Items per second."""
        return self.items / self.seconds if self.seconds else 0.0


def _pipeline(store: DynamoDbMessageStore, lock: DynamoDbLock) -> Pipeline:
    world = World()
    world.add_sentenced_prisoner()
    settings = PipelineSettings(hold_back=timedelta(0), batch_size=READY)
    return Pipeline(
        store=store,
        lock=lock,
        prison_api=world.prison_api,
        processor=MessageProcessor.build(
            prison_api=world.prison_api,
            search=world.search,
            community_api=world.community_api,
            telemetry=world.telemetry,
            prisons=settings.prisons,
        ),
        clock=FakeClock(NOW),
        owner="bench",
        settings=settings,
    )


def _fill_queue(sqs: Any, url: str, count: int) -> None:  # noqa: ANN401
    body = envelope("IMPRISONMENT_STATUS-CHANGED", bookingId=BOOKING_ID)
    for start in range(0, count, 10):
        numbers = range(start, min(start + 10, count))
        entries = [{"Id": str(n), "MessageBody": body} for n in numbers]
        sqs.send_message_batch(QueueUrl=url, Entries=entries)


def _drain(poll: Callable[[], int], count: int) -> float:
    started = time.perf_counter()
    done = 0
    while done < count:
        done += poll()
    return time.perf_counter() - started


def _ours(sqs: Any, dynamodb: Any, queue_url: str, table: str) -> Callable[[], int]:  # noqa: ANN401
    store = DynamoDbMessageStore(dynamodb, table)
    pipeline = _pipeline(store, DynamoDbLock(dynamodb, "unused"))
    consumer = SqsConsumer(
        client=sqs, queue_url=queue_url, handle=pipeline.receive, wait_seconds=1
    )
    return lambda: consumer.poll_once().succeeded


def _bare(sqs: Any, dynamodb: Any, queue_url: str, table: str) -> Callable[[], int]:  # noqa: ANN401
    def poll() -> int:
        response = sqs.receive_message(
            QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=1
        )
        got = response.get("Messages", [])
        for message in got:
            item = {"id": {"S": str(uuid.uuid4())}, "message": {"S": message["Body"]}}
            dynamodb.put_item(TableName=table, Item=item)
        if got:
            entries = [
                {"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]}
                for n, m in enumerate(got)
            ]
            sqs.delete_message_batch(QueueUrl=queue_url, Entries=entries)
        return len(got)

    return poll


def listener_throughput(url: str, count: int) -> list[Row]:
    """(a): our consumer and pipeline beside a bare receive-put-delete loop."""
    sqs, dynamodb = aws.client("sqs", url), aws.client("dynamodb", url)
    rows = []
    systems = {
        "hmpps-workers SqsConsumer + Pipeline.receive": _ours,
        "bare boto3 receive/put/delete loop": _bare,
    }
    for system, build in systems.items():
        table, queue = f"t-{uuid.uuid4().hex[:6]}", f"q-{uuid.uuid4().hex[:6]}"
        create_message_table(dynamodb, table)
        queue_url = sqs.create_queue(QueueName=queue)["QueueUrl"]
        _fill_queue(sqs, queue_url, count)
        seconds = _drain(build(sqs, dynamodb, queue_url, table), count)
        rows.append(
            Row(scenario="SQS -> store", system=system, items=count, seconds=seconds)
        )
    return rows


def _item(number: int, *, processed: bool) -> dict[str, Any]:
    message = StoredMessage(
        id=f"{'done' if processed else 'ready'}-{number}",
        booking_id=BOOKING_ID if not processed else 10_000_000 + number,
        event_type="IMPRISONMENT_STATUS-CHANGED",
        message=json.dumps({"eventType": "IMPRISONMENT_STATUS-CHANGED",
                            "bookingId": BOOKING_ID})
        if not processed else "{}",
        created_date=NOW - timedelta(hours=2, seconds=number),
        delete_by=NOW + timedelta(days=7),
        offender_no="A5089DY", booking_no="38339A", location_id="MDI",
        status=SynchroniseState.COMPLETED if processed else SynchroniseState.VALIDATED,
        processed_date=NOW - timedelta(hours=1) if processed else None,
    )  # fmt: skip
    return to_item(message)


def _seed(table: str, size: int) -> None:
    backend = dynamodb_backends[DEFAULT_ACCOUNT_ID][aws.REGION]
    for number in range(size - READY):
        backend.put_item(table, _item(number, processed=True))
    for number in range(READY):
        backend.put_item(table, _item(number, processed=False))


def scheduler_runs(url: str, sizes: list[int], scan_up_to: int) -> list[Row]:
    """(b): one `process_ready` pass over READY items at each table size."""
    dynamodb = aws.client("dynamodb", url)
    create_schedule_table(dynamodb, "bench-schedule")
    rows = []
    for size in sizes:
        for indexed in (True, False):
            if not indexed and size > scan_up_to:
                continue
            table = f"m-{size}-{'idx' if indexed else 'scan'}"
            create_message_table(dynamodb, table, indexes=indexed)
            seeding = time.perf_counter()
            _seed(table, size)
            seeded = time.perf_counter() - seeding
            # seeded with every key: known backfilled, so the index is read alone
            store = DynamoDbMessageStore(dynamodb, table, backfilled=lambda: True)
            pipeline = _pipeline(store, DynamoDbLock(dynamodb, "bench-schedule"))
            started = time.perf_counter()
            report = pipeline.process_ready()
            seconds = time.perf_counter() - started
            rows.append(Row(
                scenario=f"process_ready, table of {size:,}",
                system="pending-index" if indexed else "scan fallback",
                items=report.processed + report.discarded, seconds=seconds,
                note=f"seeded in {seeded:.0f}s"))  # fmt: skip
            dynamodb.delete_table(TableName=table)
    return rows


def render(rows: list[Row]) -> str:
    """The results as a text table."""
    lines = [
        f"{'scenario':<32} {'system':<46} {'items':>6} {'seconds':>8} {'per s':>8}"
    ]
    lines += [
        f"{r.scenario:<32} {r.system:<46} {r.items:>6} {r.seconds:>8.2f} "
        f"{r.per_second:>8.0f}  {r.note}"
        for r in rows
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Run both scenarios, print the table, write bench-results/p2p.json."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.p2p")
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--scan-up-to", type=int, default=10_000)
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # the scan fallback warns on purpose
    sizes = [int(s) for s in args.sizes.split(",")]
    with aws.moto_server() as url:
        rows = listener_throughput(url, args.messages)
        rows += scheduler_runs(url, sizes, args.scan_up_to)
    print(render(rows))
    RESULTS.mkdir(exist_ok=True)
    results = [{**attrs.asdict(r), "per_second": r.per_second} for r in rows]
    (RESULTS / "p2p.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
