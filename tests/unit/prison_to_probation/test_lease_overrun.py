"""A run that outlives its lease: it says so, and it sends Delius nothing more."""

from __future__ import annotations

import logging
from datetime import timedelta

import attrs

from hmpps_workers.core.testing.prison_to_probation import InMemoryMessageStore
from hmpps_workers.core.testing.prison_to_probation.apis import FakeCommunityApi
from hmpps_workers.core.testing.prison_to_probation.world import BOOKING_ID, envelope
from support.prison_to_probation import build_pipeline

ISC = "IMPRISONMENT_STATUS-CHANGED"
OVERRAN = "lease overran"


@attrs.define
class StallingStore(InMemoryMessageStore):
    """Each save first waits `stall` on the clock: a message slower than the margin."""

    clock: object = None
    stall: timedelta = timedelta(0)

    def save(self, message):
        """Stall, then save."""
        self.clock.advance(self.stall)  # type: ignore[attr-defined]
        super().save(message)


def _run(world, lock, clock, caplog, stall):
    store = StallingStore(clock=clock, stall=stall)
    pipeline = build_pipeline(world, store, lock, clock)
    pipeline.receive(envelope(ISC, bookingId=BOOKING_ID))
    clock.advance(timedelta(minutes=16))
    with caplog.at_level(logging.WARNING):
        report = pipeline.process_ready()
    return report, [r for r in caplog.records if r.getMessage() == OVERRAN]


class TestLeaseOverrun:
    """The margin is meant to hold the longest message; when it did not, a warning."""

    def test_a_run_released_after_its_lease_ended_logs_a_warning(
        self, world, lock, clock, caplog
    ):
        """A message that stalls 21 minutes under a 20-minute lease: one warning."""
        report, warnings = _run(world, lock, clock, caplog, timedelta(minutes=21))
        (warning,) = warnings
        assert (
            report.completed,
            warning.lock,  # type: ignore[attr-defined]
            warning.overrun_ms,  # type: ignore[attr-defined]
            warning.written,  # type: ignore[attr-defined]
        ) == (1, "scheduleLock", 60_000, 1)

    def test_a_run_inside_its_lease_logs_none(self, world, lock, clock, caplog):
        """A message that takes a minute finishes well inside the lease: no warning."""
        report, warnings = _run(world, lock, clock, caplog, timedelta(minutes=1))
        assert (report.completed, warnings) == (1, [])


@attrs.define
class StallingCommunityApi(FakeCommunityApi):
    """Reading convictions first waits `stall` on the clock (the writes come after)."""

    clock: object = None
    stall: timedelta = timedelta(0)

    def get_convictions(self, crn):
        """Stall, then read."""
        self.clock.advance(self.stall)  # type: ignore[attr-defined]
        return super().get_convictions(crn)


WRITES = ("update_noms_number", "update_booking_number", "update_custody_location",
          "replace_key_dates", "replace_noms_number")  # fmt: skip


class TestLeaseFence:
    """A run past its lease stops before its next Delius write, leaving the item."""

    def _pipeline(self, world, store, lock, clock, stall):
        world.community_api = StallingCommunityApi(
            clock=clock, stall=stall, convictions=world.community_api.convictions
        )
        pipeline = build_pipeline(world, store, lock, clock)
        pipeline.receive(envelope(ISC, bookingId=BOOKING_ID))
        clock.advance(timedelta(minutes=16))
        return pipeline

    def test_a_run_paused_past_its_lease_writes_nothing_and_saves_nothing(
        self, world, store, lock, clock
    ):
        """Convictions read 21 minutes into a 20-minute lease: no write, item as it was."""
        pipeline = self._pipeline(world, store, lock, clock, timedelta(minutes=21))
        report = pipeline.process_ready()
        (item,) = store.find_all(now=clock.now())
        writes = [name for name, _ in world.community_api.calls if name in WRITES]
        assert (report.processed, report.skipped_stale, writes) == (0, 1, [])
        assert (item.processed, item.retry_count, item.version) == (False, 0, 0)

    def test_the_next_run_processes_the_item_left(self, world, store, lock, clock):
        """The item the fence stopped is done by the next run, with no retry counted."""
        pipeline = self._pipeline(world, store, lock, clock, timedelta(minutes=21))
        pipeline.process_ready()
        world.community_api.stall = timedelta(0)
        report = pipeline.process_ready()
        (item,) = store.find_all(now=clock.now())
        assert (report.completed, item.processed, item.retry_count) == (1, True, 0)
        assert world.community_api.count("update_noms_number") == 1
