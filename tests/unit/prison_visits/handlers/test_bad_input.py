"""Bad input fails its own task with a clear reason; the rest of the batch runs."""

from __future__ import annotations

import attrs

from hmpps_workers.core.prison_visits.handlers import StepType
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks import Schema
from hmpps_workers.core.testing.claim_builders import claim_graph


def ids(stored):
    claim = stored.claim
    return {
        "reference": claim.reference,
        "eligibility_id": claim.eligibility_id,
        "claim_id": claim.claim_id,
    }


class TestBadInputInOneBatch:
    """Five broken tasks and a good one, all in one IntSchema batch."""

    def test_each_bad_task_fails_with_its_reason_and_the_good_one_completes(
        self, world
    ):
        """Malformed data, a missing claim, no email, an unknown prison; one good."""
        good = world.claims.seed(Schema.INT, claim_graph(reference="GOOD001"))
        unknown_prison = claim_graph(reference="PRIS001", base_id=3000)
        unknown_prison = attrs.evolve(
            unknown_prison,
            prisoner=attrs.evolve(unknown_prison.prisoner, name_of_prison="nowhere"),
            expenses=(attrs.evolve(unknown_prison.expenses[0], travel_to="nowhere"),),
        )
        pris = world.claims.seed(Schema.INT, unknown_prison)
        world.enqueue(
            TaskType.ADVANCE_CLAIM_EVIDENCE_REMINDER_NOTIFICATION,
            additional_data="visitor@example.com~~thirdReminder",
            **ids(good),
        )
        world.enqueue(
            TaskType.SEND_CLAIM_NOTIFICATION,
            additional_data="visitor@example.com",
            reference="GONE001",
            eligibility_id=9,
            claim_id=9999,
        )
        world.enqueue(TaskType.REJECT_CLAIM_NOTIFICATION, **ids(good))
        world.enqueue(StepType.PRICE_CAR_JOURNEYS, **ids(pris))
        world.enqueue(TaskType.DWP_CHECK, claim_id=good.claim.claim_id)
        world.enqueue(
            TaskType.SEND_CLAIM_NOTIFICATION,
            additional_data="visitor@example.com",
            **ids(good),
        )
        report = world.drain()
        reasons = {(f.task_type, f.reason) for f in report.failures}
        assert report.failed == 5
        assert reasons == {
            (
                "ADVANCE-CLAIM-EVIDENCE-REMINDER-NOTIFICATION",
                "ADVANCE-CLAIM-EVIDENCE-REMINDER-NOTIFICATION: Not valid reminder type",
            ),
            (
                "SEND-CLAIM-NOTIFICATION",
                "SEND-CLAIM-NOTIFICATION: claim 9999 (and its visitor) no longer exists",
            ),
            (
                "REJECT-CLAIM-NOTIFICATION",
                "REJECT-CLAIM-NOTIFICATION AdditionalData is not an email address",
            ),
            (
                "PRICE-CAR-JOURNEYS",
                (
                    "claim 3000: prison 'nowhere' is not in the prisons directory"
                    " (APVS_PRISONS_FILE); add it and retry the task; car journeys left"
                    " unpriced: the claim went on to the DWP check with a note for"
                    " caseworkers and will not be auto-approved"
                ),
            ),
            ("DWP-CHECK", "DWP-CHECK task has no Reference, EligibilityId"),
        }
        assert len(world.email.delivered) == 1

    def test_a_claim_gone_before_its_completion_fails_with_a_reason(self, world):
        """COMPLETE-CLAIM for a claim in neither schema says so."""
        world.enqueue(
            TaskType.COMPLETE_CLAIM,
            schema=Schema.EXT,
            reference="GONE002",
            eligibility_id=1,
            claim_id=42,
        )
        report = world.drain()
        assert [f.reason for f in report.failures] == ["claim 42 is not in IntSchema"]

    def test_an_unknown_task_type_fails_and_names_it(self, world):
        """The engine fails unknown types instead of leaving them IN-PROGRESS."""
        world.enqueue("FEEDBACK_SUBMITTED", additional_data="x")
        report = world.drain()
        assert report.failed == 1
