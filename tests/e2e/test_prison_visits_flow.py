"""`hmpps-workers worker-tasks` runs submitted claims through every step, end to end.

The runner is a subprocess against SQLite or PostgreSQL, with fake Notify, DWP and
distance servers on loopback, found through the original's variable names.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import attrs
import pytest

from hmpps_workers.adapters.sql.prison_visits.daily_store import (
    SqlDeferredApprovalStore,
)
from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from hmpps_workers.adapters.sql.prison_visits.seed import seed_claim
from hmpps_workers.adapters.sql.prison_visits.seed_journeys import (
    seed_journey,
    submit_claim,
)
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.adapters.testing.bundle import FakeServices
from hmpps_workers.core.prison_visits.approval import is_office_hours
from hmpps_workers.core.prison_visits.email.templates import Template
from hmpps_workers.core.tasks import Schema, TaskFilter
from hmpps_workers.core.testing.claim_builders import claim_graph
from hmpps_workers.core.testing.claim_journeys import (
    approvable_journey,
    priced_car_cost,
    same_day_visit,
)
from support import runner

TEMPLATES = {t.default_id: t.name for t in Template}


@pytest.fixture(scope="module")
def fakes():
    with FakeServices(with_s3=False) as services:
        yield services


def sent_templates(fakes) -> Counter[str]:
    return Counter(TEMPLATES[n["template"]["id"]] for n in fakes.notify.sent)


def internal(engine, stored):
    claim = stored.claim
    return SqlClaimRepository(engine).claim_data(
        Schema.INT,
        reference=claim.reference,
        eligibility_id=claim.eligibility_id,
        claim_id=claim.claim_id,
    )


class TestSubmittedClaimsThroughTheRunner:
    """Two submissions: one approvable repeat claim, one whose benefit DWP doubts."""

    def test_each_claim_is_moved_priced_checked_decided_and_emailed(
        self, database, fakes
    ):
        """Every task completes; statuses, prices, events and emails are as planned."""
        url, engine = database
        fakes.notify.sent.clear()
        now = datetime.now(UTC)
        approvable = seed_journey(engine, approvable_journey(now), now=now)
        doubted = submit_claim(
            engine, claim_graph(reference="DOUBT01"), claim_type="first-time", now=now
        )
        env = {"APVS_DATABASE_URL": url, **fakes.environment()}
        env["APVS_ZENDESK_ENABLED"] = "false"
        in_hours_before = is_office_hours(datetime.now(UTC))
        result = runner.run(["worker-tasks"], env)
        in_hours_after = is_office_hours(datetime.now(UTC))
        assert result.returncode == 0, result.stderr

        tasks = SqlTaskStore(engine).find(TaskFilter(limit=100), now=now)
        assert {str(t.status) for t in tasks} == {"COMPLETE"}

        approved = internal(engine, approvable)
        (car,) = [e for e in approved.expenses if e.expense_type == "car"]
        assert car.cost == priced_car_cost("AA1 1AA")
        assert approved.visitor.dwp_benefit_checker_result == "YES"
        doubted_data = internal(engine, doubted)
        assert doubted_data.claim.status == "REQUEST-INFORMATION"
        assert [e.event for e in doubted_data.events] == [
            "CLAIM-SUBMITTED",
            "CLAIM-REQUEST-INFORMATION",
        ]
        expected = Counter({"SUBMIT_CLAIM": 2, "REQUEST_INFORMATION_CLAIM": 1})
        if in_hours_before and in_hours_after:
            assert approved.claim.status == "AUTO-APPROVED"
            assert [e.event for e in approved.events] == [
                "CLAIM-SUBMITTED",
                "CLAIM-AUTO-APPROVED",
            ]
            expected["ACCEPTED_CLAIM_BANK"] = 1
            assert sent_templates(fakes) == expected
        elif not (in_hours_before or in_hours_after):
            assert approved.claim.status == "NEW"
            deferred = SqlDeferredApprovalStore(engine).deferred_approvals()
            assert [d.claim_id for d in deferred] == [approved.claim.claim_id]
            assert sent_templates(fakes) == expected

    def test_a_claim_that_fails_a_rule_gets_the_failure_event(self, database, fakes):
        """An untrusted claimant's claim stays NEW with AUTO-APPROVAL-FAILURE."""
        url, engine = database
        now = datetime.now(UTC)
        journey = approvable_journey(now, reference="UNTRUST")
        journey = attrs.evolve(
            journey,
            internal=attrs.evolve(
                journey.internal,
                eligibility=attrs.evolve(
                    journey.internal.eligibility, is_trusted=False
                ),
            ),
        )
        stored = seed_journey(engine, journey, now=now)
        env = {"APVS_DATABASE_URL": url, **fakes.environment()}
        env["APVS_ZENDESK_ENABLED"] = "false"
        result = runner.run(["worker-tasks"], env)
        assert result.returncode == 0, result.stderr
        data = internal(engine, stored)
        assert data.claim.status == "NEW"
        assert [e.event for e in data.events] == [
            "CLAIM-SUBMITTED",
            "AUTO-APPROVAL-FAILURE",
        ]

    def test_a_prisoner_visited_that_day_under_another_eligibility_is_not_approved(
        self, database, fakes
    ):
        """prisoner-not-visited-on-this-date fails: NEW, with the original's text."""
        url, engine = database
        now = datetime.now(UTC)
        journey = approvable_journey(now, reference="SAMEDAY")
        stored = seed_journey(engine, journey, now=now)
        seed_claim(engine, Schema.INT, same_day_visit(journey, reference="OTHER01"))
        env = {"APVS_DATABASE_URL": url, **fakes.environment()}
        env["APVS_ZENDESK_ENABLED"] = "false"
        result = runner.run(["worker-tasks"], env)
        assert result.returncode == 0, result.stderr
        data = internal(engine, stored)
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
