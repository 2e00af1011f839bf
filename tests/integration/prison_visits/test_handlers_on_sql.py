"""The prison-visits registry on SQL: approval at once in office hours, races, retries."""

from __future__ import annotations

import attrs
import pytest

from hmpps_workers.adapters.sql.prison_visits.claim_updates import SqlClaimUpdates
from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from hmpps_workers.adapters.sql.prison_visits.seed import seed_claim
from hmpps_workers.adapters.sql.prison_visits.seed_journeys import seed_journey
from hmpps_workers.core.prison_visits.distance.ports import DistanceRejectedError
from hmpps_workers.core.prison_visits.handlers import ClaimUpdate, StepType
from hmpps_workers.core.prison_visits.pricing import UNPRICED_NOTE
from hmpps_workers.core.tasks import NewTask, Schema, TaskFilter
from hmpps_workers.core.testing.claim_journeys import approvable_journey, same_day_visit
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.handler_world import OFFICE_HOURS
from hmpps_workers.runners.env import Secret
from hmpps_workers.runners.prison_visits import handlers
from hmpps_workers.runners.prison_visits.bootstrap import bootstrap, build_worker
from hmpps_workers.runners.prison_visits.config import DatabaseConfig, WorkerConfig
from hmpps_workers.runners.prison_visits.handlers import fake_integrations


@pytest.fixture
def services(engine):
    config = WorkerConfig(
        database=DatabaseConfig(url=Secret(str(engine.url)), description="test")
    )
    return bootstrap(
        config,
        environ={},
        engine=engine,
        clock=FakeClock(OFFICE_HOURS),
        integrations=fake_integrations({}),
    )


def claim_data(engine, stored):
    claim = stored.claim
    return SqlClaimRepository(engine).claim_data(
        Schema.INT,
        reference=claim.reference,
        eligibility_id=claim.eligibility_id,
        claim_id=claim.claim_id,
    )


class TestRegistryOnSql:
    """The whole catalogue against the SQL adapters, driven by the engine."""

    def test_an_approvable_claim_is_approved_in_office_hours(self, engine, services):
        """AUTO-APPROVED with its event and accept task; every task COMPLETE."""
        now = services.clock.now()
        stored = seed_journey(engine, approvable_journey(now), now=now)
        worker = build_worker(services, handlers.prison_visits(services))
        report = worker.drain()
        assert (report.completed, report.failed) == (6, 0)
        data = claim_data(engine, stored)
        assert data.claim.status == "AUTO-APPROVED"
        assert [e.event for e in data.events] == [
            "CLAIM-SUBMITTED",
            "CLAIM-AUTO-APPROVED",
        ]
        assert {e.status for e in data.expenses} == {"APPROVED"}
        sent = services.integrations.email.delivered
        assert [e.reference for e in sent][-1] == (
            f"hwpv-accepted-claim-{stored.claim.claim_id}"
        )

    def test_two_approval_checks_in_one_batch_approve_once(self, engine, services):
        """The guarded approval writes once; one ACCEPT task, one email."""
        now = services.clock.now()
        stored = seed_journey(engine, approvable_journey(now), now=now)
        worker = build_worker(services, handlers.prison_visits(services))
        worker.run_batch(Schema.EXT)
        claim = stored.claim
        for _ in range(2):
            services.task_store.enqueue(
                NewTask(
                    task=StepType.AUTO_APPROVAL_CHECK,
                    reference=claim.reference,
                    eligibility_id=claim.eligibility_id,
                    claim_id=claim.claim_id,
                ),
                now=now,
            )
        worker.drain()
        data = claim_data(engine, stored)
        assert [e.event for e in data.events].count("CLAIM-AUTO-APPROVED") == 1
        accepts = services.task_store.find(
            TaskFilter(task_types=("ACCEPT-CLAIM-NOTIFICATION",)), now=now
        )
        assert len(accepts) == 1


class TestSameDayVisitOnSql:
    """prisoner-not-visited-on-this-date reads the day's visits from the database."""

    def test_a_prisoner_another_eligibility_visited_that_day_is_not_approved(
        self, engine, services
    ):
        """NEW, with AUTO-APPROVAL-FAILURE carrying the original's text alone."""
        now = services.clock.now()
        journey = approvable_journey(now)
        stored = seed_journey(engine, journey, now=now)
        seed_claim(engine, Schema.INT, same_day_visit(journey))
        build_worker(services, handlers.prison_visits(services)).drain()
        data = claim_data(engine, stored)
        assert (data.claim.status, [(e.event, e.note) for e in data.events]) == (
            "NEW",
            [
                ("CLAIM-SUBMITTED", None),
                (
                    "AUTO-APPROVAL-FAILURE",
                    "* A claim has already been made for this prisoner on this date",
                ),
            ],
        )


class TestUnpricedJourneyOnSql:
    """Pricing gives up on SQL: the claim still reaches DWP-CHECK, noted, unapproved."""

    def test_claim_goes_on_with_a_note_and_is_not_approved(self, engine, services):
        """PRICE-CAR-JOURNEYS FAILED saying so; DWP-CHECK ran; NEW with the note."""
        services.integrations.distance.failures.add(
            DistanceRejectedError("distance API refused the request")
        )
        now = services.clock.now()
        stored = seed_journey(engine, approvable_journey(now), now=now)
        build_worker(services, handlers.prison_visits(services)).drain()
        tasks = {t.task: t for t in services.task_store.find(TaskFilter(), now=now)}
        pricing = tasks[StepType.PRICE_CAR_JOURNEYS]
        assert (str(pricing.status), str(tasks["DWP-CHECK"].status)) == (
            "FAILED",
            "COMPLETE",
        )
        assert "car journeys left unpriced" in (pricing.last_error or "")
        data = claim_data(engine, stored)
        assert data.claim.status == "NEW"
        assert [(e.event, e.note) for e in data.events][1:] == [
            ("FORCED-MANUAL-CHECK", UNPRICED_NOTE)
        ]


class TestSqlClaimUpdates:
    """All of an update or none of it."""

    def test_a_claim_moved_on_writes_nothing(self, engine, services):
        """Expected statuses not met: no event, no task, False."""
        now = services.clock.now()
        stored = seed_journey(engine, approvable_journey(now), now=now)
        (internal,) = SqlClaimRepository(engine).claims_for_eligibility(
            stored.claim.eligibility_id
        )
        update = ClaimUpdate(
            claim_id=internal.claim_id,
            eligibility_id=internal.eligibility_id,
            reference=internal.reference,
            now=now,
            expected_statuses={"NEW"},
            new_status="REQUEST-INFORMATION",
            follow_on_tasks=(NewTask(task="DWP-FAILED-NOTIFICATION"),),
        )
        assert SqlClaimUpdates(engine).apply(update) is False
        assert SqlClaimUpdates(engine).apply(
            attrs.evolve(update, expected_statuses={"APPROVED"})
        )
        tasks = services.task_store.find(
            TaskFilter(task_types=("DWP-FAILED-NOTIFICATION",)), now=now
        )
        assert len(tasks) == 1
