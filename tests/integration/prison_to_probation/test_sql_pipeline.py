"""The pipeline end to end on the SQL store and lock (the embedded default)."""

from __future__ import annotations

from datetime import timedelta

from hmpps_workers.adapters.sql.p2p_lock import SqlLock
from hmpps_workers.adapters.sql.prison_to_probation import SqlMessageStore
from hmpps_workers.core.prison_to_probation import SynchroniseState, default_tiers
from hmpps_workers.core.testing import FakeClock
from hmpps_workers.core.testing.prison_to_probation.world import (
    BOOKING_ID,
    CRN,
    World,
    envelope,
)
from hmpps_workers.runners.prison_to_probation.embedded import sqlite_engine
from support.prison_to_probation import build_pipeline


class TestSqlPipeline:
    """Stored, held back, aggregated, processed and retried through SQLite."""

    def test_imprisonment_status_change_completes_and_duplicates_go(self, tmp_path):
        """On SQLite an imprisonment status change completes and its duplicates go."""
        world = World()
        world.add_sentenced_prisoner()
        engine = sqlite_engine(str(tmp_path / "p2p.db"))
        store, clock = SqlMessageStore(engine), FakeClock()
        pipeline = build_pipeline(world, store, SqlLock(engine), clock)
        for event_type in ("IMPRISONMENT_STATUS-CHANGED", "SENTENCE_DATES-CHANGED",
                           "CONFIRMED_RELEASE_DATE-CHANGED"):  # fmt: skip
            pipeline.receive(envelope(event_type, bookingId=BOOKING_ID))
            clock.advance(timedelta(seconds=1))
        clock.advance(timedelta(minutes=16))
        report = pipeline.process_ready()
        assert (report.processed, report.discarded, report.completed) == (2, 1, 2)
        statuses = {m.event_type: (m.status, m.matching_crns)
                    for m in store.find_all(now=clock.now())}  # fmt: skip
        assert statuses == {
            "IMPRISONMENT_STATUS-CHANGED": (SynchroniseState.COMPLETED, CRN),
            "CONFIRMED_RELEASE_DATE-CHANGED": (SynchroniseState.COMPLETED, None),
        }
        assert pipeline.retry(default_tiers()[0]).processed == 0
        engine.dispose()
