"""A run that outlives its lease says so: the lock may already be another worker's."""

from __future__ import annotations

import logging
from datetime import timedelta

import attrs

from hmpps_workers.core.testing.prison_to_probation import InMemoryMessageStore
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
