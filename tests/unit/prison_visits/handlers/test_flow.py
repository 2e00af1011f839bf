"""A submission through every step: priced, checked, approved or not, emailed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs

from hmpps_workers.core.prison_visits.claims.model import ClaimDocument, ClaimExpense
from hmpps_workers.core.prison_visits.claims.records import AutoApproval, ClaimEvent
from hmpps_workers.core.prison_visits.email.templates import Template
from hmpps_workers.core.tasks import Schema
from hmpps_workers.core.testing.claim_builders import claim_graph, repeat_claim
from hmpps_workers.core.testing.claim_journeys import priced_car_cost, same_day_visit
from support.handlers import events, internal_claim, seed_approvable

SATURDAY = datetime(2026, 1, 10, 11, 0, tzinfo=UTC)
RULE_17 = "A claim has already been made for this prisoner on this date"


def templates(world) -> list[str]:
    ids = {t.default_id: t.name for t in Template}
    return [ids[e.template_id] for e in world.email.delivered]


def failure_notes(world, claim_id) -> list[str | None]:
    return [
        e.note
        for e in world.claims.store.where(
            Schema.INT,
            ClaimEvent,
            lambda e: e.claim_id == claim_id and e.event == "AUTO-APPROVAL-FAILURE",
        )
    ]


def expenses(world, claim_id):
    return world.claims.store.where(
        Schema.INT, ClaimExpense, lambda e: e.claim_id == claim_id
    )


class TestApprovableClaim:
    """A repeat claim that passes every rule is approved and both emails go."""

    def test_it_is_priced_checked_approved_and_emailed(self, world):
        """AUTO-APPROVED, car journey priced, two emails, every task COMPLETE."""
        _, stored = seed_approvable(world)
        report = world.drain()
        claim_id = stored.claim.claim_id
        assert (report.completed, report.failed) == (6, 0)
        assert internal_claim(world, claim_id).status == "AUTO-APPROVED"
        (car,) = [e for e in expenses(world, claim_id) if e.expense_type == "car"]
        assert (car.cost, car.approved_cost, car.to_post_code) == (
            priced_car_cost("AA1 1AA"),
            priced_car_cost("AA1 1AA"),
            "B97 6QS",
        )
        assert events(world, claim_id) == ["CLAIM-SUBMITTED", "CLAIM-AUTO-APPROVED"]
        assert templates(world) == ["SUBMIT_CLAIM", "ACCEPTED_CLAIM_BANK"]

    def test_outside_office_hours_it_is_deferred_not_approved(self, world):
        """On a Saturday the approval waits in the AutoApproval table."""
        world.clock.set(SATURDAY)
        _, stored = seed_approvable(world)
        world.drain()
        claim_id = stored.claim.claim_id
        assert internal_claim(world, claim_id).status == "NEW"
        deferred = world.claims.store.rows(Schema.INT, AutoApproval)
        assert [d.claim_id for d in deferred] == [claim_id]
        assert templates(world) == ["SUBMIT_CLAIM"]


class TestClaimNotApproved:
    """A failing rule leaves the claim to a caseworker, with the reasons."""

    def test_an_untrusted_claimant_gets_the_failure_event_and_no_approval(self, world):
        """AUTO-APPROVAL-FAILURE names the rule; only the confirmation is sent."""
        journey, stored = seed_approvable(world, reference="UNTR001")
        eligibility = journey.internal.eligibility
        world.claims.store.put(Schema.INT, attrs.evolve(eligibility, is_trusted=False))
        world.drain()
        claim_id = stored.claim.claim_id
        assert internal_claim(world, claim_id).status == "NEW"
        assert events(world, claim_id) == ["CLAIM-SUBMITTED", "AUTO-APPROVAL-FAILURE"]
        assert templates(world) == ["SUBMIT_CLAIM"]

    def test_a_prisoner_another_eligibility_visited_that_day_fails_rule_17(self, world):
        """prisoner-not-visited-on-this-date fails, alone, with the original's text."""
        journey, stored = seed_approvable(world)
        world.claims.seed(Schema.INT, same_day_visit(journey))
        world.drain()
        claim_id = stored.claim.claim_id
        assert internal_claim(world, claim_id).status == "NEW"
        assert failure_notes(world, claim_id) == [f"* {RULE_17}"]

    def test_the_claimants_own_second_claim_that_day_is_not_another_visit(self, world):
        """Rule 17 counts eligibilities: the claimant's own claims are one visit."""
        journey, stored = seed_approvable(world)
        day = journey.submission.claim.date_of_journey
        world.claims.seed(
            Schema.INT,
            repeat_claim(
                journey.internal,
                base_id=400_000,
                status="REJECTED",
                date_of_journey=day + timedelta(hours=10),
            ),
        )
        world.drain()
        claim_id = stored.claim.claim_id
        expected = ("AUTO-APPROVED", [])
        actual = (
            internal_claim(world, claim_id).status,
            failure_notes(world, claim_id),
        )
        assert expected == actual

    def test_a_first_time_claim_is_never_considered(self, world):
        """First-time claims go to a caseworker with no event (DWP said YES)."""
        graph = claim_graph(reference="FIRST01")
        graph = attrs.evolve(
            graph,
            visitor=attrs.evolve(graph.visitor, national_insurance_number="QQ1A"),
        )
        stored = world.submit(graph)
        world.drain()
        claim_id = stored.claim.claim_id
        assert internal_claim(world, claim_id).status == "NEW"
        assert events(world, claim_id) == ["CLAIM-SUBMITTED"]


class TestBenefitNotConfirmed:
    """DWP cannot confirm a checked benefit: the claimant is asked for evidence."""

    def test_the_claim_waits_for_evidence_and_the_claimant_is_told(self, world):
        """REQUEST-INFORMATION, a placeholder document, the event and the email."""
        stored = world.submit(claim_graph(reference="DWPNO01"))  # NINO ends C
        world.drain()
        claim_id = stored.claim.claim_id
        claim = internal_claim(world, claim_id)
        assert claim.status == "REQUEST-INFORMATION"
        assert events(world, claim_id) == [
            "CLAIM-SUBMITTED",
            "CLAIM-REQUEST-INFORMATION",
        ]
        placeholders = world.claims.store.where(
            Schema.INT,
            ClaimDocument,
            lambda d: d.document_status == "upload-later",
        )
        assert [(d.claim_id, d.document_type) for d in placeholders] == [
            (claim_id, "income-support")
        ]
        assert templates(world) == ["SUBMIT_CLAIM", "REQUEST_INFORMATION_CLAIM"]
