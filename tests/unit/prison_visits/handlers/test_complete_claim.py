"""COMPLETE-CLAIM moves a submission and queues its follow-on work atomically."""

from __future__ import annotations

import attrs

from hmpps_workers.core.prison_visits.handlers import StepType
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks import Schema
from hmpps_workers.core.testing.claim_builders import (
    claim_graph,
    repeat_claim,
    with_contact_update,
)
from support.handlers import events, internal_claim, task_summary


def complete_only(world):
    """Run just the ExtSchema batch (COMPLETE-CLAIM), not its follow-on tasks."""
    return world.worker().run_batch(Schema.EXT)


class TestCompleteClaim:
    """The move, its event and its follow-on tasks commit together."""

    def test_a_submission_moves_to_intschema_with_its_follow_on_tasks(self, world):
        """The claim is NEW in IntSchema, gone from ExtSchema, with two new tasks."""
        stored = world.submit(claim_graph(reference="CMP0001"))
        complete_only(world)
        claim_id = stored.claim.claim_id
        assert internal_claim(world, claim_id).status == "NEW"
        assert world.claims.store.where(Schema.EXT, type(stored.claim), bool) == []
        assert events(world, claim_id) == ["CLAIM-SUBMITTED"]
        assert task_summary(world) == [
            ("ExtSchema", TaskType.COMPLETE_CLAIM, "COMPLETE"),
            ("IntSchema", TaskType.SEND_CLAIM_NOTIFICATION, "PENDING"),
            ("IntSchema", StepType.PRICE_CAR_JOURNEYS, "PENDING"),
        ]

    def test_the_confirmation_goes_to_the_visitor_email(self, world):
        """SEND-CLAIM-NOTIFICATION carries the visitor's address."""
        world.submit(claim_graph(reference="CMP0002"))
        complete_only(world)
        (send,) = [t for t in world.tasks() if t.task == "SEND-CLAIM-NOTIFICATION"]
        assert send.additional_data == "visitor@example.com"

    def test_a_claim_without_car_journeys_to_price_goes_straight_to_dwp(self, world):
        """With no zero-cost car journey, DWP-CHECK follows at once."""
        graph = claim_graph(reference="CMP0003")
        graph = attrs.evolve(graph, expenses=graph.expenses[1:])
        world.submit(graph)
        complete_only(world)
        assert [t.task for t in world.tasks()][1:] == [
            TaskType.SEND_CLAIM_NOTIFICATION,
            TaskType.DWP_CHECK,
        ]

    def test_a_repeat_claim_with_new_contact_details_is_confirmed_to_the_new_address(
        self, world
    ):
        """The contact-detail update's email is the one the confirmation goes to."""
        first = world.claims.seed(Schema.INT, claim_graph(reference="CMP0004"))
        repeat = with_contact_update(repeat_claim(first, base_id=1), email="n@x.test")
        world.submit(repeat, "repeat")
        complete_only(world)
        (send,) = [t for t in world.tasks() if t.task == "SEND-CLAIM-NOTIFICATION"]
        assert send.additional_data == "n@x.test"

    def test_a_repeat_claim_is_confirmed_to_the_intschema_visitor(self, world):
        """With no update, the eligibility's IntSchema visitor is emailed."""
        first = world.claims.seed(Schema.INT, claim_graph(reference="CMP0005"))
        world.submit(repeat_claim(first, base_id=1), "repeat")
        complete_only(world)
        (send,) = [t for t in world.tasks() if t.task == "SEND-CLAIM-NOTIFICATION"]
        assert send.additional_data == "visitor@example.com"

    def test_running_again_after_the_move_does_nothing(self, world):
        """A second COMPLETE-CLAIM for a moved claim completes with no new tasks."""
        stored = world.submit(claim_graph(reference="CMP0006"))
        complete_only(world)
        claim = stored.claim
        world.enqueue(
            TaskType.COMPLETE_CLAIM,
            schema=Schema.EXT,
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
        )
        complete_only(world)
        assert [t.task for t in world.tasks()].count("SEND-CLAIM-NOTIFICATION") == 1
        assert [str(t.status) for t in world.tasks() if t.schema is Schema.EXT] == [
            "COMPLETE",
            "COMPLETE",
        ]

    def test_a_move_that_fails_leaves_no_follow_on_tasks(self, world):
        """The IntSchema insert refusing (a duplicate claim) writes nothing at all."""
        stored = world.submit(claim_graph(reference="CMP0007"))
        world.claims.seed(
            Schema.INT,
            claim_graph(reference="OTHER01", base_id=stored.claim.claim_id),
        )
        complete_only(world)
        assert task_summary(world)[0][2] == "FAILED"
        assert len(world.tasks()) == 1
