"""Build a prison-to-probation pipeline on any store and lock, with the fake APIs."""

from __future__ import annotations

import itertools

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.prison_to_probation import (
    InterestedPrisons,
    MessageProcessor,
    Pipeline,
    PipelineSettings,
)
from hmpps_workers.core.prison_to_probation.ports import Lock, MessageStore
from hmpps_workers.core.testing.prison_to_probation.world import World


def build_pipeline(
    world: World,
    store: MessageStore,
    lock: Lock,
    clock: Clock,
    *,
    prisons: InterestedPrisons | None = None,
    **settings: object,
) -> Pipeline:
    """A pipeline on the fakes, with ids m1, m2, ... in creation order."""
    prisons = prisons or InterestedPrisons()
    ids = (f"m{n}" for n in itertools.count(1))
    return Pipeline(
        store=store,
        lock=lock,
        prison_api=world.prison_api,
        processor=MessageProcessor.build(
            prison_api=world.prison_api,
            search=world.search,
            community_api=world.community_api,
            telemetry=world.telemetry,
            prisons=prisons,
        ),
        clock=clock,
        owner="test-worker",
        settings=PipelineSettings(prisons=prisons, **settings),  # type: ignore[arg-type]
        new_id=lambda: next(ids),
    )
