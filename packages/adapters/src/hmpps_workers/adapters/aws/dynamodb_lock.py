"""DynamoDbLock: ShedLock's lease lock on the schedule table, by conditional writes.

One item per lock name with ShedLock's attributes (`_id`, `lockUntil`, `lockedAt`,
`lockedBy`; instants as UTC ISO text to the millisecond, which sorts as it compares),
so the original's table and its operators' habits carry over. Unlike ShedLock, only the
holder can release, and releasing a lease that has already passed changes nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import attrs
from botocore.exceptions import BotoCoreError, ClientError

from hmpps_workers.adapters.aws.errors import error_code, translate
from hmpps_workers.adapters.aws.p2p_items import from_utc_text, utc_text
from hmpps_workers.core.prison_to_probation.ports import LockState

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

_CONDITION_FAILED = "ConditionalCheckFailedException"


@attrs.define
class DynamoDbLock:
    """The Lock port on a ShedLock table (hash key `_id`)."""

    client: DynamoDBClient
    table: str

    def _update(self, operation: str, **kwargs: object) -> bool:
        try:
            self.client.update_item(TableName=self.table, **kwargs)  # type: ignore[arg-type]
        except ClientError as error:
            if error_code(error) == _CONDITION_FAILED:
                return False
            raise translate(error, f"DynamoDB {operation} on {self.table}") from None
        except BotoCoreError as error:
            raise translate(error, f"DynamoDB {operation} on {self.table}") from None
        return True

    def acquire(self, name: str, *, now: datetime, until: datetime, owner: str) -> bool:
        """Take the lock if absent or its lease has passed (one conditional update)."""
        return self._update(
            "take lock",
            Key={"_id": {"S": name}},
            UpdateExpression="SET lockUntil = :until, lockedAt = :now, lockedBy = :by",
            ConditionExpression="attribute_not_exists(lockUntil) OR lockUntil <= :now",
            ExpressionAttributeValues={
                ":until": {"S": utc_text(until)},
                ":now": {"S": utc_text(now)},
                ":by": {"S": owner},
            },
        )

    def release(self, name: str, *, now: datetime, owner: str) -> None:
        """End the lease now if `owner` still holds it."""
        self._update(
            "release lock",
            Key={"_id": {"S": name}},
            UpdateExpression="SET lockUntil = :now",
            ConditionExpression="lockedBy = :by AND lockUntil > :now",
            ExpressionAttributeValues={
                ":now": {"S": utc_text(now)},
                ":by": {"S": owner},
            },
        )

    def state(self, name: str) -> LockState | None:
        """The lock item, read consistently."""
        try:
            found = self.client.get_item(
                TableName=self.table, Key={"_id": {"S": name}}, ConsistentRead=True
            )
        except (ClientError, BotoCoreError) as error:
            raise translate(error, f"DynamoDB GetItem on {self.table}") from None
        item = found.get("Item")
        if item is None:
            return None
        return LockState(
            name=name,
            lock_until=from_utc_text(item["lockUntil"]["S"]),
            locked_at=from_utc_text(item["lockedAt"]["S"]),
            locked_by=item["lockedBy"]["S"],
        )

    def ping(self) -> dict[str, object]:
        """The table's name, approximate rows and status (raises if unreachable)."""
        try:
            table = self.client.describe_table(TableName=self.table)["Table"]
        except (ClientError, BotoCoreError) as error:
            raise translate(error, f"DynamoDB DescribeTable on {self.table}") from None
        return {
            "tableName": self.table,
            "rows": int(table.get("ItemCount", 0)),
            "tableStatus": table.get("TableStatus"),
        }
