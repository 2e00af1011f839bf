"""The pipeline as a service: receive events, process held-back bookings, run retries.

Inbound: parse, validate, snapshot the booking and store (or acknowledge and drop).
The item id derives from the SNS MessageId, so a redelivered or duplicated notification
finds its item already there and takes effect once.
Scheduled: each job runs under its own lease lock, in bounded batches that stop taking
new messages a safety margin before the lease ends (clock skew between hosts and the
longest single message fit in the margin), so a tier is never skipped because another
job holds a lock and a slow run never overlaps the next holder. A run that still ends
after its lease (a message slower than the margin, a paused process) logs a warning.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.prison_to_probation.aggregation import KEY_DATES, kind, plan
from hmpps_workers.core.prison_to_probation.attempt import (
    AttemptObserver,
    AttemptParts,
    BookingLeases,
    attempt,
)
from hmpps_workers.core.prison_to_probation.envelope import (
    Envelope,
    parse_envelope,
    parse_event,
)
from hmpps_workers.core.prison_to_probation.errors import (
    DuplicateMessageError,
)
from hmpps_workers.core.prison_to_probation.fence import fenced
from hmpps_workers.core.prison_to_probation.interest import InterestedPrisons
from hmpps_workers.core.prison_to_probation.message_ids import (
    item_id,
    same_event,
    variant_id,
)
from hmpps_workers.core.prison_to_probation.model import EventType, StoredMessage
from hmpps_workers.core.prison_to_probation.outcomes import (
    Done,
    Ignore,
    Store,
)
from hmpps_workers.core.prison_to_probation.ports import Lock, MessageStore, PrisonApi
from hmpps_workers.core.prison_to_probation.processor import MessageProcessor
from hmpps_workers.core.prison_to_probation.retry import (
    REPORTING_PERIOD,
    RetryTier,
)
from hmpps_workers.core.prison_to_probation.validation import Validator, unexpected

log = logging.getLogger(__name__)

PROCESS_LOCK = "scheduleLock"
DUPLICATE = "SNS notification already stored"


@attrs.frozen(kw_only=True)
class PipelineSettings:
    """Hold-back, batch size and lease; production holds back 60 minutes."""

    hold_back: timedelta = timedelta(minutes=15)
    batch_size: int = attrs.field(default=100, validator=attrs.validators.ge(1))
    lock_at_most_for: timedelta = timedelta(minutes=20)
    # Stop taking work this long before the lease ends; by default 2 minutes, or a
    # tenth of a shorter lease.
    lock_margin: timedelta = attrs.field(
        default=attrs.Factory(
            lambda self: min(timedelta(minutes=2), self.lock_at_most_for / 10),
            takes_self=True,
        )
    )

    @lock_margin.validator
    def _inside_lease(self, _: attrs.Attribute[timedelta], value: timedelta) -> None:
        if not timedelta(0) <= value < self.lock_at_most_for:
            msg = "lock margin must be at least zero and shorter than the lease"
            raise ValueError(msg)

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
    skipped_stale: int = 0
    skipped_busy: int = 0


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
    observer: AttemptObserver | None = None

    def receive(self, body: str | bytes) -> Received:
        """Validate one SQS body and store it if relevant.

        A malformed body raises MalformedEventError (permanent: dead-letter it);
        prison-api failures raise too, so the message is redelivered.
        """
        envelope = parse_envelope(body)
        message_id = self._id_for(envelope)
        if envelope.message_id is not None:
            stored = self.store.get(message_id, now=self.clock.now())
            if stored is not None and same_event(stored, envelope):
                return self._already(envelope, message_id)
            if stored is not None:
                # Same MessageId, different event: not a duplicate. Keep both.
                log.warning(
                    "SNS MessageId reused for a different event: stored separately",
                    extra={"message_id": message_id, "event_type": envelope.event_type},
                )
                message_id = variant_id(envelope)
                if self.store.get(message_id, now=self.clock.now()) is not None:
                    return self._already(envelope, message_id)
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
            id=message_id,
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
        try:
            self.store.add(message)
        except DuplicateMessageError:
            return self._already(envelope, message_id)
        log.info("event stored", extra={"message_id": message.id})
        return Received(event_type=envelope.event_type, stored_id=message.id)

    def _id_for(self, envelope: Envelope) -> str:
        if envelope.message_id is None:
            return self.new_id()
        return item_id(envelope.message_id)

    def _already(self, envelope: Envelope, message_id: str) -> Received:
        log.info("event already stored", extra={"message_id": message_id})
        return Received(
            event_type=envelope.event_type, stored_id=message_id, reason=DUPLICATE
        )

    def process_ready(self) -> RunReport:
        """One run of the main loop: held-back bookings, aggregated, processed."""
        return self._locked(PROCESS_LOCK, self._process_ready)

    def retry(self, tier: RetryTier) -> RunReport:
        """One run of a retry tier over the items whose retry count it selects."""
        return self._locked(tier.lock_name, lambda stop_at: self._retry(tier, stop_at))

    def _locked(self, name: str, run: Callable[[datetime], RunReport]) -> RunReport:
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
        report: RunReport | None = None
        try:
            with fenced(lambda: self.clock.now() < until):
                report = run(until - self.settings.lock_margin)
        finally:
            released = self.clock.now()
            self.lock.release(name, now=released, owner=self.owner)
            # what the run wrote (None: it raised), so a lease can be told from work
            written = None if report is None else report.processed + report.discarded
            log.debug(
                "lock released",
                extra={"lock": name, "lock_to": released.isoformat(),
                       "written": written},
            )  # fmt: skip
            if released > until:
                _overran(name, released - until, written)
        return report

    def _process_ready(self, stop_at: datetime) -> RunReport:
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
            PROCESS_LOCK, work.to_process, stop_at, honour_retry_until=False
        )
        return attrs.evolve(report, discarded=len(work.to_discard))

    def _retry(self, tier: RetryTier, stop_at: datetime) -> RunReport:
        due = self.store.find_for_retry(
            min_retry_count=tier.min_retry_count,
            max_retry_count=tier.max_retry_count,
            now=self.clock.now(),
            limit=self.settings.batch_size,
        )
        return self._attempt_all(tier.lock_name, due, stop_at, honour_retry_until=True)

    def _attempt_parts(self) -> AttemptParts:
        return AttemptParts(
            store=self.store,
            processor=self.processor,
            clock=self.clock,
            observer=self.observer,
        )

    def _attempt_all(
        self,
        job: str,
        messages: Sequence[StoredMessage],
        stop_at: datetime,
        *,
        honour_retry_until: bool,
    ) -> RunReport:
        counts = dict.fromkeys(("completed", "retrying", "stale", "busy"), 0)
        key_dates_sent: set[int] = set()
        leases = BookingLeases(
            lock=self.lock, clock=self.clock, owner=f"{self.owner}/{job}",
            until=stop_at + self.settings.lock_margin,
        )  # fmt: skip
        pending = list(messages)
        try:
            while pending:
                if self.clock.now() >= stop_at:
                    log.warning(
                        "lease nearly over: the rest waits for the next run",
                        extra={"job": job, "left": len(pending)},
                    )
                    break
                message = pending.pop(0)
                counts[
                    self._one(leases, message, key_dates_sent, honour_retry_until)
                ] += 1
                # Key dates just replaced: complete the booking's date changes now
                # (no calls), so a run ending here cannot send them a second time.
                for sibling in _key_date_siblings(pending, message, key_dates_sent):
                    pending.remove(sibling)
                    counts[
                        self._one(leases, sibling, key_dates_sent, honour_retry_until)
                    ] += 1
        finally:
            leases.release()
        return RunReport(
            job=job,
            processed=counts["completed"] + counts["retrying"],
            completed=counts["completed"],
            retrying=counts["retrying"],
            skipped_stale=counts["stale"],
            skipped_busy=counts["busy"],
        )

    def _one(
        self,
        leases: BookingLeases,
        message: StoredMessage,
        key_dates_sent: set[int],
        honour_retry_until: bool,  # noqa: FBT001 - private
    ) -> str:
        if not leases.take(message.booking_id):
            return "busy"  # another job has the booking: the next run takes it
        outcome = attempt(
            self._attempt_parts(),
            message,
            key_dates_sent=key_dates_sent,
            honour_retry_until=honour_retry_until,
        )
        if outcome is None:
            return "stale"
        return "completed" if isinstance(outcome, Done) else "retrying"


def _overran(name: str, by: timedelta, written: int | None) -> None:
    # The lease model's limit: a run slower than its margin (a message slower than
    # the margin, or the process paused) kept working after its lease ended, when
    # another worker could already hold the lock. Items are still saved only on the
    # version read, so nothing is overwritten; a downstream update may be repeated.
    log.warning(
        "lease overran",
        extra={
            "lock": name,
            "overrun_ms": int(by / timedelta(milliseconds=1)),
            "written": written,
            "advice": "raise PRISONTOPROBATION_LOCK_MARGIN above one message's time",
        },
    )


def _key_date_siblings(
    pending: list[StoredMessage], done: StoredMessage, key_dates_sent: set[int]
) -> list[StoredMessage]:
    if done.booking_id not in key_dates_sent:
        return []
    return [
        m
        for m in pending
        if m.booking_id == done.booking_id and kind(m.event_type) == KEY_DATES
    ]
