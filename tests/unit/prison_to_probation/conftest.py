"""Fixtures for the prison-to-probation unit tests: the fake world and a pipeline."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hmpps_workers.core.prison_to_probation import (
    Pipeline,
)
from hmpps_workers.core.testing import FakeClock
from hmpps_workers.core.testing.prison_to_probation import (
    InMemoryLock,
    InMemoryMessageStore,
)
from hmpps_workers.core.testing.prison_to_probation.world import World
from support.prison_to_probation import build_pipeline


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


@pytest.fixture
def pipeline(world, store, lock, clock) -> Pipeline:
    """A pipeline on the fakes with default settings."""
    return build_pipeline(world, store, lock, clock)
