"""Each notification task sends its template to its recipient, once."""

from __future__ import annotations

from datetime import timedelta

import attrs
import pytest

from hmpps_workers.core.prison_visits.claims.model import Claim, ClaimDocument
from hmpps_workers.core.prison_visits.email.templates import Template
from hmpps_workers.core.prison_visits.handlers.notifications import CLAIM_STATUS_TASKS
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks import Schema
from hmpps_workers.core.testing.claim_builders import claim_graph, internal_extras
from support.handlers import events, internal_claim

EMAIL = "visitor@example.com"


@pytest.fixture
def claim(world):
    return world.claims.seed(
        Schema.INT, internal_extras(claim_graph(reference="NTFY001"))
    ).claim


def ids(claim: Claim):
    return {
        "reference": claim.reference,
        "eligibility_id": claim.eligibility_id,
        "claim_id": claim.claim_id,
    }


def sent(world):
    (email,) = world.email.delivered
    names = {t.default_id: t for t in Template}
    return names[email.template_id], dict(email.personalisation)


class TestClaimStatusEmails:
    """First name, reference and a link, to the address in AdditionalData."""

    @pytest.mark.parametrize("task_type", CLAIM_STATUS_TASKS)
    def test_each_sends_its_template(self, world, claim, task_type):
        """The template follows the task type; personalisation names the claimant."""
        world.enqueue(task_type, additional_data=EMAIL, **ids(claim))
        assert world.drain().completed == 1
        template, values = sent(world)
        assert values["first_name"] == "Valentina"
        assert values["reference"] == "NTFY001"
        assert template.name in {
            "SUBMIT_CLAIM",
            "REJECTED_CLAIM",
            "REQUEST_INFORMATION_CLAIM",
            "REQUEST_INFORMATION_RESPONSE_SUBMITTED",
            "REQUEST_INFORMATION_REMINDER",
            "UPDATE_CONTACT_DETAILS",
        }

    def test_the_reminder_records_that_it_was_sent(self, world, claim):
        """ReminderSent is set after the send."""
        world.enqueue(
            TaskType.SEND_REQUEST_INFORMATION_REMINDER_NOTIFICATION,
            additional_data=EMAIL,
            **ids(claim),
        )
        world.drain()
        assert internal_claim(world, claim.claim_id).reminder_sent is True

    def test_the_advance_reminder_names_the_journey_date(self, world, claim):
        """The second reminder's template, with the day of the journey."""
        world.enqueue(
            TaskType.ADVANCE_CLAIM_EVIDENCE_REMINDER_NOTIFICATION,
            additional_data=f"{EMAIL}~~secondReminder",
            **ids(claim),
        )
        world.drain()
        template, values = sent(world)
        assert (template, values["dateOfJourney"]) == (
            Template.ADVANCE_CLAIM_SECOND_EVIDENCE_REMINDER,
            "25 June 2024",
        )

    def test_the_accepted_email_lists_the_claim_and_amount(self, world, claim):
        """Bank, not advance: the details and the approved amount less deductions."""
        world.enqueue(
            TaskType.ACCEPT_CLAIM_NOTIFICATION, additional_data=EMAIL, **ids(claim)
        )
        world.drain()
        template, values = sent(world)
        assert template is Template.ACCEPTED_CLAIM_BANK
        assert (values["prison"], values["account_last_four_digits"]) == (
            "Hewell",
            "9824",
        )
        assert values["approved_amount"] == "£-10.00"


class TestRequests:
    """Malware alerts, forgotten references and technical help."""

    def test_a_malware_alert_goes_to_the_mailbox_with_the_reference(self, world):
        """Only the reference is sent."""
        world.enqueue(
            TaskType.SEND_MALWARE_ALERT,
            reference="MAL0001",
            additional_data="malware@example.gov.uk",
        )
        world.drain()
        assert sent(world) == (Template.MALWARE_UPLOAD, {"reference": "MAL0001"})

    def test_a_forgotten_reference_is_sent_when_email_and_prisoner_match(
        self, world, claim
    ):
        """`firstname` (no underscore) and the reference."""
        world.enqueue(TaskType.REFERENCE_RECOVERY, additional_data=f"{EMAIL}~~A1234BC")
        world.drain()
        template, values = sent(world)
        assert (template, values["reference"], values["firstname"]) == (
            Template.SEND_REFERENCE_RECOVERY,
            "NTFY001",
            "Valentina",
        )

    def test_no_match_sends_nothing_and_completes(self, world, claim):
        """An unknown prison number is not an error."""
        world.enqueue(TaskType.REFERENCE_RECOVERY, additional_data=f"{EMAIL}~~Z9999ZZ")
        assert (world.drain().completed, world.email.delivered) == (1, [])

    def test_technical_help_raises_one_ticket(self, world):
        """Run twice, the ticket is raised once (its external id is the task's)."""
        world.enqueue(
            TaskType.TECHNICAL_HELP_SUBMITTED,
            additional_data="Val~~visitor@example.com~~It broke",
        )
        (task,) = world.tasks()
        handler = world.worker().registry.handler_for(task)
        handler(task)
        handler(task)
        (ticket,) = world.helpdesk.tickets.values()
        assert ticket.subject == "Test: Help With Prison Visits - Help"


