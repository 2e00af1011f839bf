"""The behavioural checklist of section 15, item by item, on the fakes."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from hmpps_workers.core.errors import RetryableError
from hmpps_workers.core.prison_to_probation import (
    MalformedEventError,
    SynchroniseState,
    default_tiers,
)
from hmpps_workers.core.prison_to_probation.errors import NotFoundError
from hmpps_workers.core.testing.prison_to_probation.world import (
    BOOKING_ID,
    CRN,
    OFFENDER_NO,
    envelope,
)
from support.prison_to_probation import build_pipeline

ISC = "IMPRISONMENT_STATUS-CHANGED"
DATES = "SENTENCE_DATES-CHANGED"
RELEASE = "CONFIRMED_RELEASE_DATE-CHANGED"
MOVE = "EXTERNAL_MOVEMENT_RECORD-INSERTED"
SHORT, MEDIUM, LONG = default_tiers()
S = SynchroniseState


def receive(pipeline, event_type, **fields):
    """Deliver one SNS envelope for the test booking."""
    return pipeline.receive(envelope(event_type, bookingId=BOOKING_ID, **fields))


def hold(lock, clock, name="scheduleLock"):
    """Another worker takes the lock for 20 minutes."""
    until = clock.now() + timedelta(minutes=20)
    lock.acquire(name, now=clock.now(), until=until, owner="other")


class TestItem1Routing:
    """1. Route on the SNS attribute; store the inner Message verbatim; zeros."""

    def test_inner_message_is_stored_verbatim(self, pipeline, store, clock):
        """The inner SNS message is stored exactly as received."""
        body = envelope(ISC, bookingId=BOOKING_ID)
        received = pipeline.receive(body)
        stored = store.get(received.stored_id, now=clock.now())
        assert stored.message == json.loads(body)["Message"]

    def test_missing_imprisonment_status_seq_counts_as_zero(self, pipeline):
        """The original e2e fixture has no sequence and is processed fully."""
        assert receive(pipeline, ISC).stored_id is not None

    def test_unexpected_event_type_is_acknowledged_with_its_reason(
        self, pipeline, store, clock, world
    ):
        """An unexpected event type is acknowledged with the original reason, not stored."""
        received = pipeline.receive(envelope("SOME_OTHER_MESSAGE"))
        assert (received.stored_id, store.find_all(now=clock.now())) == (None, [])
        assert "wasn't expecting" in received.reason
        assert world.prison_api.calls == []

    def test_malformed_body_is_refused_for_the_dead_letter_queue(self, pipeline):
        """A malformed body raises MalformedEventError so it is dead-lettered."""
        with pytest.raises(MalformedEventError):
            pipeline.receive(envelope(ISC, bookingId="not-a-number"))


class TestItem2Validation:
    """2. Validate with section 2; acknowledge 'done'; exceptions mean redelivery."""

    def test_ignored_event_is_not_stored(self, pipeline, store, clock):
        """An event that validation ignores is not stored."""
        received = receive(pipeline, ISC, imprisonmentStatusSeq=1)
        assert (received.reason, store.find_all(now=clock.now())) == (
            "Non zero sequence", [])  # fmt: skip

    def test_prison_api_failure_escapes_so_the_message_is_redelivered(
        self, pipeline, world
    ):
        """A prison-api failure while validating escapes, so SQS redelivers the message."""
        world.prison_api.fail("get_booking", RetryableError("503"))
        with pytest.raises(RetryableError):
            receive(pipeline, DATES)

    def test_unknown_booking_escapes(self, pipeline):
        """A booking prison-api does not know escapes as NotFoundError."""
        with pytest.raises(NotFoundError):
            pipeline.receive(envelope(DATES, bookingId=42))


class TestItem3StoredItem:
    """3. The item has the section 3.2 fields, retryCount 0, VALIDATED, +30 days."""

    def test_stored_item_carries_the_booking_snapshot(self, pipeline, store, clock):
        """The stored item is VALIDATED and carries the booking's snapshot."""
        stored = store.get(receive(pipeline, ISC).stored_id, now=clock.now())
        assert (
            stored.booking_id, stored.event_type, stored.retry_count, stored.status,
            stored.created_date, stored.delete_by, stored.processed_date,
            stored.reportable, stored.offender_no, stored.booking_no,
            stored.location_id, stored.location_description, stored.legal_status,
            stored.matching_crns,
        ) == (
            BOOKING_ID, ISC, 0, S.VALIDATED, clock.now(),
            clock.now() + timedelta(days=30), None, True, OFFENDER_NO, "38339A",
            "MDI", "Moorland (HMP & YOI)", "SENTENCED", None,
        )  # fmt: skip


