"""DWP-CHECK never asks about the wrong person, and a new status reaches a person."""

from __future__ import annotations

import attrs
import pytest

from hmpps_workers.core.prison_visits.benefits.ports import (
    BenefitCheckResult,
    UnknownBenefitStatusError,
)
from hmpps_workers.core.prison_visits.claims.model import Visitor
from hmpps_workers.core.prison_visits.claims.records import ClaimEvent
from hmpps_workers.core.prison_visits.handlers.benefits import (
    HOLDER_MISSING_NOTE,
    UNKNOWN_STATUS_NOTE,
)
from hmpps_workers.core.tasks import Schema
from hmpps_workers.core.testing.claim_builders import claim_graph
from support.handlers import internal_claim, task_summary


def notes(world, claim_id) -> list[tuple[str, str | None]]:
    return [
        (e.event, e.note)
        for e in world.claims.store.where(
            Schema.INT, ClaimEvent, lambda e: e.claim_id == claim_id
        )
        if e.event != "CLAIM-SUBMITTED"
    ]


def visitor(world, claim_id) -> Visitor:
    eligibility_id = internal_claim(world, claim_id).eligibility_id
    (found,) = world.claims.store.where(
        Schema.INT, Visitor, lambda v: v.eligibility_id == eligibility_id
    )
    return found


class TestBenefitHolderMissing:
    """Someone else holds the benefit, but there is no Benefit row."""

    def test_nobody_is_checked_and_the_claim_is_left_to_a_caseworker(self, world):
        """No DWP call; a caseworker note; NEW; no approval check; task COMPLETE."""
        graph = claim_graph(reference="HOLDER1")
        assert graph.visitor is not None
        graph = attrs.evolve(
            graph,
            visitor=attrs.evolve(graph.visitor, benefit_owner="no"),
            benefit=None,
        )
        stored = world.submit(graph)
        report = world.drain()
        claim_id = stored.claim.claim_id
        assert (report.failed, world.benefits.checks) == (0, [])
        assert notes(world, claim_id) == [("FORCED-MANUAL-CHECK", HOLDER_MISSING_NOTE)]
        assert internal_claim(world, claim_id).status == "NEW"
        assert "AUTO-APPROVAL-CHECK" not in {t for _, t, _ in task_summary(world)}


class TestUnknownBenefitStatus:
    """The checker answers with a status nobody has seen before."""

    def test_status_is_stored_and_the_claim_left_to_a_caseworker(self, world):
        """Stored on the visitor, a caseworker note, NEW, no evidence request."""
        world.benefits.failures.add(UnknownBenefitStatusError("PENDING-REVIEW"))
        stored = world.submit(claim_graph(reference="STATUS1"))
        report = world.drain()
        claim_id = stored.claim.claim_id
        assert report.failed == 0
        assert visitor(world, claim_id).dwp_benefit_checker_result == "PENDING-REVIEW"
        assert notes(world, claim_id) == [("FORCED-MANUAL-CHECK", UNKNOWN_STATUS_NOTE)]
        assert internal_claim(world, claim_id).status == "NEW"

    def test_parse_keeps_the_status_out_of_the_message(self):
        """The error names no value; the status travels on the exception."""
        with pytest.raises(UnknownBenefitStatusError) as caught:
            BenefitCheckResult.parse(" pending-review ")
        assert (str(caught.value), caught.value.status) == (
            "benefit checker answered with an unknown status",
            "PENDING-REVIEW",
        )


class TestTechnicalHelpWithBlanks:
    """An empty name or issue still raises a ticket, as in the original."""

    def test_empty_name_raises_a_ticket(self, world):
        """The ticket goes to the helpdesk with the empty name; the task completes."""
        world.enqueue(
            "TECHNICAL_HELP_SUBMITTED", additional_data="~~visitor@example.com~~Help"
        )
        report = world.drain()
        (ticket,) = world.helpdesk.tickets.values()
        assert (report.completed, ticket.requester_name, ticket.body) == (1, "", "Help")
