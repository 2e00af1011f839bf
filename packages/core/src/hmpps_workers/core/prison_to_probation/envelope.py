"""The SNS-over-SQS envelope and the inner offender event, parsed without surprises.

Routing uses the SNS message attribute `eventType`, and the inner `Message` string is
kept verbatim for storage. Missing sequence numbers count as 0, as the original's Gson
defaults did (the end-to-end fixture relies on it); a missing or non-numeric
`bookingId`, or a body that is not JSON, is refused with a named reason instead of
becoming booking 0.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

import attrs

from hmpps_workers.core.prison_to_probation.errors import MalformedEventError

_WHOLE = re.compile(r"^-?[0-9]{1,19}\Z")


@attrs.frozen(kw_only=True)
class Envelope:
    """What the pipeline uses of an SNS notification."""

    message_id: str | None
    event_type: str
    message: str = attrs.field(repr=False)


@attrs.frozen(kw_only=True)
class OffenderEvent:
    """The inner event fields the pipeline reads (missing sequences count as 0)."""

    booking_id: int
    imprisonment_status_seq: int = 0
    movement_seq: int = 0


def _load_object(text: str | bytes, what: str) -> Mapping[str, object]:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise MalformedEventError(f"{what} is not JSON") from None
    if not isinstance(value, dict):
        raise MalformedEventError(f"{what} is not a JSON object")
    return value


def parse_envelope(body: str | bytes) -> Envelope:
    """Parse an SQS body holding an SNS notification (raw delivery off)."""
    document = _load_object(body, "SQS message body")
    message = document.get("Message")
    if not isinstance(message, str):
        raise MalformedEventError("SNS envelope has no Message string")
    attributes = document.get("MessageAttributes")
    event_type = None
    if isinstance(attributes, dict):
        attribute = attributes.get("eventType")
        if isinstance(attribute, dict):
            event_type = attribute.get("Value")
    if not isinstance(event_type, str) or not event_type:
        raise MalformedEventError("SNS envelope has no eventType message attribute")
    message_id = document.get("MessageId")
    return Envelope(
        message_id=message_id if isinstance(message_id, str) else None,
        event_type=event_type,
        message=message,
    )


def _integer(document: Mapping[str, object], field: str, *, default: int | None) -> int:
    value = document.get(field)
    if value is None:
        if default is None:
            raise MalformedEventError(f"event has no {field}")
        return default
    if isinstance(value, bool):
        raise MalformedEventError(f"event {field} is not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _WHOLE.match(value):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise MalformedEventError(f"event {field} is not a whole number")


def parse_event(message: str) -> OffenderEvent:
    """Parse the inner event JSON: `bookingId` is required, sequences default to 0."""
    document = _load_object(message, "event message")
    return OffenderEvent(
        booking_id=_integer(document, "bookingId", default=None),
        imprisonment_status_seq=_integer(document, "imprisonmentStatusSeq", default=0),
        movement_seq=_integer(document, "movementSeq", default=0),
    )
