"""A whole in-memory prison-visits system per test."""

from __future__ import annotations

import pytest

from hmpps_workers.core.testing.handler_world import HandlerWorld


@pytest.fixture
def world() -> HandlerWorld:
    """Fakes at 11:00 on a Wednesday, so approvals happen at once."""
    return HandlerWorld()
