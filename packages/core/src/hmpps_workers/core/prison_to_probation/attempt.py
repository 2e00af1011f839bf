"""One processing attempt, safe against a second job working on the same booking.

Every job takes a lease on the booking before its items (`BookingLeases`: one lock
item per booking in the schedule table, held at most until the job's own lease ends),
so two jobs never process one booking at once, as the original's single lock ensured.
The item listed by an index read is read again (consistently) and skipped if it has
moved on; the result is saved conditionally on the version read, and a lost race is
skipped, so the other writer's result stands. Within one run, a date-change event of
a booking whose status change has just replaced the key dates sends nothing more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.prison_to_probation.aggregation import KEY_DATES, kind
from hmpps_workers.core.prison_to_probation.errors import (
    LeaseEndedError,
    StaleMessageError,
)
from hmpps_workers.core.prison_to_probation.model import StoredMessage
from hmpps_workers.core.prison_to_probation.outcomes import Done, Outcome
from hmpps_workers.core.prison_to_probation.ports import Lock, MessageStore
from hmpps_workers.core.prison_to_probation.processor import MessageProcessor
from hmpps_workers.core.prison_to_probation.retry import after_attempt

log = logging.getLogger(__name__)

KEY_DATES_ALREADY_SENT = "key dates already replaced by the status change in this run"

# Told of every attempt that was saved: the item as read, the outcome, the time.
AttemptObserver = Callable[[StoredMessage, Outcome, datetime], None]


BOOKING_LOCK = "p2p-booking#{booking_id}"


@attrs.define
class BookingLeases:
    """The one booking a job holds at a time, leased until `until`."""

    lock: Lock
    clock: Clock
    owner: str
    until: datetime
    held: int | None = None

    def take(self, booking_id: int) -> bool:
        """Hold this booking (letting go of the previous one); False if busy."""
        if booking_id == self.held:
            return True
        self.release()
        name = BOOKING_LOCK.format(booking_id=booking_id)
        now = self.clock.now()
        if not self.lock.acquire(name, now=now, until=self.until, owner=self.owner):
            return False
        self.held = booking_id
        return True

    def release(self) -> None:
        """Let go of the booking held, if any."""
        if self.held is not None:
            name = BOOKING_LOCK.format(booking_id=self.held)
            self.lock.release(name, now=self.clock.now(), owner=self.owner)
            self.held = None


@attrs.frozen(kw_only=True)
class AttemptParts:
    """What an attempt uses."""

    store: MessageStore
    processor: MessageProcessor
    clock: Clock
    observer: AttemptObserver | None = None


def attempt(
    parts: AttemptParts,
    message: StoredMessage,
    *,
    key_dates_sent: set[int],
    honour_retry_until: bool,
) -> Outcome | None:
    """Process one item read afresh; None when it moved on, a race or the lease lost."""
    # Index reads may be stale: read the item itself (consistently) first.
    fresh = parts.store.get(message.id, now=parts.clock.now())
    if fresh is None or fresh.processed or fresh.version != message.version:
        log.info("item moved on since it was listed", extra={"message_id": message.id})
        return None
    outcome: Outcome
    if kind(fresh.event_type) == KEY_DATES and fresh.booking_id in key_dates_sent:
        outcome = Done(reason=KEY_DATES_ALREADY_SENT)
    else:
        try:
            outcome = parts.processor.process(fresh)
        except LeaseEndedError:
            # Saved neither done nor failed: the lock's next holder takes it as it was.
            log.warning(
                "lease ended before a Delius write: the item is left for the next run",
                extra={"message_id": fresh.id, "event_type": fresh.event_type},
            )
            return None
    if isinstance(outcome, Done) and outcome.key_dates_replaced:
        key_dates_sent.add(fresh.booking_id)
    now = parts.clock.now()
    updated = after_attempt(
        fresh, outcome, now=now, honour_retry_until=honour_retry_until
    )
    try:
        parts.store.save(updated)
    except StaleMessageError:
        # Another job saved it first; its result stands and is not overwritten.
        log.warning("lost a race for the item: skipped", extra={"message_id": fresh.id})
        return None
    if parts.observer is not None:
        parts.observer(fresh, outcome, now)
    log.info(
        "message processed",
        extra={
            "message_id": fresh.id,
            "event_type": fresh.event_type,
            "status": updated.status.value,
            "retry_count": updated.retry_count,
        },
    )
    return outcome