class TestItem4MainLoop:
    """4. Hold-back, booking expansion, newest per type, priority, discard, process."""

    def test_nothing_is_processed_inside_the_hold_back(self, pipeline, clock):
        """Nothing is processed until the hold-back has passed."""
        receive(pipeline, DATES)
        clock.advance(timedelta(minutes=14))
        assert pipeline.process_ready().processed == 0

    def test_old_enough_trigger_brings_young_siblings_of_its_booking(
        self, pipeline, clock, store
    ):
        """A message old enough to process brings its booking's younger messages with it."""
        receive(pipeline, MOVE, movementSeq=1)
        clock.advance(timedelta(minutes=16))
        receive(pipeline, DATES)
        report = pipeline.process_ready()
        assert (report.processed, report.completed) == (2, 2)
        assert all(m.processed for m in store.find_all(now=clock.now()))

    def test_processes_in_priority_order(self, pipeline, clock, world):
        """One booking's messages are processed in the original priority order."""
        receive(pipeline, DATES)
        receive(pipeline, MOVE, movementSeq=1)
        receive(pipeline, ISC)
        clock.advance(timedelta(minutes=16))
        pipeline.process_ready()
        first_calls = [name for name, _ in world.prison_api.calls[-12:]]
        assert first_calls.index("get_sentence_terms") < first_calls.index(
            "get_movement"
        )

    def test_duplicates_are_deleted_and_key_dates_sent_once(
        self, pipeline, clock, store, world
    ):
        """Duplicates are discarded and the key dates are sent to Delius once."""
        receive(pipeline, DATES)
        receive(pipeline, DATES)
        receive(pipeline, RELEASE)
        clock.advance(timedelta(minutes=16))
        report = pipeline.process_ready()
        assert (report.processed, report.discarded) == (1, 2)
        assert world.community_api.count("replace_key_dates") == 1
        assert len(store.find_all(now=clock.now())) == 1

    def test_try_later_bumps_retry_count_without_moving_delete_by(
        self, pipeline, clock, store, world
    ):
        """TRY_LATER counts a retry and leaves deleteBy where it was."""
        world.community_api.no_location.add(OFFENDER_NO)
        stored_id = receive(pipeline, ISC).stored_id
        created = clock.now()
        clock.advance(timedelta(minutes=16))
        pipeline.process_ready()
        item = store.get(stored_id, now=clock.now())
        assert (item.retry_count, item.status, item.delete_by, item.matching_crns) == (
            1, S.LOCATION_NOT_UPDATED, created + timedelta(days=30), CRN)  # fmt: skip

    def test_exception_in_a_handler_is_retried_as_error(
        self, pipeline, clock, store, world
    ):
        """A handler's exception is stored as ERROR with one retry counted."""
        stored_id = receive(pipeline, DATES).stored_id
        world.community_api.fail("replace_key_dates", RetryableError("503"))
        clock.advance(timedelta(minutes=16))
        pipeline.process_ready()
        item = store.get(stored_id, now=clock.now())
        assert (item.retry_count, item.status) == (1, S.ERROR)

    def test_run_is_skipped_while_another_worker_holds_the_lock(
        self, pipeline, clock, lock
    ):
        """The run is skipped while another worker holds the schedule lock."""
        receive(pipeline, DATES)
        clock.advance(timedelta(minutes=16))
        hold(lock, clock)
        assert pipeline.process_ready().skipped

    def test_a_held_main_lock_does_not_stop_a_retry_tier(self, pipeline, clock, lock):
        """A retry tier has its own lock, so a held main lock does not stop it."""
        hold(lock, clock)
        assert not pipeline.retry(SHORT).skipped

    def test_lock_is_released_after_the_run(self, pipeline, clock, lock):
        """The schedule lock is released when the run ends."""
        pipeline.process_ready()
        assert lock.state("scheduleLock").lock_until <= clock.now()

    def test_batches_are_bounded(self, world, store, lock, clock):
        """Each run processes at most the batch size of bookings."""
        pipeline = build_pipeline(world, store, lock, clock, batch_size=2)
        for booking_id in (1, 2, 3):
            world.add_sentenced_prisoner(booking_id)
            pipeline.receive(envelope(DATES, bookingId=booking_id))
        clock.advance(timedelta(minutes=16))
        assert [pipeline.process_ready().processed for _ in range(3)] == [2, 1, 0]


