"""Two jobs, one item: nothing overwritten, stale index reads skipped, bursts merged."""

from __future__ import annotations

import logging
from datetime import timedelta

import attrs

from hmpps_workers.core.prison_to_probation import SynchroniseState, default_tiers
from hmpps_workers.core.testing.prison_to_probation import InMemoryMessageStore
from hmpps_workers.core.testing.prison_to_probation.world import (
    BOOKING_ID,
    envelope,
)

ISC = "IMPRISONMENT_STATUS-CHANGED"
DATES = "SENTENCE_DATES-CHANGED"
RELEASE = "CONFIRMED_RELEASE_DATE-CHANGED"
SHORT = default_tiers()[0]
S = SynchroniseState


@attrs.define
class InterleavingStore(InMemoryMessageStore):
    """Runs `meanwhile` once, between a job's read and its next step."""

    meanwhile: list = attrs.field(factory=list)
    on: str = "find_for_retry"

    def _interleave(self, step: str) -> None:
        if step == self.on and self.meanwhile:
            self.meanwhile.pop()()

    def find_for_retry(self, **kwargs):
        """List, then let the other job act before the caller goes on."""
        found = super().find_for_retry(**kwargs)
        self._interleave("find_for_retry")
        return found

    def save(self, message):
        """Let the other job save first, then save."""
        self._interleave("save")
        super().save(message)


def retrying_item(pipeline, world, clock):
    """An imprisonment-status item that failed once (retry count 1, ERROR)."""
    pipeline.receive(envelope(ISC, bookingId=BOOKING_ID))
    world.prison_api.fail("get_sentence_terms", RuntimeError("outage"))
    clock.advance(timedelta(minutes=16))
    pipeline.process_ready()
    world.prison_api.heal()


class TestNoLostUpdates:
    """The probe: a COMPLETED item is never put back to ERROR by a slower job."""

    def test_retry_tier_skips_an_item_the_main_loop_completed_after_listing(
        self, world, lock, clock
    ):
        """The retry tier listed it, the main loop completed it: the tier skips it."""
        from support.prison_to_probation import build_pipeline  # noqa: PLC0415

        store = InterleavingStore()
        pipeline = build_pipeline(world, store, lock, clock)
        retrying_item(pipeline, world, clock)
        pipeline.receive(envelope(DATES, bookingId=BOOKING_ID))
        clock.advance(timedelta(minutes=16))
        store.meanwhile.append(pipeline.process_ready)
        report = pipeline.retry(SHORT)
        (item,) = [m for m in store.items.values() if m.event_type == ISC]
        assert (report.skipped_stale, item.status, item.retry_count) == (
            1, S.COMPLETED, 1)  # fmt: skip

    def test_a_lost_save_is_skipped_and_the_winner_stands(self, world, lock, clock):
        """Another writer saves between our read and our save: ours is dropped."""
        from support.prison_to_probation import build_pipeline  # noqa: PLC0415

        store = InterleavingStore(on="save")
        pipeline = build_pipeline(world, store, lock, clock)
        retrying_item(pipeline, world, clock)
        (item_id,) = store.items

        def other_writer():
            current = store.items[item_id]
            InMemoryMessageStore.save(
                store,
                attrs.evolve(current, status=S.COMPLETED, processed_date=clock.now()),
            )

        store.meanwhile.append(other_writer)
        report = pipeline.retry(SHORT)
        assert (report.skipped_stale, report.processed) == (1, 0)
        assert store.items[item_id].status == S.COMPLETED

    def test_an_item_that_moved_on_since_the_index_read_is_skipped(
        self, world, lock, clock
    ):
        """The consistent re-read sees it processed already; nothing is called."""
        from support.prison_to_probation import build_pipeline  # noqa: PLC0415

        store = InterleavingStore()
        pipeline = build_pipeline(world, store, lock, clock)
        retrying_item(pipeline, world, clock)
        (item_id,) = store.items

        def finish_it():
            current = store.items[item_id]
            store.items[item_id] = attrs.evolve(
                current, processed_date=clock.now(), version=current.version + 1
            )

        store.meanwhile.append(finish_it)
        calls = world.prison_api.count("get_sentence_terms")
        report = pipeline.retry(SHORT)
        assert (report.skipped_stale, world.prison_api.count("get_sentence_terms")) == (
            1, calls)  # fmt: skip


