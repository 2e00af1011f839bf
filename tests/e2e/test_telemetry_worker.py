"""The prison-visits worker exports task outcomes, batches, tasks and their calls.

Two submitted claims run through `worker-tasks` against the fake Notify, DWP and
distance services; the fake ingestion endpoint records what the exporter posts.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hmpps_workers.adapters.sql.prison_visits.seed_journeys import (
    seed_journey,
    submit_claim,
)
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.adapters.testing.app_insights import FakeAppInsights
from hmpps_workers.adapters.testing.bundle import FakeServices
from hmpps_workers.core.tasks import TaskFilter
from hmpps_workers.core.testing.claim_builders import claim_graph
from hmpps_workers.core.testing.claim_journeys import approvable_journey
from support import runner
from support.personal_data import exported_leaks

# The exporter names PostgreSQL dependencies by system, the rest "SQL".
SQL_TYPES = {"SQL", "postgresql"}


@pytest.fixture(scope="module")
def fakes():
    with FakeServices(with_s3=False) as services:
        yield services


@pytest.fixture
def worker_run(database, fakes):
    """Seed two claims, run the worker with telemetry on, return (fake, tasks)."""
    url, engine = database
    now = datetime.now(UTC)
    seed_journey(engine, approvable_journey(now), now=now)
    submit_claim(engine, claim_graph(reference="DOUBT01"), claim_type="first-time",
                 now=now)  # fmt: skip
    with FakeAppInsights() as app_insights:
        env = {
            "APVS_DATABASE_URL": url,
            **fakes.environment(),
            "APVS_ZENDESK_ENABLED": "false",
            "APPINSIGHTS_INSTRUMENTATIONKEY": "ignored-when-a-string-is-set",
            "APPLICATIONINSIGHTS_CONNECTION_STRING": app_insights.connection_string,
            "OTEL_TRACES_SAMPLER": "microsoft.fixed_percentage",  # every trace
            "OTEL_TRACES_SAMPLER_ARG": "1.0",
            "APPLICATIONINSIGHTS_ROLE_INSTANCE": "worker-pod-1",
        }
        result = runner.run(["worker-tasks"], env)
        assert result.returncode == 0, result.stderr
        tasks = SqlTaskStore(engine).find(TaskFilter(limit=100), now=now)
        yield app_insights, tasks


def _name(envelope):
    return envelope["data"]["baseData"]["name"]


class TestWorkerTelemetry:
    """What Application Insights receives from `worker-tasks`."""

    def test_each_task_is_reported_completed_with_its_type_and_schema(self, worker_run):
        """One TaskCompleted per task, as the table says."""
        fake, tasks = worker_run
        reported = sorted(
            (e["properties"]["taskType"], e["properties"]["schema"],
             e["properties"]["outcome"])
            for e in fake.events("TaskCompleted")
        )  # fmt: skip
        expected = sorted((t.task, str(t.schema), "completed") for t in tasks)
        assert (reported, fake.events("TaskFailed")) == (expected, [])

    def test_outside_calls_hang_off_their_task_and_batch(self, worker_run):
        """HTTP dependency -> task span -> worker batch request, one operation."""
        fake, _ = worker_run
        by_id = {e["data"]["baseData"]["id"]: e for e in fake.envelopes
                 if e["data"]["baseType"] in {"RequestData", "RemoteDependencyData"}}  # fmt: skip
        chains = set()
        for dependency in fake.of_type("RemoteDependencyData"):
            if dependency["data"]["baseData"].get("type") != "HTTP":
                continue
            task = by_id[dependency["tags"]["ai.operation.parentId"]]
            batch = by_id[task["tags"]["ai.operation.parentId"]]
            chains.add((_name(task).split()[0], _name(batch).rsplit(" ", 1)[0],
                        batch["data"]["baseType"]))  # fmt: skip
        assert chains == {("task", "worker batch", "RequestData")}

    def test_sql_is_recorded_as_dependencies_without_parameters(self, worker_run):
        """SQL statements arrive; their values do not (the scan below)."""
        fake, _ = worker_run
        sql = [d for d in fake.of_type("RemoteDependencyData")
               if d["data"]["baseData"].get("type") in SQL_TYPES]  # fmt: skip
        assert len(sql) > 0

    def test_the_role_is_the_original_package_name(self, worker_run):
        """ai.cloud.role as the Node worker set it; instance from the variable."""
        fake, _ = worker_run
        roles = {(e["tags"]["ai.cloud.role"], e["tags"]["ai.cloud.roleInstance"])
                 for e in fake.envelopes}  # fmt: skip
        assert roles == {
            ("help-with-prison-visits-asynchronous-worker", "worker-pod-1")
        }

    def test_nothing_personal_arrives(self, worker_run):
        """The scan of everything exported finds nothing."""
        fake, _ = worker_run
        assert exported_leaks(fake.envelopes) == []


class TestTelemetryOff:
    """Without a connection string the worker sends nothing."""

    def test_no_connection_string_no_telemetry(self, database, fakes):
        """The run succeeds and the fake endpoint hears nothing."""
        url, _ = database
        with FakeAppInsights() as app_insights:
            env = {"APVS_DATABASE_URL": url, **fakes.environment(),
                   "APVS_ZENDESK_ENABLED": "false"}  # fmt: skip
            result = runner.run(["worker-tasks"], env)
            assert (result.returncode, app_insights.requests) == (0, [])
        assert "Application Insights is on" not in result.stderr