class TestItem5RetryTiers:
    """5. Tiers by retry count 1-4, 5-10, 11+; retry runs apply retryUntil."""

    def test_four_short_then_six_medium_then_one_per_long_run(
        self, pipeline, clock, store, world
    ):
        """An unmatched item is retried four times short, six medium, then once per long run."""
        world.search.matches.clear()  # no match: retried until TTL
        stored_id = receive(pipeline, ISC).stored_id
        clock.advance(timedelta(minutes=16))
        pipeline.process_ready()
        attempts = {}
        for tier in (SHORT, MEDIUM, LONG, SHORT):
            attempts[tier.name] = 0
            while pipeline.retry(tier).processed and attempts[tier.name] < 20:
                attempts[tier.name] += 1
                if tier is LONG and attempts[tier.name] == 2:
                    break
        assert attempts == {"short": 0, "medium": 6, "long": 2}
        assert store.get(stored_id, now=clock.now()).retry_count == 13

    def test_short_tier_gives_four_attempts(self, pipeline, clock, world):
        """The short tier gives an item four attempts and no more."""
        world.search.matches.clear()
        receive(pipeline, ISC)
        clock.advance(timedelta(minutes=16))
        pipeline.process_ready()
        counts = [pipeline.retry(SHORT).processed for _ in range(5)]
        assert counts == [1, 1, 1, 1, 0]

    def test_retry_run_moves_delete_by_to_the_sentence_expiry(
        self, pipeline, clock, store, world
    ):
        """A retry run moves deleteBy to the sentence expiry date the outcome names."""
        world.community_api.no_key_dates.add(OFFENDER_NO)
        stored_id = receive(pipeline, ISC).stored_id
        clock.advance(timedelta(minutes=16))
        pipeline.process_ready()
        pipeline.retry(SHORT)
        item = store.items[stored_id]
        assert (item.delete_by.date().isoformat(), item.status) == (
            "2025-09-10", S.KEY_DATES_NOT_UPDATED)  # fmt: skip
        # The sentence expired before the test's "now": the item is gone at once.
        assert store.get(stored_id, now=clock.now()) is None

    def test_success_on_retry_stops_the_retries(self, pipeline, clock, world):
        """Once a retry succeeds, the item is not retried again."""
        world.community_api.fail("replace_key_dates", RetryableError("503"))
        receive(pipeline, DATES)
        clock.advance(timedelta(minutes=16))
        pipeline.process_ready()
        world.community_api.heal()
        assert [pipeline.retry(SHORT).completed for _ in range(2)] == [1, 0]


class TestItem6EndToEnd:
    """6. The original's end-to-end run of the imprisonment status fixture."""

    def test_imprisonment_status_change_completes_with_the_matched_crn(
        self, pipeline, clock, store, world
    ):
        """An imprisonment status change completes, recording the matched CRN."""
        stored_id = receive(pipeline, ISC).stored_id
        clock.advance(timedelta(minutes=16))
        pipeline.process_ready()
        item = store.get(stored_id, now=clock.now())
        assert (item.status, item.matching_crns, item.processed_date) == (
            S.COMPLETED, CRN, clock.now())  # fmt: skip
        api = world.community_api
        writes = ("get_convictions", "update_noms_number", "update_booking_number",
                  "update_custody_location", "replace_key_dates")  # fmt: skip
        assert [api.count(m) for m in writes] == [2, 1, 1, 1, 1]


class TestItem7Retention:
    """7. Done keeps the item 30 days; expired items are never read again."""

    def test_processed_item_is_kept_thirty_days_from_processing(
        self, pipeline, clock, store
    ):
        """A processed item is kept thirty days from its processing."""
        stored_id = receive(pipeline, DATES).stored_id
        clock.advance(timedelta(minutes=16))
        pipeline.process_ready()
        item = store.get(stored_id, now=clock.now())
        assert item.delete_by == clock.now() + timedelta(days=30)

    def test_expired_items_are_not_retried_even_before_ttl_removes_them(
        self, pipeline, clock, store, world
    ):
        """Items past deleteBy are not retried, even before TTL removes them."""
        world.search.matches.clear()
        receive(pipeline, ISC)
        clock.advance(timedelta(minutes=16))
        pipeline.process_ready()
        clock.advance(timedelta(days=31))
        assert (pipeline.retry(SHORT).processed, len(store.items)) == (0, 1)
