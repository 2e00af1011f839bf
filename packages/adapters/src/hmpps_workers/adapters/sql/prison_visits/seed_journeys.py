"""Submit claims as the External site does: for e2e tests, the demo and benchmarks."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.graph_writer import insert_graph
from hmpps_workers.adapters.sql.prison_visits.seed import seed_claim
from hmpps_workers.adapters.sql.prison_visits.tables import CLAIM_TABLES
from hmpps_workers.adapters.sql.tasks import enqueue_task
from hmpps_workers.core.prison_visits.claims.records import ClaimData
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks.model import NewTask, Schema
from hmpps_workers.core.testing.claim_journeys import Journey


def submit_claim(
    engine: sa.Engine, data: ClaimData, *, claim_type: str, now: datetime
) -> ClaimData:
    """Store a submission in ExtSchema with its COMPLETE-CLAIM task, atomically."""
    with engine.begin() as connection:
        stored = insert_graph(connection, CLAIM_TABLES[Schema.EXT], data)
        claim = stored.claim
        enqueue_task(
            connection,
            NewTask(
                task=TaskType.COMPLETE_CLAIM,
                schema=Schema.EXT,
                reference=claim.reference,
                eligibility_id=claim.eligibility_id,
                claim_id=claim.claim_id,
                additional_data=claim_type,
            ),
            now=now,
        )
    return stored


def seed_journey(engine: sa.Engine, journey: Journey, *, now: datetime) -> ClaimData:
    """The worked eligibility into IntSchema, then its next claim submitted."""
    seed_claim(engine, Schema.INT, journey.internal)
    return submit_claim(
        engine, journey.submission, claim_type=journey.claim_type, now=now
    )
