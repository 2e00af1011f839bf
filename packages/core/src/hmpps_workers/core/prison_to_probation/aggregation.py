"""Per-booking aggregation: the newest event of each kind, in priority order.

Bursts of NOMIS changes are held back and then collapsed, so Delius is updated once
per booking and kind of change. SENTENCE_DATES-CHANGED and
CONFIRMED_RELEASE_DATE-CHANGED both end in the same key-dates replace, so they count
as one kind here: the newer wins and the other is discarded (the original sent the
same update twice).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import attrs

from hmpps_workers.core.prison_to_probation.model import (
    EventType,
    StoredMessage,
    priority,
)

KEY_DATES = "KEY_DATES"
_SAME_UPDATE = {
    EventType.SENTENCE_DATES_CHANGED.value: KEY_DATES,
    EventType.CONFIRMED_RELEASE_DATE_CHANGED.value: KEY_DATES,
}


def kind(event_type: str) -> str:
    """The kind of downstream update an event type leads to."""
    return _SAME_UPDATE.get(event_type, event_type)


def _newest_first(message: StoredMessage) -> tuple[float, str]:
    # The id breaks ties, so the choice never depends on arrival order.
    return (-message.created_date.timestamp(), message.id)


@attrs.frozen(kw_only=True)
class AggregationPlan:
    """What one run processes, in order, and what it deletes as superseded."""

    to_process: tuple[StoredMessage, ...] = ()
    to_discard: tuple[StoredMessage, ...] = ()


def plan_booking(messages: Iterable[StoredMessage]) -> AggregationPlan:
    """Keep the newest unprocessed message of each kind, in event-type priority."""
    newest: dict[str, StoredMessage] = {}
    discard: list[StoredMessage] = []
    for message in sorted((m for m in messages if not m.processed), key=_newest_first):
        group = kind(message.event_type)
        if group in newest:
            discard.append(message)
        else:
            newest[group] = message
    keep = sorted(
        newest.values(), key=lambda m: (priority(m.event_type), m.event_type, m.id)
    )
    return AggregationPlan(
        to_process=tuple(keep), to_discard=tuple(sorted(discard, key=lambda m: m.id))
    )


def plan(messages: Iterable[StoredMessage]) -> AggregationPlan:
    """Aggregate many bookings: oldest booking first, each as `plan_booking`."""
    by_booking: dict[int, list[StoredMessage]] = defaultdict(list)
    for message in messages:
        by_booking[message.booking_id].append(message)

    def oldest(booking_id: int) -> tuple[float, int]:
        first = min(m.created_date.timestamp() for m in by_booking[booking_id])
        return (first, booking_id)

    process: list[StoredMessage] = []
    discard: list[StoredMessage] = []
    for booking_id in sorted(by_booking, key=oldest):
        booking_plan = plan_booking(by_booking[booking_id])
        process.extend(booking_plan.to_process)
        discard.extend(booking_plan.to_discard)
    return AggregationPlan(to_process=tuple(process), to_discard=tuple(discard))
