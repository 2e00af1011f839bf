"""What COMPLETE-CLAIM costs PostgreSQL in round trips, counted by a loopback proxy.

psycopg waits for an answer after each statement, BEGIN and COMMIT; the move's
writes, which read nothing back, and its COMMIT go out as one pipeline instead, and
the BEGIN with the lock.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from hmpps_workers.adapters.sql.prison_visits.seed_journeys import seed_journey
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.prison_visits.claims.records import ClaimData
from hmpps_workers.core.prison_visits.handlers.complete_claim import CompleteClaim
from hmpps_workers.core.prison_visits.pricing import PricingSettings
from hmpps_workers.core.tasks import Schema, TaskFilter, TaskStatus
from hmpps_workers.core.testing.claim_journeys import approvable_journey
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.handler_world import OFFICE_HOURS
from support.databases import statements_sent

pytestmark = pytest.mark.postgres
NOW = OFFICE_HOURS
# BEGIN with the lock, the five takes of the parts the claim has, the task's
# completion, then every write (the claim's DELETE first) and the COMMIT together.
REPEAT_CLAIM_ROUND_TRIPS = 1 + 5 + 1 + 1


def _complete_claim(engine: sa.Engine, trips) -> tuple[ClaimData, list[str]]:
    """Run COMPLETE-CLAIM on a seeded repeat claim, counting; it and its statements."""
    submitted = seed_journey(engine, approvable_journey(NOW), now=NOW)
    (task,) = SqlTaskStore(engine).claim(
        Schema.EXT, limit=1, now=NOW, lease=timedelta(minutes=5), owner="w1"
    )
    handler = CompleteClaim(
        claims=SqlClaimRepository(engine),
        clock=FakeClock(NOW),
        pricing=PricingSettings(),
    )
    with statements_sent(engine) as sent, trips.count():
        handler(task)
    return submitted, [statement.split()[0] for statement, _, _ in sent]


class TestCompleteClaimRoundTrips:
    """The move's writes and COMMIT cost one round trip between them."""

    def test_a_repeat_claim_moves_in_eight_round_trips(self, proxied):
        """Twenty before 17h: one per statement (eighteen then), BEGIN and COMMIT."""
        engine, trips = proxied
        _, sent = _complete_claim(engine, trips)
        statements = [s for s in sent if s != "COMMIT"]
        assert (len(statements), trips.seen) == (16, REPEAT_CLAIM_ROUND_TRIPS)

    def test_the_pipelined_writes_are_all_committed(self, proxied):
        """The claim, its rows, its event and follow-on tasks are in IntSchema."""
        engine, trips = proxied
        submitted, _ = _complete_claim(engine, trips)
        claim = submitted.claim
        moved = SqlClaimRepository(engine).claim_data(
            Schema.INT,
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
        )
        store = SqlTaskStore(engine)
        follow_on = store.find(TaskFilter(schema=Schema.INT), now=NOW)
        completed = store.find(
            TaskFilter(schema=Schema.EXT, statuses=(TaskStatus.COMPLETE,)), now=NOW
        )
        assert moved is not None
        expected = (submitted.expenses, submitted.children, 1, 2, 1)
        actual = (
            moved.expenses,
            moved.children,
            len(moved.events),
            len(follow_on),
            len(completed),
        )
        assert expected == actual
