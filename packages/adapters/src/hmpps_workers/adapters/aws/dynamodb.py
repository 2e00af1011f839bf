"""DynamoDbMessageStore and DynamoDbLock: the pipeline's store and lock on DynamoDB.

The message table keeps the original's shape (hash key `id`, TTL on `deleteBy`). Two
global secondary indexes make the scheduler's reads proportional to the work: a sparse
`pending-index` holding only unprocessed items, ordered by retry count then age, and
`bookingId-index` for a booking's items. Where a table lacks an index, reads fall back
to the original's full scans with a warning. Until the table is known to be
backfilled (`p2p bootstrap-aws` marks the original's items and records that it
finished), the index reads also scan for unmarked unprocessed items, so none is ever
invisible. Every read leaves out items past `deleteBy`, since DynamoDB's TTL deletes
them up to two days late. Saves are conditional on the `version` read, so two jobs
can never overwrite each other's work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs
from botocore.exceptions import BotoCoreError, ClientError

from hmpps_workers.adapters.aws.errors import error_code, translate
from hmpps_workers.adapters.aws.p2p_items import (
    BOOKING_INDEX,
    PENDING,
    PENDING_INDEX,
    Item,
    epoch,
    from_item,
    pending_order,
    to_item,
)
from hmpps_workers.core.prison_to_probation.errors import (
    DuplicateMessageError,
    StaleMessageError,
    UnknownMessageError,
)
from hmpps_workers.core.prison_to_probation.model import StoredMessage

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

log = logging.getLogger(__name__)

_CONDITION_FAILED = "ConditionalCheckFailedException"
_LIVE = "deleteBy > :now"
_UNPROCESSED = "attribute_not_exists(processedDate)"
_UNMARKED = f"attribute_not_exists(pending) AND {_UNPROCESSED} AND {_LIVE}"


def _oldest_first(message: StoredMessage) -> tuple[datetime, str]:
    return (message.created_date, message.id)


@attrs.define
class DynamoDbMessageStore:
    """The MessageStore port on the original's `Message` table."""

    client: DynamoDBClient
    table: str
    # Says whether every unprocessed item carries the index keys; None: not known.
    backfilled: Callable[[], bool] | None = None
    _indexes: frozenset[str] | None = attrs.field(default=None, init=False)
    _known_backfilled: bool = attrs.field(default=False, init=False)
    _warned: set[str] = attrs.field(factory=set, init=False)

    def _call(self, operation: str, method: Any, **kwargs: Any) -> Any:  # noqa: ANN401
        try:
            return method(**kwargs)
        except (ClientError, BotoCoreError) as error:
            raise translate(error, f"DynamoDB {operation} on {self.table}") from None

    def indexes(self) -> frozenset[str]:
        """The table's active global secondary indexes (looked up once)."""
        if self._indexes is None:
            table = self._call("DescribeTable", self.client.describe_table,
                               TableName=self.table)["Table"]  # fmt: skip
            self._indexes = frozenset(
                index["IndexName"]
                for index in table.get("GlobalSecondaryIndexes", ())
                if index.get("IndexStatus", "ACTIVE") == "ACTIVE"
            )
        return self._indexes

    def _has(self, index: str) -> bool:
        if index in self.indexes():
            return True
        if index not in self._warned:
            self._warned.add(index)
            log.warning(
                "index missing: scanning the whole table instead",
                extra={"table": self.table, "index": index},
            )
        return False

    def item_count(self) -> int:
        """DynamoDB's approximate item count (refreshed about every six hours)."""
        table = self._call("DescribeTable", self.client.describe_table,
                           TableName=self.table)["Table"]  # fmt: skip
        return int(table.get("ItemCount", 0))

    def ping(self) -> dict[str, object]:
        """The table's name, approximate rows and status (raises if unreachable)."""
        table = self._call("DescribeTable", self.client.describe_table,
                           TableName=self.table)["Table"]  # fmt: skip
        return {
            "tableName": self.table,
            "rows": int(table.get("ItemCount", 0)),
            "tableStatus": table.get("TableStatus"),
        }

    def add(self, message: StoredMessage) -> None:
        """Put a new item; an existing id is refused."""
        try:
            self.client.put_item(
                TableName=self.table,
                Item=to_item(message),
                ConditionExpression="attribute_not_exists(id)",
            )
        except ClientError as error:
            if error_code(error) == _CONDITION_FAILED:
                raise DuplicateMessageError(
                    f"message {message.id} already exists"
                ) from None
            raise translate(error, f"DynamoDB PutItem on {self.table}") from None
        except BotoCoreError as error:
            raise translate(error, f"DynamoDB PutItem on {self.table}") from None

    def save(self, message: StoredMessage) -> None:
        """Replace the item read at `message.version`, bumping it; else refuse."""
        item = to_item(attrs.evolve(message, version=message.version + 1))
        condition = "#v = :v"
        if message.version == 0:  # the original's items have no version yet
            condition = "attribute_exists(id) AND (attribute_not_exists(#v) OR #v = :v)"
        try:
            self.client.put_item(
                TableName=self.table,
                Item=item,
                ConditionExpression=condition,
                ExpressionAttributeNames={"#v": "version"},
                ExpressionAttributeValues={":v": {"N": str(message.version)}},
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        except ClientError as error:
            if error_code(error) == _CONDITION_FAILED:
                if not error.response.get("Item"):
                    raise UnknownMessageError(
                        f"message {message.id} does not exist"
                    ) from None
                raise StaleMessageError(
                    f"message {message.id} changed since it was read"
                ) from None
            raise translate(error, f"DynamoDB PutItem on {self.table}") from None
        except BotoCoreError as error:
            raise translate(error, f"DynamoDB PutItem on {self.table}") from None

    def delete(self, message_id: str) -> None:
        """Delete an item; a missing one is fine."""
        self._call("DeleteItem", self.client.delete_item, TableName=self.table,
                   Key={"id": {"S": message_id}})  # fmt: skip

    def get(self, message_id: str, *, now: datetime) -> StoredMessage | None:
        """The live item with this id (a consistent read)."""
        found = self._call(
            "GetItem",
            self.client.get_item,
            TableName=self.table,
            Key={"id": {"S": message_id}},
            ConsistentRead=True,
        )
        item = found.get("Item")
        if item is None:
            return None
        message = from_item(item)
        return None if message.expired(now) else message

    def _read(
        self,
        operation: str,
        *,
        limit: int | None,
        **kwargs: Any,  # noqa: ANN401
    ) -> list[StoredMessage]:
        method = self.client.query if operation == "Query" else self.client.scan
        found: list[StoredMessage] = []
        start: Item | None = None
        while limit is None or len(found) < limit:
            page_args = dict(kwargs, TableName=self.table)
            if limit is not None:
                page_args["Limit"] = max(limit, 25)
            if start is not None:
                page_args["ExclusiveStartKey"] = start
            page = self._call(operation, method, **page_args)
            found.extend(from_item(item) for item in page.get("Items", ()))
            start = page.get("LastEvaluatedKey")
            if not start:
                break
        return found

    def _pending(
        self, low: str, high: str, now: datetime, limit: int
    ) -> list[StoredMessage]:
        return self._read(
            "Query",
            limit=limit,
            IndexName=PENDING_INDEX,
            KeyConditionExpression="pending = :p AND pendingOrder BETWEEN :lo AND :hi",
            # an item the original processed after it was marked keeps `pending`
            FilterExpression=f"{_UNPROCESSED} AND {_LIVE}",
            ExpressionAttributeValues={
                ":p": {"S": PENDING},
                ":lo": {"S": low},
                ":hi": {"S": high},
                ":now": {"N": str(epoch(now))},
            },
        )

    def _is_backfilled(self) -> bool:
        if not self._known_backfilled and self.backfilled is not None:
            self._known_backfilled = self.backfilled()
        return self._known_backfilled

    def _indexed(
        self, low: str, high: str, now: datetime, limit: int
    ) -> list[StoredMessage]:
        found = self._pending(low, high, now, limit)
        if self._is_backfilled():
            return found
        unmarked = self._read(
            "Scan",
            limit=None,
            FilterExpression=_UNMARKED,
            ExpressionAttributeValues={":now": {"N": str(epoch(now))}},
        )
        return found + unmarked

    def _scan_unprocessed(self, now: datetime) -> list[StoredMessage]:
        return self._read(
            "Scan",
            limit=None,
            FilterExpression=f"attribute_not_exists(processedDate) AND {_LIVE}",
            ExpressionAttributeValues={":now": {"N": str(epoch(now))}},
        )

    def find_ready(
        self, *, created_before: datetime, now: datetime, limit: int
    ) -> Sequence[StoredMessage]:
        """Untried, unprocessed, created before the cut-off; oldest first."""
        if self._has(PENDING_INDEX):
            found = self._indexed(
                f"{0:010d}#", pending_order(0, created_before), now, limit
            )
        else:
            found = self._scan_unprocessed(now)
        ready = [
            m
            for m in found
            if m.retry_count == 0
            and m.created_date < created_before
            and not m.processed
        ]
        return sorted(ready, key=_oldest_first)[:limit]

    def find_unprocessed(
        self, booking_id: int, *, now: datetime
    ) -> Sequence[StoredMessage]:
        """Every unprocessed item of one booking, oldest first."""
        if not self._has(BOOKING_INDEX):
            found = self._scan_unprocessed(now)
            return sorted(
                (m for m in found if m.booking_id == booking_id), key=_oldest_first
            )
        found = self._read(
            "Query",
            limit=None,
            IndexName=BOOKING_INDEX,
            KeyConditionExpression="bookingId = :b",
            FilterExpression=f"attribute_not_exists(processedDate) AND {_LIVE}",
            ExpressionAttributeValues={
                ":b": {"N": str(booking_id)},
                ":now": {"N": str(epoch(now))},
            },
        )
        return sorted(found, key=_oldest_first)

    def find_for_retry(
        self, *, min_retry_count: int, max_retry_count: int, now: datetime, limit: int
    ) -> Sequence[StoredMessage]:
        """Unprocessed items in the retry-count range: fewest retries, then oldest."""
        if self._has(PENDING_INDEX):
            found = self._indexed(
                f"{min_retry_count:010d}#", f"{max_retry_count:010d}#~", now, limit
            )
        else:
            found = self._scan_unprocessed(now)
        due = [
            m
            for m in found
            if min_retry_count <= m.retry_count <= max_retry_count and not m.processed
        ]
        return sorted(due, key=lambda m: (m.retry_count, *_oldest_first(m)))[:limit]

    def find_all(self, *, now: datetime) -> Sequence[StoredMessage]:
        """Every live item, oldest first (a scan: reports and operators only)."""
        found = self._read(
            "Scan",
            limit=None,
            FilterExpression=_LIVE,
            ExpressionAttributeValues={":now": {"N": str(epoch(now))}},
        )
        return sorted(found, key=_oldest_first)
