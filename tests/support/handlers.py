"""Readers for what the in-memory prison-visits system did, for handler tests."""

from __future__ import annotations

from hmpps_workers.core.prison_visits.claims.model import Claim
from hmpps_workers.core.prison_visits.claims.records import ClaimEvent
from hmpps_workers.core.tasks import Schema
from hmpps_workers.core.testing.claim_journeys import approvable_journey
from hmpps_workers.core.testing.handler_world import HandlerWorld


def internal_claim(world: HandlerWorld, claim_id: int) -> Claim:
    (claim,) = world.claims.store.where(
        Schema.INT, Claim, lambda c: c.claim_id == claim_id
    )
    return claim


def events(world: HandlerWorld, claim_id: int) -> list[str]:
    return [
        e.event
        for e in world.claims.store.where(
            Schema.INT, ClaimEvent, lambda e: e.claim_id == claim_id
        )
    ]


def task_summary(world: HandlerWorld) -> list[tuple[str, str, str]]:
    return [(t.schema.value, t.task, str(t.status)) for t in world.tasks()]


def seed_approvable(world: HandlerWorld, **kwargs):
    journey = approvable_journey(world.clock.now(), **kwargs)
    world.claims.seed(Schema.INT, journey.internal)
    return journey, world.submit(journey.submission, "repeat")
