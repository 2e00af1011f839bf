"""The stored message (the DynamoDB item of the original) and its status values."""

from __future__ import annotations

import enum
import re
from datetime import datetime

import attrs

from hmpps_workers.core.clock import require_aware


class EventType(enum.StrEnum):
    """The prison offender events the pipeline handles, by SNS `eventType`."""

    IMPRISONMENT_STATUS_CHANGED = "IMPRISONMENT_STATUS-CHANGED"
    EXTERNAL_MOVEMENT_RECORD_INSERTED = "EXTERNAL_MOVEMENT_RECORD-INSERTED"
    SENTENCE_DATES_CHANGED = "SENTENCE_DATES-CHANGED"
    CONFIRMED_RELEASE_DATE_CHANGED = "CONFIRMED_RELEASE_DATE-CHANGED"
    BOOKING_NUMBER_CHANGED = "BOOKING_NUMBER-CHANGED"

    @classmethod
    def parse(cls, value: str) -> EventType | None:
        """Return the handled event type named `value`, or None for any other."""
        try:
            return cls(value)
        except ValueError:
            return None


UNKNOWN_PRIORITY = 99
PRIORITY = {event_type: rank for rank, event_type in enumerate(EventType)}


def priority(event_type: str) -> int:
    """Processing order within a booking: 0 first; unknown types last (99)."""
    known = EventType.parse(event_type)
    return UNKNOWN_PRIORITY if known is None else PRIORITY[known]


class SynchroniseState(enum.StrEnum):
    """The `status` attribute: where processing of a stored message got to."""

    ERROR = "ERROR"
    NOT_VALID = "NOT_VALID"
    VALIDATED = "VALIDATED"
    NO_MATCH = "NO_MATCH"
    NO_MATCH_WITH_SENTENCE_DATE = "NO_MATCH_WITH_SENTENCE_DATE"
    TOO_MANY_MATCHES = "TOO_MANY_MATCHES"
    BOOKING_NUMBER_NOT_ASSIGNED = "BOOKING_NUMBER_NOT_ASSIGNED"
    LOCATION_NOT_UPDATED = "LOCATION_NOT_UPDATED"
    KEY_DATES_NOT_UPDATED = "KEY_DATES_NOT_UPDATED"
    COMPLETED = "COMPLETED"
    NO_LONGER_VALID = "NO_LONGER_VALID"


def _aware(_: object, attribute: attrs.Attribute[datetime], value: datetime) -> None:
    if not isinstance(value, datetime):
        raise TypeError(f"{attribute.name} must be a datetime")
    require_aware(value)


def _aware_or_none(
    _: object, attribute: attrs.Attribute[datetime | None], value: datetime | None
) -> None:
    if value is not None:
        _aware(_, attribute, value)  # type: ignore[arg-type]


# W3C Trace Context's `traceparent`: version, trace id, parent id, flags.
_TRACEPARENT = re.compile(r"^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")


def traceparent(value: object) -> str | None:
    """`value` if it is a W3C `traceparent` header value, else None.

    Items written by the original (or before trace context was kept) have none; a
    malformed one, from whatever wrote it, reads as none rather than failing the item.
    """
    if isinstance(value, str) and _TRACEPARENT.match(value):
        return value
    return None


@attrs.frozen(kw_only=True)
class StoredMessage:
    """One validated event waiting for (or kept after) processing.

    The attributes are those of the original's DynamoDB item (`id`, `bookingId`,
    `retryCount`, `createdDate`, `deleteBy`, `eventType`, `message`, `processedDate`,
    `reportable`, the booking snapshot, `status`, `matchingCrns`), so the existing
    table and its reports keep working. Instants are aware here; the adapters write
    the original's formats (local ISO text, epoch seconds).

    `traceparent` is new and optional: the trace context the message was received
    in, so that processing it an hour later can be linked to that trace. Core keeps it
    as opaque text; the runners' telemetry sets and reads it.
    """

    id: str = attrs.field(validator=attrs.validators.min_len(1))
    booking_id: int
    event_type: str
    message: str = attrs.field(repr=False)
    created_date: datetime = attrs.field(validator=_aware)
    delete_by: datetime = attrs.field(validator=_aware)
    retry_count: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    processed_date: datetime | None = attrs.field(
        default=None, validator=_aware_or_none
    )
    reportable: bool = True
    offender_no: str | None = None
    booking_no: str | None = None
    location_id: str | None = None
    location_description: str | None = None
    recall: bool | None = None
    legal_status: str | None = None
    status: SynchroniseState = SynchroniseState.VALIDATED
    matching_crns: str | None = None
    # Bumped by every save; a save from a stale read is refused (lost-update guard).
    version: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    traceparent: str | None = attrs.field(default=None, converter=traceparent)

    @property
    def processed(self) -> bool:
        """True once processing finished for good (successfully or not)."""
        return self.processed_date is not None

    def expired(self, now: datetime) -> bool:
        """True once `deleteBy` has passed: TTL may not have removed it yet."""
        return self.delete_by <= now

    def describe(self) -> str:
        """Name the message for logs: id, event type and booking, never its body."""
        return f"message {self.id} ({self.event_type}, booking {self.booking_id})"
