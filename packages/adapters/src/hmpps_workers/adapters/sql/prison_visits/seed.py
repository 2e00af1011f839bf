"""Put built claim graphs into a database: for integration tests and the demo."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.graph_writer import insert_graph
from hmpps_workers.adapters.sql.prison_visits.tables import CLAIM_TABLES
from hmpps_workers.adapters.sql.tasks import enqueue_task
from hmpps_workers.core.clock import UK
from hmpps_workers.core.prison_visits.claims.records import ClaimData, TopUp
from hmpps_workers.core.tasks.model import NewTask, Schema
from hmpps_workers.core.testing.claim_builders import (
    claim_graph,
    evolve_claim,
    internal_extras,
    repeat_claim,
    with_contact_update,
)

COMPLETE_CLAIM = "COMPLETE-CLAIM"
DEMO_INTERNAL_BASE_ID = 100_000
"""IntSchema demo ids start here, far above the ExtSchema identities a demo uses."""


def seed_claim(engine: sa.Engine, schema: Schema, data: ClaimData) -> ClaimData:
    """Insert `data` into `schema` in one transaction; returns it with stored ids.

    Into ExtSchema the identities allocate the ids, as for a claimant's submission;
    into IntSchema the graph's own ids are kept, as after a claim move.
    """
    with engine.begin() as connection:
        return insert_graph(connection, CLAIM_TABLES[schema], data)


@attrs.frozen(kw_only=True)
class DemoClaims:
    """What `seed_demo_claims` stored: submitted claims and worked ones."""

    submitted: tuple[ClaimData, ...]
    internal: tuple[ClaimData, ...]


def _uk_midnight(now: datetime, days_ago: int) -> datetime:
    day = now.astimezone(UK).date() - timedelta(days=days_ago)
    return datetime.combine(day, time(), tzinfo=UK)


def _internal_claims(now: datetime) -> list[ClaimData]:
    """Worked IntSchema claims, one per state a daily job or handler looks for."""
    base = DEMO_INTERNAL_BASE_ID

    def graph(n: int, *, journey_days_ago: int = 14, **claim: object) -> ClaimData:
        data = internal_extras(
            claim_graph(reference=f"DEMO1{n:02d}", base_id=base + 100 * n), now=now
        )
        return evolve_claim(
            data,
            date_of_journey=_uk_midnight(now, journey_days_ago),
            date_submitted=now - timedelta(days=10),
            date_created=now - timedelta(days=10),
            **claim,
        )

    reviewed = now - timedelta(days=3)
    approved = graph(
        4,
        status="AUTO-APPROVED",
        date_reviewed=reviewed,
        date_approved=reviewed,
        claim_type="repeat",
    )
    approved = attrs.evolve(
        approved,
        expenses=tuple(
            attrs.evolve(e, status="APPROVED", approved_cost=e.cost or Decimal("12.40"))
            for e in approved.expenses
        ),
    )
    paid = graph(
        5,
        status="APPROVED",
        date_reviewed=reviewed,
        payment_status="PROCESSED",
        payment_date=reviewed,
    )
    paid = attrs.evolve(
        paid,
        top_ups=(
            TopUp(
                top_up_id=None,
                claim_id=paid.claim.claim_id,
                payment_status="PENDING",
                caseworker="caseworker@example.com",
                reason="Parking receipt arrived late",
                top_up_amount=Decimal("6.50"),
                date_added=reviewed,
            ),
        ),
    )
    return [
        graph(1, status="NEW"),
        graph(2, status="PENDING", last_updated=now - timedelta(days=40)),
        graph(
            3,
            status="APPROVED",
            is_advance_claim=True,
            journey_days_ago=1,
            date_reviewed=reviewed,
        ),
        approved,
        paid,
        graph(6, status="REJECTED", date_reviewed=now - timedelta(days=800)),
    ]


def _submitted_claims(repeat_of: ClaimData) -> list[tuple[ClaimData, str]]:
    """ExtSchema submissions and their claim types."""
    first = claim_graph(reference="DEMO001")
    payout = evolve_claim(claim_graph(reference="DEMO002"), payment_method="payout")
    payout = attrs.evolve(
        payout,
        bank_detail=None,
        documents=(attrs.evolve(payout.documents[0], document_status="post-later"),),
    )
    repeat = with_contact_update(
        repeat_claim(repeat_of, base_id=1), email="moved@example.com"
    )
    return [(first, "first-time"), (payout, "first-time"), (repeat, "repeat")]


def seed_demo_claims(engine: sa.Engine, *, now: datetime) -> DemoClaims:
    """Seed a realistic set of claims into an empty claims database, for the demo.

    IntSchema holds worked claims in the states the daily jobs and the payment run
    look for; ExtSchema holds three submissions (first-time by bank, first-time by
    payout with evidence to post, and a repeat claim with new contact details), each
    with the COMPLETE-CLAIM task the external site would have queued.
    """
    internal = tuple(seed_claim(engine, Schema.INT, g) for g in _internal_claims(now))
    submitted = []
    with engine.begin() as connection:
        for data, claim_type in _submitted_claims(internal[3]):
            stored = insert_graph(connection, CLAIM_TABLES[Schema.EXT], data)
            claim = stored.claim
            enqueue_task(
                connection,
                NewTask(
                    task=COMPLETE_CLAIM,
                    schema=Schema.EXT,
                    reference=claim.reference,
                    eligibility_id=claim.eligibility_id,
                    claim_id=claim.claim_id,
                    additional_data=claim_type,
                ),
                now=now,
            )
            submitted.append(stored)
    return DemoClaims(submitted=tuple(submitted), internal=internal)
