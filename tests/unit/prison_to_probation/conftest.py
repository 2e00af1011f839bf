"""Fixtures for the prison-to-probation unit tests: the fake world and a pipeline."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from hmpps_workers.core.prison_to_probation import (
    InterestedPrisons,
    MessageProcessor,
    Pipeline,
    PipelineSettings,
)
from hmpps_workers.core.testing import FakeClock
from hmpps_workers.core.testing.prison_to_probation import (
    InMemoryLock,
    InMemoryMessageStore,
)
from hmpps_workers.core.testing.prison_to_probation.world import World


@pytest.fixture
def world() -> World:
    """The fake services, seeded with one sentenced prisoner."""
    world = World()
    world.add_sentenced_prisoner()
    return world


@pytest.fixture
def clock() -> FakeClock:
    """A winter Monday morning."""
    return FakeClock(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))


@pytest.fixture
def store() -> InMemoryMessageStore:
    """An empty message store."""
    return InMemoryMessageStore()


@pytest.fixture
def lock() -> InMemoryLock:
    """A free lock table."""
    return InMemoryLock()


def build_pipeline(
    world: World,
    store: InMemoryMessageStore,
    lock: InMemoryLock,
    clock: FakeClock,
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


@pytest.fixture
def pipeline(world, store, lock, clock) -> Pipeline:
    """A pipeline on the fakes with default settings."""
    return build_pipeline(world, store, lock, clock)