class TestInformationResponse:
    """The claimant's answer: documents, status, events, acknowledgement, approval."""

    def test_documents_come_in_and_the_claim_is_new_again(self, world, claim):
        """Status NEW, CLAIM-UPDATED and MESSAGE, the email and an approval check."""
        world.claims.store.put(
            Schema.INT, attrs.evolve(claim, status="REQUEST-INFORMATION")
        )
        upload = ClaimDocument(
            claim_document_id=0,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
            reference=claim.reference,
            document_type="VISIT-CONFIRMATION",
            document_status="uploaded",
        )
        world.claims.store.insert(Schema.EXT, upload, keep_id=False)
        world.enqueue(
            TaskType.REQUEST_INFORMATION_RESPONSE,
            schema=Schema.EXT,
            additional_data="Here it is",
            **ids(claim),
        )
        world.drain()
        assert internal_claim(world, claim.claim_id).status == "NEW"
        assert events(world, claim.claim_id)[-3:] == [
            "REPLACED-PREVIOUS-DOCUMENT",
            "CLAIM-UPDATED",
            "MESSAGE",
        ]
        assert [t.task for t in world.tasks()][1:] == [
            "REQUEST-INFORMATION-RESPONSE-SUBMITTED-NOTIFICATION",
            "AUTO-APPROVAL-CHECK",
        ]

    def test_a_reviewed_claim_becomes_updated_with_no_approval_check(
        self, world, claim
    ):
        """A caseworker has seen it: UPDATED, and no auto-approval."""
        reviewed = claim.date_submitted + timedelta(days=1)
        world.claims.store.put(
            Schema.INT,
            attrs.evolve(claim, status="REQUEST-INFORMATION", date_reviewed=reviewed),
        )
        world.enqueue(
            TaskType.REQUEST_INFORMATION_RESPONSE, schema=Schema.EXT, **ids(claim)
        )
        world.drain()
        assert internal_claim(world, claim.claim_id).status == "UPDATED"
        assert "AUTO-APPROVAL-CHECK" not in [t.task for t in world.tasks()]

    def test_waiting_for_bank_details_with_none_sent_fails_and_changes_nothing(
        self, world, claim
    ):
        """REQUEST-INFO-PAYMENT and no ExtSchema bank row: FAILED, as the original."""
        world.claims.store.put(
            Schema.INT, attrs.evolve(claim, status="REQUEST-INFO-PAYMENT")
        )
        world.enqueue(
            TaskType.REQUEST_INFORMATION_RESPONSE, schema=Schema.EXT, **ids(claim)
        )
        (failure,) = world.drain().failures
        assert failure.reason == (
            f"REQUEST-INFORMATION-RESPONSE: claim {claim.claim_id} is waiting for new"
            " bank details but has no ExtSchema ClaimBankDetail row; nothing was"
            " changed"
        )
        assert internal_claim(world, claim.claim_id).status == "REQUEST-INFO-PAYMENT"


class TestArchiving:
    """ARCHIVE-OLD-CLAIMS queues the old claims; ARCHIVE-CLAIM needs the archive."""

    def test_old_reviewed_claims_are_queued_for_archiving(self, world, claim):
        """A claim reviewed long ago gets an ARCHIVE-CLAIM task."""
        old = claim.date_submitted - timedelta(days=800)
        world.claims.store.put(Schema.INT, attrs.evolve(claim, date_reviewed=old))
        world.enqueue(TaskType.ARCHIVE_OLD_CLAIMS)
        world.worker().run_batch(Schema.INT)
        archive = [t for t in world.tasks() if t.task == "ARCHIVE-CLAIM"]
        assert [t.claim_id for t in archive] == [claim.claim_id]

    def test_archiving_without_an_archive_database_fails_and_says_so(self, world):
        """The reason names the variable to set."""
        world.enqueue(TaskType.ARCHIVE_CLAIM, claim_id=1)
        (failure,) = world.drain().failures
        assert "APVS_ARCHIVE_DATABASE_URL" in failure.reason
