"""A claim whose car journey cannot be priced still reaches the benefit check."""

from __future__ import annotations

import attrs
import pytest

from hmpps_workers.core.prison_visits.claims.records import ClaimEvent
from hmpps_workers.core.prison_visits.distance.ports import (
    DistanceRejectedError,
    DistanceUnavailableError,
)
from hmpps_workers.core.prison_visits.handlers import StepType
from hmpps_workers.core.prison_visits.pricing import (
    UNPRICED_NOTE,
    has_unpriced_car_journeys,
)
from hmpps_workers.core.prison_visits.prisons import Prison, PrisonDirectory
from hmpps_workers.core.tasks import Schema, TaskFilter, TaskStatus
from hmpps_workers.core.testing.claim_builders import claim_graph
from hmpps_workers.core.testing.claim_journeys import HEWELL_POSTCODE
from support.handlers import events, internal_claim, seed_approvable

GAVE_UP = (
    "car journeys left unpriced: the claim went on to the DWP check with a note for"
    " caseworkers and will not be auto-approved"
)


def statuses(world) -> dict[str, str]:
    return {t.task: str(t.status) for t in world.tasks() if t.schema is Schema.INT}


def pricing_task(world):
    (task,) = [t for t in world.tasks() if t.task == StepType.PRICE_CAR_JOURNEYS]
    return task


def unpriced_note(world, claim_id) -> list[str | None]:
    return [
        e.note
        for e in world.claims.store.where(
            Schema.INT, ClaimEvent, lambda e: e.claim_id == claim_id
        )
        if e.event == "FORCED-MANUAL-CHECK"
    ]


class TestPricingGivesUp:
    """PRICE-CAR-JOURNEYS ends FAILED, and the claim goes on without approval."""

    @pytest.mark.parametrize(
        ("error", "times"),
        [
            (DistanceRejectedError("distance API refused the request"), 1),
            (DistanceUnavailableError("distance API unavailable"), 3),
        ],
        ids=["permanent error", "retries used up"],
    )
    def test_claim_is_benefit_checked_noted_and_not_approved(self, world, error, times):
        """DWP-CHECK and AUTO-APPROVAL-CHECK run; the claim stays NEW with a note."""
        world.distance.failures.add(error, times=times)
        _, stored = seed_approvable(world)
        claim_id = stored.claim.claim_id
        world.drain()
        task = pricing_task(world)
        assert (str(task.status), task.last_error.endswith(GAVE_UP)) == (
            TaskStatus.FAILED,
            True,
        )
        assert statuses(world)["DWP-CHECK"] == TaskStatus.COMPLETE
        assert statuses(world)["AUTO-APPROVAL-CHECK"] == TaskStatus.COMPLETE
        assert internal_claim(world, claim_id).status == "NEW"
        assert unpriced_note(world, claim_id) == [UNPRICED_NOTE]
        assert "CLAIM-AUTO-APPROVED" not in events(world, claim_id)

    def test_prison_missing_from_the_directory_sends_the_claim_on(self, world):
        """The unknown-prison failure also queues the benefit check."""
        world.with_ports(prisons=PrisonDirectory.of([]))
        _, stored = seed_approvable(world)
        world.drain()
        task = pricing_task(world)
        assert "is not in the prisons directory" in (task.last_error or "")
        assert task.last_error.endswith(GAVE_UP)
        assert statuses(world)["DWP-CHECK"] == TaskStatus.COMPLETE
        assert internal_claim(world, stored.claim.claim_id).status == "NEW"

    def test_retried_after_the_fix_the_claim_is_priced_and_approved(self, world):
        """Add the prison, retry the task: priced, checked again, auto-approved."""
        world.with_ports(prisons=PrisonDirectory.of([]))
        _, stored = seed_approvable(world)
        world.drain()
        hewell = Prison(
            value="hewell",
            display_name="Hewell",
            region="ENG",
            postcode=HEWELL_POSTCODE,
        )
        world.with_ports(prisons=PrisonDirectory.of([hewell]))
        requeued = world.claims.tasks.requeue(
            TaskFilter(statuses=(TaskStatus.FAILED,)), now=world.clock.now()
        )
        world.drain()
        assert requeued == 1
        assert internal_claim(world, stored.claim.claim_id).status == "AUTO-APPROVED"


class TestUnpricedMarker:
    """Whether auto-approval holds a claim back for an unpriced journey."""

    def test_note_with_a_journey_still_unpriced_holds_the_claim(self):
        """The note and a zero-cost car journey without a distance: held."""
        graph = claim_graph()
        note = ClaimEvent(
            eligibility_id=1,
            claim_id=graph.claim.claim_id,
            reference="R",
            date_added=graph.claim.date_created,
            event="FORCED-MANUAL-CHECK",
            note=UNPRICED_NOTE,
        )
        assert has_unpriced_car_journeys((note,), graph.expenses)

    def test_journey_priced_later_releases_the_claim(self):
        """Once the car journey has a distance, the note no longer holds it."""
        graph = claim_graph()
        priced = tuple(
            attrs.evolve(e, distance=e.cost) if e.expense_type == "car" else e
            for e in graph.expenses
        )
        note = ClaimEvent(
            eligibility_id=1,
            claim_id=graph.claim.claim_id,
            reference="R",
            date_added=graph.claim.date_created,
            event="FORCED-MANUAL-CHECK",
            note=UNPRICED_NOTE,
        )
        assert not has_unpriced_car_journeys((note,), priced)

    def test_no_note_no_hold(self):
        """Pricing switched off leaves journeys unpriced without holding claims."""
        assert not has_unpriced_car_journeys((), claim_graph().expenses)