class TestSameMessageIdDifferentContent:
    """A reused SNS MessageId with a different event is not a duplicate."""

    def test_both_are_stored_and_a_warning_is_logged(
        self, pipeline, store, clock, caplog
    ):
        """Different event type under one MessageId: two items, one warning."""
        first = pipeline.receive(
            envelope(DATES, message_id="same", bookingId=BOOKING_ID)
        )
        with caplog.at_level(logging.WARNING):
            second = pipeline.receive(
                envelope(RELEASE, message_id="same", bookingId=BOOKING_ID)
            )
        assert first.stored_id != second.stored_id
        assert len(store.find_all(now=clock.now())) == 2
        assert any("reused" in r.getMessage() for r in caplog.records)

    def test_redelivering_the_second_one_is_still_a_duplicate(
        self, pipeline, store, clock
    ):
        """The variant's own redelivery is recognised: still two items."""
        pipeline.receive(envelope(DATES, message_id="same", bookingId=BOOKING_ID))
        body = envelope(RELEASE, message_id="same", bookingId=BOOKING_ID)
        pipeline.receive(body)
        again = pipeline.receive(body)
        assert again.reason is not None
        assert len(store.find_all(now=clock.now())) == 2


class TestOneKeyDatesReplacePerBurst:
    """A status change and date changes for one booking: one key-dates replace."""

    def test_status_change_and_date_changes_send_key_dates_once(
        self, pipeline, clock, world, store
    ):
        """ISC replaces the key dates with the newest; the date change adds nothing."""
        for event_type in (ISC, DATES, RELEASE):
            pipeline.receive(envelope(event_type, bookingId=BOOKING_ID))
        clock.advance(timedelta(minutes=16))
        report = pipeline.process_ready()
        assert (report.completed, report.discarded) == (2, 1)
        assert world.community_api.count("replace_key_dates") == 1
        assert all(m.processed for m in store.find_all(now=clock.now()))

    def test_date_change_still_sends_when_the_status_change_stopped_early(
        self, pipeline, clock, world
    ):
        """If the status change did not reach its key-dates step, the dates go alone."""
        world.search.matches.clear()
        for event_type in (ISC, DATES):
            pipeline.receive(envelope(event_type, bookingId=BOOKING_ID))
        clock.advance(timedelta(minutes=16))
        pipeline.process_ready()
        assert world.community_api.count("replace_key_dates") == 1


class TestAttemptObserver:
    """Metrics see each saved attempt with the item as it was read."""

    def test_observer_gets_the_item_before_the_attempt(self, pipeline, clock, world):
        """The retry count and deleteBy are the ones the attempt started from."""
        seen = []
        pipeline.observer = lambda before, outcome, now: seen.append(
            (before.retry_count, type(outcome).__name__)
        )
        pipeline.receive(envelope(ISC, bookingId=BOOKING_ID))
        clock.advance(timedelta(minutes=16))
        pipeline.process_ready()
        assert seen == [(0, "Done")]


class TestOneJobPerBookingAtATime:
    """Every job leases the booking first, as the original's single lock ensured."""

    def test_a_booking_another_job_holds_is_left_for_the_next_run(
        self, pipeline, world, lock, clock, store
    ):
        """The retry tier skips a booking the main loop holds, then takes it later."""
        retrying_item(pipeline, world, clock)
        held_until = clock.now() + timedelta(minutes=5)
        lock.acquire(f"p2p-booking#{BOOKING_ID}", now=clock.now(), until=held_until,
                     owner="other-pod/scheduleLock")  # fmt: skip
        busy = pipeline.retry(SHORT)
        clock.advance(timedelta(minutes=6))
        later = pipeline.retry(SHORT)
        assert (busy.skipped_busy, busy.processed, later.completed) == (1, 0, 1)

    def test_the_booking_lease_is_let_go_after_the_run(
        self, pipeline, world, lock, clock
    ):
        """After a run, the booking's lock item is free for any job."""
        retrying_item(pipeline, world, clock)
        pipeline.retry(SHORT)
        state = lock.state(f"p2p-booking#{BOOKING_ID}")
        assert state.lock_until <= clock.now()


class TestKeyDatesBurstAcrossALeaseEnd:
    """A run ending right after the status change still sends key dates once."""

    def test_date_change_is_completed_with_the_status_change_before_the_run_stops(
        self, world, lock, clock
    ):
        """The lease runs out during the status change: its date change goes with it."""
        from support.prison_to_probation import build_pipeline  # noqa: PLC0415

        store = InterleavingStore(on="save")
        pipeline = build_pipeline(world, store, lock, clock)
        for event_type in (ISC, DATES):
            pipeline.receive(envelope(event_type, bookingId=BOOKING_ID))
        clock.advance(timedelta(minutes=16))
        store.meanwhile.append(lambda: clock.advance(timedelta(hours=1)))
        first = pipeline.process_ready()
        pipeline.process_ready()
        assert first.completed == 2
        assert world.community_api.count("replace_key_dates") == 1
        assert all(m.processed for m in store.items.values())
