"""Stored item ids from SNS MessageIds: a redelivery finds its item, a reuse does not.

An item's id is a UUIDv5 of the notification's MessageId, so the same notification
delivered twice maps to one item. A MessageId reused for a different event (another
type or body) is not a duplicate: that event's id also hashes its type and body.
"""

from __future__ import annotations

import hashlib
import uuid

from hmpps_workers.core.prison_to_probation.envelope import Envelope
from hmpps_workers.core.prison_to_probation.model import StoredMessage

_SNS_IDS = uuid.UUID("0f3c8a52-6f0e-4f4e-9a4a-2b7e1f0c9d11")


def item_id(message_id: str) -> str:
    """The item id for an SNS MessageId."""
    return str(uuid.uuid5(_SNS_IDS, message_id))


def same_event(stored: StoredMessage, envelope: Envelope) -> bool:
    """True when the stored item holds this very event (type and body)."""
    return (stored.event_type, stored.message) == (
        envelope.event_type,
        envelope.message,
    )


def variant_id(envelope: Envelope) -> str:
    """The id for an event whose MessageId another event already took."""
    digest = hashlib.sha256(
        f"{envelope.event_type}\n{envelope.message}".encode()
    ).hexdigest()
    return str(uuid.uuid5(_SNS_IDS, f"{envelope.message_id}#{digest}"))
