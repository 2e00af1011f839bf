"""Smoke checks against a deployed environment named by HMPPS_WORKERS_SMOKE_* variables.

Read-only: they look, they never write. `nox -s smoke` skips cleanly without a target.
"""

from __future__ import annotations

import json
import os
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest

from hmpps_workers.adapters.sql import migrations
from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.tasks import TaskFilter

DATABASE_URL = os.environ.get("HMPPS_WORKERS_SMOKE_DATABASE_URL", "")
P2P_URL = os.environ.get("HMPPS_WORKERS_SMOKE_P2P_URL", "").rstrip("/")


@pytest.fixture(scope="module")
def engine():
    if not DATABASE_URL:
        pytest.skip("HMPPS_WORKERS_SMOKE_DATABASE_URL is not set")
    engine = create_database_engine(DATABASE_URL)
    yield engine
    engine.dispose()


class TestPrisonVisitsDatabase:
    """The worker's database is reachable and migrated."""

    def test_the_task_tables_answer(self, engine):
        """Counting tasks per status works with the worker's login."""
        counts = SqlTaskStore(engine).counts()
        assert all(count >= 0 for count in counts.values())

    def test_every_migration_step_is_applied(self, engine):
        """No additive migration step is still pending."""
        assert [type(step).__name__ for step in migrations.pending(engine)] == []

    def test_nothing_is_stranded(self, engine):
        """No task has sat IN-PROGRESS with a lease that expired over an hour ago."""
        now = datetime.now(UTC)
        in_progress = SqlTaskStore(engine).find(
            TaskFilter(statuses=("IN-PROGRESS",), limit=1000), now=now
        )
        stranded = [
            t.describe()
            for t in in_progress
            if t.lease_expires is not None
            and t.lease_expires < now - timedelta(hours=1)
        ]
        assert stranded == []


class TestPrisonToProbationService:
    """The service answers its health endpoints."""

    def test_health_is_up(self):
        """/health/ping says UP."""
        if not P2P_URL:
            pytest.skip("HMPPS_WORKERS_SMOKE_P2P_URL is not set")
        with urllib.request.urlopen(f"{P2P_URL}/health/ping", timeout=10) as response:  # noqa: S310
            assert json.loads(response.read())["status"] == "UP"
