"""The pipeline as a service: receive events, process held-back bookings, run retries.

Inbound: parse, validate, snapshot the booking and store (or acknowledge and drop).
Scheduled: each job runs under its own lease lock, in bounded batches that finish well
inside the lease, so a tier is never skipped because another job holds a lock and a
slow run never overlaps the next.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import timedelta

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.prison_to_probation.aggregation import plan
from hmpps_workers.core.prison_to_probation.envelope import (
    parse_envelope,
    parse_event,
)
from hmpps_workers.core.prison_to_probation.interest import InterestedPrisons
from hmpps_workers.core.prison_to_probation.model import EventType, StoredMessage
from hmpps_workers.core.prison_to_probation.outcomes import Done, Ignore, Store
from hmpps_workers.core.prison_to_probation.ports import Lock, MessageStore, PrisonApi
from hmpps_workers.core.prison_to_probation.processor import MessageProcessor
from hmpps_workers.core.prison_to_probation.retry import (
    REPORTING_PERIOD,
    RetryTier,
    after_attempt,
)
from hmpps_workers.core.prison_to_probation.validation import Validator, unexpected

log = logging.getLogger(__name__)

PROCESS_LOCK = "scheduleLock"


@attrs.frozen(kw_only=True)
class PipelineSettings:
    """Hold-back, batch size and lease; production holds back 60 minutes."""

    hold_back: timedelta = timedelta(minutes=15)
    batch_size: int = attrs.field(default=100, validator=attrs.validators.ge(1))
    lock_at_most_for: timedelta = timedelta(minutes=20)
    prisons: InterestedPrisons = attrs.field(factory=InterestedPrisons)


@attrs.frozen(kw_only=True)
class Received:
    """What became of one inbound event: stored (with the item id) or ignored."""

    event_type: str
    stored_id: str | None = None
    reason: str | None = None


@attrs.frozen(kw_only=True)
class RunReport:
    """What one scheduled run did; `skipped` when another owner held its lock."""

    job: str
    skipped: bool = False
    processed: int = 0
    completed: int = 0
    retrying: int = 0
    discarded: int = 0


@attrs.define
class Pipeline:
    """Everything the listener and the schedulers do, on injected ports and clock."""

    store: MessageStore
    lock: Lock
    prison_api: PrisonApi
    processor: MessageProcessor
    clock: Clock
    owner: str
    settings: PipelineSettings = attrs.field(factory=PipelineSettings)
    new_id: Callable[[], str] = lambda: str(uuid.uuid4())

    def receive(self, body: str | bytes) -> Received:
        """Validate one SQS body and store it if relevant.

        A malformed body raises MalformedEventError (permanent: dead-letter it);
        prison-api failures raise too, so the message is redelivered.
        """
        envelope = parse_envelope(body)
        if EventType.parse(envelope.event_type) is None:
            result: Ignore | Store = Ignore(reason=unexpected(envelope.event_type))
        else:
            event = parse_event(envelope.message)
            result = Validator(
                prison_api=self.prison_api, prisons=self.settings.prisons
            ).validate(envelope.event_type, event)
        if isinstance(result, Ignore):
            log.info(
                "event ignored",
                extra={"event_type": envelope.event_type, "reason": result.reason},
            )
            return Received(event_type=envelope.event_type, reason=result.reason)
        booking = self.prison_api.get_booking(result.booking_id)
        now = self.clock.now()
        message = StoredMessage(
            id=self.new_id(),
            booking_id=result.booking_id,
            event_type=envelope.event_type,
            message=envelope.message,
            created_date=now,
            delete_by=now + REPORTING_PERIOD,
            offender_no=booking.offender_no,
            booking_no=booking.booking_no,
            location_id=booking.agency_id,
            location_description=booking.location_description,
            recall=booking.recall,
            legal_status=booking.legal_status,
        )
        self.store.add(message)
        log.info("event stored", extra={"message_id": message.id})
        return Received(event_type=envelope.event_type, stored_id=message.id)

    def process_ready(self) -> RunReport:
        """One run of the main loop: held-back bookings, aggregated, processed."""
        return self._locked(PROCESS_LOCK, self._process_ready)

    def retry(self, tier: RetryTier) -> RunReport:
        """One run of a retry tier over the items whose retry count it selects."""
        return self._locked(tier.lock_name, lambda: self._retry(tier))

    def _locked(self, name: str, run: Callable[[], RunReport]) -> RunReport:
        now = self.clock.now()
        until = now + self.settings.lock_at_most_for
        if not self.lock.acquire(name, now=now, until=until, owner=self.owner):
            log.info("another worker holds the lock", extra={"lock": name})
            return RunReport(job=name, skipped=True)
        # at debug level so operators (and the two-process test) can see every lease
        log.debug(
            "lock taken",
            extra={"lock": name, "lock_from": now.isoformat(),
                   "lock_until": until.isoformat()},
        )  # fmt: skip
        try:
            return run()
        finally:
            released = self.clock.now()
            self.lock.release(name, now=released, owner=self.owner)
            log.debug(
                "lock released", extra={"lock": name, "lock_to": released.isoformat()}
            )

    def _process_ready(self) -> RunReport:
        now = self.clock.now()
        triggers = self.store.find_ready(
            created_before=now - self.settings.hold_back,
            now=now,
            limit=self.settings.batch_size,
        )
        bookings = dict.fromkeys(m.booking_id for m in triggers)
        candidates = [
            message
            for booking_id in bookings
            for message in self.store.find_unprocessed(booking_id, now=now)
        ]
        work = plan(candidates)
        for message in work.to_discard:
            self.store.delete(message.id)
        report = self._attempt_all(
            PROCESS_LOCK, work.to_process, honour_retry_until=False
        )
        return attrs.evolve(report, discarded=len(work.to_discard))

    def _retry(self, tier: RetryTier) -> RunReport:
        due = self.store.find_for_retry(
            min_retry_count=tier.min_retry_count,
            max_retry_count=tier.max_retry_count,
            now=self.clock.now(),
            limit=self.settings.batch_size,
        )
        return self._attempt_all(tier.lock_name, due, honour_retry_until=True)

    def _attempt_all(
        self, job: str, messages: Sequence[StoredMessage], *, honour_retry_until: bool
    ) -> RunReport:
        completed = retrying = 0
        for message in messages:
            outcome = self.processor.process(message)
            updated = after_attempt(
                message,
                outcome,
                now=self.clock.now(),
                honour_retry_until=honour_retry_until,
            )
            self.store.save(updated)
            if isinstance(outcome, Done):
                completed += 1
            else:
                retrying += 1
            log.info(
                "message processed",
                extra={
                    "message_id": message.id,
                    "event_type": message.event_type,
                    "status": updated.status.value,
                    "retry_count": updated.retry_count,
                },
            )
        return RunReport(
            job=job,
            processed=completed + retrying,
            completed=completed,
            retrying=retrying,
        )
