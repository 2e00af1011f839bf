"""Swap-over backfill on moto's server: items per second and capacity per item.

A table in the original's shape (no index keys, no instant, no version) is seeded
straight into moto's backend with a share of unprocessed items, then backfilled
unpaced, so the figure is the backfill's own cost; the pace the defaults allow on
AWS follows from the capacity per item. Run as `python -m benchmarks.p2p_backfill`.
"""

from __future__ import annotations

import argparse
import json
import math
import time

from moto.core import DEFAULT_ACCOUNT_ID
from moto.dynamodb.models import dynamodb_backends
from tests.support import aws

from benchmarks.p2p import RESULTS, _item
from hmpps_workers.adapters.aws.p2p_backfill import BackfillMarker, DynamoDbBackfill
from hmpps_workers.adapters.aws.p2p_resources import (
    create_message_table,
    create_schedule_table,
)

NEW_ATTRIBUTES = ("pending", "pendingOrder", "createdInstant", "version")


def _seed(table: str, size: int, unprocessed: int) -> None:
    backend = dynamodb_backends[DEFAULT_ACCOUNT_ID][aws.REGION]
    for number in range(size):
        item = _item(number, processed=number >= unprocessed)
        for name in NEW_ATTRIBUTES:
            item.pop(name, None)
        backend.put_item(table, item)


def run(url: str, size: int, unprocessed: int) -> dict[str, float]:
    """Backfill one seeded table; the figures."""
    dynamodb = aws.client("dynamodb", url)
    table = f"backfill-{size}"
    create_schedule_table(dynamodb, "bench-schedule")
    create_message_table(dynamodb, table)
    _seed(table, size, unprocessed)
    marker = BackfillMarker(
        client=dynamodb, table="bench-schedule", message_table=table
    )
    backfill = DynamoDbBackfill(
        client=dynamodb, table=table, marker=marker,
        reads_per_second=1e9, writes_per_second=1e9,
    )  # fmt: skip
    started = time.perf_counter()
    done = backfill.run()
    seconds = time.perf_counter() - started
    # moto reports a flat unit per call; AWS charges by size: an eventually consistent
    # scan reads 0.5 RCU per 4 KB, an update writes 1 WCU per started 1 KB
    size = len(json.dumps(_item(0, processed=False)))
    return {
        "items": done.scanned,
        "marked": done.marked,
        "seconds": seconds,
        "items_per_second": done.scanned / seconds,
        "read_units": done.read_units,
        "write_units": done.write_units,
        "default_pace_seconds": max(done.scanned / 200, done.marked / 10),
        "item_bytes": size,
        "aws_rcu_per_item_read": size / 4096 * 0.5,
        "aws_wcu_per_item_marked": math.ceil(size / 1024),
    }


def main(argv: list[str] | None = None) -> None:
    """Print and write bench-results/p2p_backfill.json."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.p2p_backfill")
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--unprocessed", type=int, default=1_000)
    args = parser.parse_args(argv)
    with aws.moto_server() as url:
        figures = run(url, args.size, args.unprocessed)
    print(json.dumps(figures, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "p2p_backfill.json").write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
