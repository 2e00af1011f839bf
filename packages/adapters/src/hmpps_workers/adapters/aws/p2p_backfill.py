"""Mark the original's unprocessed items with the pending-index keys, resumably.

The Kotlin service's items have no `pending`/`pendingOrder`, so once the index exists
they would be invisible to the index reads. The backfill scans the table a page at a
time, adds the keys to each unprocessed item that lacks them (a conditional update,
so an item processed meanwhile is left alone), and records its place after every page
in a marker item in the schedule table. A killed run resumes from there; a finished
one records `done`, which is what the store waits for before it trusts the index
alone. It paces itself to a read and a write budget, so it leaves the table's
capacity to the service.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs
from botocore.exceptions import BotoCoreError, ClientError

from hmpps_workers.adapters.aws.errors import error_code, translate
from hmpps_workers.adapters.aws.p2p_items import Item, from_item, pending_attributes

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

log = logging.getLogger(__name__)

MARKER_PREFIX = "hmpps-workers-backfill#"
_UNMARKED = "attribute_not_exists(pending) AND attribute_not_exists(processedDate)"


@attrs.frozen(kw_only=True)
class BackfillProgress:
    """How far a backfill got: items read and marked, capacity used, finished."""

    scanned: int = 0
    marked: int = 0
    pages: int = 0
    read_units: float = 0.0
    write_units: float = 0.0
    done: bool = False


@attrs.define
class BackfillMarker:
    """The schedule-table item recording a message table's backfill."""

    client: DynamoDBClient
    table: str
    message_table: str

    def _key(self) -> Item:
        return {"_id": {"S": MARKER_PREFIX + self.message_table}}

    def read(self) -> tuple[BackfillProgress, Item | None]:
        """The recorded progress and the scan key to resume from."""
        try:
            item = self.client.get_item(
                TableName=self.table, Key=self._key(), ConsistentRead=True
            ).get("Item")
        except (ClientError, BotoCoreError) as error:
            raise translate(error, f"DynamoDB GetItem on {self.table}") from None
        if item is None:
            return BackfillProgress(), None
        saved = json.loads(item["progress"]["S"])
        last = item.get("lastKey", {}).get("S")
        return BackfillProgress(**saved), (json.loads(last) if last else None)

    def done(self) -> bool:
        """True once a backfill of the message table has finished."""
        return self.read()[0].done

    def write(self, progress: BackfillProgress, last_key: Item | None) -> None:
        """Record the progress (and where to resume)."""
        item: Item = {
            **self._key(),
            "progress": {"S": json.dumps(attrs.asdict(progress))},
        }
        if last_key:
            item["lastKey"] = {"S": json.dumps(last_key)}
        try:
            self.client.put_item(TableName=self.table, Item=item)
        except (ClientError, BotoCoreError) as error:
            raise translate(error, f"DynamoDB PutItem on {self.table}") from None


def _units(answer: Any) -> float:  # noqa: ANN401 - boto3 response
    return float(answer.get("ConsumedCapacity", {}).get("CapacityUnits", 0.0))


@attrs.define
class DynamoDbBackfill:
    """One table's backfill, paced to `reads_per_second` and `writes_per_second`."""

    client: DynamoDBClient
    table: str
    marker: BackfillMarker
    page_size: int = attrs.field(default=100, validator=attrs.validators.ge(1))
    reads_per_second: float = 200.0
    writes_per_second: float = 10.0
    sleep: Callable[[float], None] = time.sleep
    monotonic: Callable[[], float] = time.monotonic
    on_page: Callable[[BackfillProgress], None] | None = None

    def run(self) -> BackfillProgress:
        """Backfill from where the last run stopped; a finished table is left alone."""
        progress, start = self.marker.read()
        if progress.done:
            return progress
        if start is not None:
            log.info(
                "backfill resuming",
                extra={"table": self.table, "scanned": progress.scanned},
            )
        while True:
            began = self.monotonic()
            page = self._scan(start)
            before = progress
            progress = self._mark(page, progress)
            start = page.get("LastEvaluatedKey")
            progress = attrs.evolve(progress, done=not start)
            self.marker.write(progress, start)
            log.info(
                "backfill page", extra={"table": self.table, **attrs.asdict(progress)}
            )
            if self.on_page is not None:
                self.on_page(progress)
            if progress.done:
                return progress
            self._pace(
                began,
                scanned=progress.scanned - before.scanned,
                marked=progress.marked - before.marked,
            )

    def _scan(self, start: Item | None) -> Any:  # noqa: ANN401 - boto3 response
        arguments: dict[str, Any] = {
            "TableName": self.table,
            "Limit": self.page_size,
            "FilterExpression": _UNMARKED,
            "ReturnConsumedCapacity": "TOTAL",
        }
        if start:
            arguments["ExclusiveStartKey"] = start
        try:
            return self.client.scan(**arguments)
        except (ClientError, BotoCoreError) as error:
            raise translate(error, f"DynamoDB Scan on {self.table}") from None

    def _mark(
        self,
        page: Any,  # noqa: ANN401 - boto3 response
        progress: BackfillProgress,
    ) -> BackfillProgress:
        marked = 0
        writes = 0.0
        for item in page.get("Items", ()):
            keys = pending_attributes(from_item(item))
            try:
                answer = self.client.update_item(
                    TableName=self.table,
                    Key={"id": item["id"]},
                    UpdateExpression="SET pending = :p, pendingOrder = :o",
                    ConditionExpression=f"attribute_exists(id) AND {_UNMARKED}",
                    ExpressionAttributeValues={
                        ":p": keys["pending"],
                        ":o": keys["pendingOrder"],
                    },
                    ReturnConsumedCapacity="TOTAL",
                )
            except ClientError as error:
                if error_code(error) == "ConditionalCheckFailedException":
                    continue  # processed or marked meanwhile: nothing to do
                raise translate(error, f"DynamoDB UpdateItem on {self.table}") from None
            except BotoCoreError as error:
                raise translate(error, f"DynamoDB UpdateItem on {self.table}") from None
            marked += 1
            writes += _units(answer) or 1.0
        return attrs.evolve(
            progress,
            scanned=progress.scanned + int(page.get("ScannedCount", 0)),
            marked=progress.marked + marked,
            pages=progress.pages + 1,
            read_units=progress.read_units + _units(page),
            write_units=progress.write_units + writes,
        )

    def _pace(self, began: float, *, scanned: int, marked: int) -> None:
        budget = max(scanned / self.reads_per_second, marked / self.writes_per_second)
        left = budget - (self.monotonic() - began)
        if left > 0:
            self.sleep(left)
