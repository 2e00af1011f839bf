"""Retries and races: no step lost, no claim approved twice, no email sent twice."""

from __future__ import annotations

import attrs

from hmpps_workers.core.errors import RetryableError
from hmpps_workers.core.prison_visits.claims.model import ClaimDocument
from hmpps_workers.core.prison_visits.distance.ports import DistanceUnavailableError
from hmpps_workers.core.prison_visits.email.ports import EmailUnavailableError
from hmpps_workers.core.prison_visits.handlers import StepType
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks import Schema
from hmpps_workers.core.testing.claim_builders import claim_graph
from support.handlers import events, internal_claim, seed_approvable


def claim_fields(stored):
    claim = stored.claim
    return {
        "reference": claim.reference,
        "eligibility_id": claim.eligibility_id,
        "claim_id": claim.claim_id,
    }


def move_only(world):
    world.worker().run_batch(Schema.EXT)


class TestRetriedNotifications:
    """The Notify reference is the task's ids, so a retry finds the earlier send."""

    def test_a_notify_outage_is_retried_and_one_email_goes(self, world):
        """The first send fails; the retry sends it; one email in all."""
        world.email.failures.add(EmailUnavailableError())
        world.submit(claim_graph(reference="RTRY001"))
        report = world.drain()
        assert report.retried == 1
        assert [e.template_id for e in world.email.delivered].count(
            "508b23b3-3f1c-45c2-bdc7-db90e3fae8b0"
        ) == 1

    def test_a_notification_run_twice_sends_once(self, world):
        """Running the same task again (its completion lost) does not email again."""
        stored = world.submit(claim_graph(reference="RTRY002"))
        move_only(world)
        (send,) = [t for t in world.tasks() if t.task == "SEND-CLAIM-NOTIFICATION"]
        handler = world.worker().registry.handler_for(send)
        handler(send)
        handler(send)
        assert len(world.email.delivered) == 1
        assert stored.claim.claim_id == send.claim_id

    def test_two_accept_tasks_for_one_claim_send_one_email(self, world):
        """The acceptance email's reference is the claim's."""
        stored = world.claims.seed(Schema.INT, claim_graph(reference="RTRY003"))
        for _ in range(2):
            world.enqueue(
                TaskType.ACCEPT_CLAIM_NOTIFICATION,
                additional_data="visitor@example.com",
                **claim_fields(stored),
            )
        report = world.drain()
        assert (report.completed, len(world.email.delivered)) == (2, 1)


class TestRacingApprovals:
    """Two checks of one claim in one batch approve it once."""

    def test_two_approval_checks_approve_once_and_email_once(self, world):
        """The second check finds the claim no longer NEW."""
        _, stored = seed_approvable(world, reference="RACE001")
        move_only(world)
        world.enqueue(StepType.AUTO_APPROVAL_CHECK, **claim_fields(stored))
        world.enqueue(StepType.AUTO_APPROVAL_CHECK, **claim_fields(stored))
        report = world.drain()
        claim_id = stored.claim.claim_id
        assert report.failed == 0
        assert events(world, claim_id).count("CLAIM-AUTO-APPROVED") == 1
        accepts = [t for t in world.tasks() if t.task == "ACCEPT-CLAIM-NOTIFICATION"]
        assert len(accepts) == 1
        assert [e.reference for e in world.email.delivered][-1] == (
            f"hwpv-accepted-claim-{claim_id}"
        )

    def test_a_repeated_benefit_check_asks_for_evidence_once(self, world):
        """The request-information step is guarded by the claim's status."""
        stored = world.submit(claim_graph(reference="RACE002"))
        move_only(world)
        world.enqueue(TaskType.DWP_CHECK, **claim_fields(stored))
        world.drain()
        claim_id = stored.claim.claim_id
        assert events(world, claim_id).count("CLAIM-REQUEST-INFORMATION") == 1
        failed = [t for t in world.tasks() if t.task == "DWP-FAILED-NOTIFICATION"]
        assert len(failed) == 1


class TestPricingOutage:
    """A distance outage retries pricing; the benefit check waits for it."""

    def test_dwp_check_is_queued_only_after_the_journeys_are_priced(self, world):
        """The first pricing attempt fails; nothing after it is queued until it works."""
        world.distance.failures.add(DistanceUnavailableError())
        _, stored = seed_approvable(world, reference="DIST001")
        move_only(world)
        worker = world.worker()
        worker.run_batch(Schema.INT)
        assert "DWP-CHECK" not in [t.task for t in world.tasks()]
        world.drain()
        assert internal_claim(world, stored.claim.claim_id).status == "AUTO-APPROVED"


class TestFailedDocumentMove:
    """REQUEST-INFORMATION-RESPONSE stops when its writes fail; nothing is half done."""

    def test_a_failed_write_leaves_the_claim_status_and_tasks_as_they_were(self, world):
        """No status change, no acknowledgement task, and the task is retried."""
        stored = world.claims.seed(
            Schema.INT,
            claim_graph(reference="RIRF001"),
        )
        world.claims.store.put(
            Schema.INT, internal_claim_as(stored, status="REQUEST-INFORMATION")
        )
        upload = ClaimDocument(
            claim_document_id=0,
            eligibility_id=stored.claim.eligibility_id,
            claim_id=stored.claim.claim_id,
            reference=stored.claim.reference,
            document_type="VISIT-CONFIRMATION",
            document_status="uploaded",
        )
        world.claims.store.insert(Schema.EXT, upload, keep_id=False)
        world.updates.claims = FailingClaims(world.claims)  # type: ignore[assignment]
        world.enqueue(
            TaskType.REQUEST_INFORMATION_RESPONSE,
            schema=Schema.EXT,
            additional_data="here you are",
            **claim_fields(stored),
        )
        report = world.worker().run_batch(Schema.EXT)
        assert (report.retried, report.completed) == (1, 0)
        claim = internal_claim(world, stored.claim.claim_id)
        assert claim.status == "REQUEST-INFORMATION"
        assert [t.task for t in world.tasks()] == ["REQUEST-INFORMATION-RESPONSE"]
        assert len(world.claims.store.rows(Schema.EXT, ClaimDocument)) == 1
        moved_in = world.claims.store.where(
            Schema.INT, ClaimDocument, lambda d: d.claim_document_id == 1
        )
        assert moved_in == []


def internal_claim_as(stored, **changes):
    return attrs.evolve(stored.claim, **changes)


class DatabaseGoneError(RetryableError):
    """The database went away half-way through the step."""


class FailingClaims:
    """The repository, except that the status write fails (database gone)."""

    def __init__(self, claims):
        self._claims = claims

    def __getattr__(self, name):
        """Everything else is the real fake's."""
        return getattr(self._claims, name)

    def _update_claim(self, *args, **kwargs):
        """The claim-row write the status change makes fails."""
        raise DatabaseGoneError
