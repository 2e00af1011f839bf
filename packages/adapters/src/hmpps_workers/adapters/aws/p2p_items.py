"""The original's DynamoDB `Message` item, written and read attribute for attribute.

DynamoDBMapper wrote `createdDate` and `processedDate` as UK wall-clock ISO text
without a zone, booleans as 1/0 numbers and left null attributes out; this module does
the same, so reports and the original's tooling read our items unchanged. `deleteBy`
is a true epoch second (the original treated local time as UTC, an hour off in summer).

Two attributes are new and present only while an item is unprocessed: `pending` and
`pendingOrder` ("<retryCount, 10 digits>#<created, UTC ISO>") key the sparse index that
makes the scheduler's reads cost in proportion to the work, not the table. Two more
are on every item we write: `createdInstant` (UTC ISO text), because the zone-less
`createdDate` cannot tell 01:10 GMT from 01:10 BST on the October change, and
`version`, the number every conditional save checks and bumps. The original's items
have neither: they read as version 0 and, lacking the instant, by `createdDate`.
One is optional: `traceparent`, the W3C trace context the message was received in
(written only when telemetry is on); an item without one, or with a malformed one,
reads as having none.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from hmpps_workers.core.clock import from_uk_wall, to_uk_wall
from hmpps_workers.core.prison_to_probation.model import StoredMessage, SynchroniseState

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

Item = dict[str, "AttributeValueTypeDef"]

PENDING = "Y"
PENDING_INDEX = "pending-index"
BOOKING_INDEX = "bookingId-index"
_OPTIONAL_TEXT = (
    ("offenderNo", "offender_no"),
    ("bookingNo", "booking_no"),
    ("locationId", "location_id"),
    ("locationDescription", "location_description"),
    ("legalStatus", "legal_status"),
    ("matchingCrns", "matching_crns"),
)


def local_text(value: datetime) -> str:
    """UK wall-clock ISO text, to the millisecond, as the original's items hold."""
    return to_uk_wall(value).isoformat(timespec="milliseconds")


def from_local_text(text: str) -> datetime:
    """An aware instant from the original's zone-less UK wall-clock text."""
    return from_uk_wall(datetime.fromisoformat(text))


def utc_text(value: datetime) -> str:
    """UTC ISO text to the millisecond with `Z`: sortable, as ShedLock writes it."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def from_utc_text(text: str) -> datetime:
    """An aware instant from `utc_text` (or any ISO instant)."""
    return datetime.fromisoformat(text).astimezone(UTC)


def epoch(value: datetime) -> int:
    """Whole epoch seconds, as TTL attributes want them."""
    return int(value.timestamp())


def pending_order(retry_count: int, created: datetime) -> str:
    """The sparse index's sort key: retry count first, then creation instant."""
    return f"{retry_count:010d}#{utc_text(created)}"


def pending_attributes(message: StoredMessage) -> Item:
    """The sparse index's keys for an unprocessed item (none once processed)."""
    if message.processed_date is not None:
        return {}
    return {
        "pending": {"S": PENDING},
        "pendingOrder": {"S": pending_order(message.retry_count, message.created_date)},
    }


def to_item(message: StoredMessage) -> Item:
    """The item for `message`; absent values are left out, as the mapper did."""
    item: Item = {
        "id": {"S": message.id},
        "bookingId": {"N": str(message.booking_id)},
        "retryCount": {"N": str(message.retry_count)},
        "createdDate": {"S": local_text(message.created_date)},
        "deleteBy": {"N": str(epoch(message.delete_by))},
        "eventType": {"S": message.event_type},
        "message": {"S": message.message},
        "reportable": {"N": "1" if message.reportable else "0"},
        "status": {"S": message.status.value},
        "createdInstant": {"S": utc_text(message.created_date)},
        "version": {"N": str(message.version)},
    }
    if message.processed_date is not None:
        item["processedDate"] = {"S": local_text(message.processed_date)}
    item.update(pending_attributes(message))
    if message.traceparent is not None:
        item["traceparent"] = {"S": message.traceparent}
    if message.recall is not None:
        item["recall"] = {"N": "1" if message.recall else "0"}
    for attribute, field in _OPTIONAL_TEXT:
        value = getattr(message, field)
        if value is not None:
            item[attribute] = {"S": value}
    return item


def _text(item: Item, name: str) -> str | None:
    value = item.get(name)
    return None if value is None else value.get("S")


def _number(item: Item, name: str) -> int | None:
    value = item.get(name)
    if value is None or "N" not in value:
        return None
    return int(value["N"])


def from_item(item: Item) -> StoredMessage:
    """The stored message an item holds (the original's items included)."""
    processed = _text(item, "processedDate")
    recall = _number(item, "recall")
    optional = {field: _text(item, attribute) for attribute, field in _OPTIONAL_TEXT}
    instant = _text(item, "createdInstant")
    return StoredMessage(
        id=_text(item, "id") or "",
        booking_id=_number(item, "bookingId") or 0,
        retry_count=_number(item, "retryCount") or 0,
        created_date=(
            from_utc_text(instant)
            if instant
            else from_local_text(_text(item, "createdDate") or "")
        ),
        version=_number(item, "version") or 0,
        traceparent=_text(item, "traceparent"),
        delete_by=datetime.fromtimestamp(_number(item, "deleteBy") or 0, UTC),
        event_type=_text(item, "eventType") or "",
        message=_text(item, "message") or "",
        processed_date=None if processed is None else from_local_text(processed),
        reportable=_number(item, "reportable") != 0,
        recall=None if recall is None else recall != 0,
        status=SynchroniseState(_text(item, "status") or "VALIDATED"),
        **optional,
    )
