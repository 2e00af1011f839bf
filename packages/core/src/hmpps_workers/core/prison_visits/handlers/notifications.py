"""The claimant emails: one Notify email per task, never a second one on a retry.

The recipient is the task's AdditionalData (the address the caller chose); the
claim's details come from IntSchema. Each email's Notify reference is the task's own
ids, except the accepted-claim email, whose reference is the claim's: a claim is
told it was accepted once, however many tasks ask.
"""

from __future__ import annotations

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.prison_visits.additional_data import (
    advance_reminder,
    recipient,
)
from hmpps_workers.core.prison_visits.claims.queries import FollowUpQueries
from hmpps_workers.core.prison_visits.claims.views import ClaimantSummary
from hmpps_workers.core.prison_visits.handlers.common import (
    ClaimNotFoundError,
    Mailer,
    require_claim_id,
    task_reference,
)
from hmpps_workers.core.prison_visits.handlers.ports import ClaimUpdate, ClaimUpdates
from hmpps_workers.core.prison_visits.notifications.accepted import (
    AcceptedClaim,
    accepted_claim_email,
)
from hmpps_workers.core.prison_visits.notifications.content import (
    Links,
    advance_reminder_email,
    claim_email,
)
from hmpps_workers.core.prison_visits.prisons import PrisonDirectory
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks.model import Task

CLAIM_STATUS_TASKS = (
    TaskType.SEND_CLAIM_NOTIFICATION,
    TaskType.REJECT_CLAIM_NOTIFICATION,
    TaskType.REQUEST_INFORMATION_CLAIM_NOTIFICATION,
    TaskType.DWP_FAILED_NOTIFICATION,
    TaskType.REQUEST_INFORMATION_RESPONSE_SUBMITTED_NOTIFICATION,
    TaskType.SEND_REQUEST_INFORMATION_REMINDER_NOTIFICATION,
    TaskType.UPDATED_CONTACT_DETAILS_CLAIM_NOTIFICATION,
)


def accepted_reference(claim_id: int) -> str:
    """Notify's reference for a claim's acceptance email."""
    return f"hwpv-accepted-claim-{claim_id}"


def claimant(claims: FollowUpQueries, task: Task) -> ClaimantSummary:
    """The claim and visitor the email is about; ClaimNotFoundError if gone."""
    claim_id = require_claim_id(task)
    summary = claims.claimant_summary(claim_id)
    if summary is None:
        raise ClaimNotFoundError(
            f"{task.task}: claim {claim_id} (and its visitor) no longer exists"
        )
    return summary


@attrs.define(kw_only=True)
class ClaimStatusNotification:
    """The emails personalised with first name, reference and a link (§3.6)."""

    task_type: TaskType
    claims: FollowUpQueries
    updates: ClaimUpdates
    mailer: Mailer
    links: Links
    clock: Clock

    def __call__(self, task: Task) -> None:
        """Send the email; the reminder then records that it went."""
        to = recipient(self.task_type, task.additional_data)
        summary = claimant(self.claims, task)
        content = claim_email(
            self.task_type,
            first_name=summary.first_name,
            reference=task.reference or summary.reference,
            links=self.links,
        )
        self.mailer.send(content, to=to, reference=task_reference(task), task=task)
        if self.task_type is TaskType.SEND_REQUEST_INFORMATION_REMINDER_NOTIFICATION:
            # after the send, as before: a retry finds the email sent and only marks
            self.updates.apply(
                ClaimUpdate(
                    claim_id=summary.claim_id,
                    eligibility_id=summary.eligibility_id,
                    reference=summary.reference,
                    now=self.clock.now(),
                    reminder_sent=True,
                )
            )


@attrs.define(kw_only=True)
class AdvanceReminderNotification:
    """ADVANCE-CLAIM-EVIDENCE-REMINDER-NOTIFICATION: `<email>~~<which reminder>`."""

    claims: FollowUpQueries
    mailer: Mailer
    links: Links

    def __call__(self, task: Task) -> None:
        """Send the first or second evidence reminder."""
        reminder = advance_reminder(task.additional_data)
        summary = claimant(self.claims, task)
        content = advance_reminder_email(
            reminder.kind,
            first_name=summary.first_name,
            reference=task.reference or summary.reference,
            date_of_journey=summary.date_of_journey,
            links=self.links,
        )
        self.mailer.send(
            content, to=reminder.email, reference=task_reference(task), task=task
        )


@attrs.define(kw_only=True)
class AcceptedClaimNotification:
    """ACCEPT-CLAIM-NOTIFICATION: one of five templates, with the claim details."""

    claims: FollowUpQueries
    mailer: Mailer
    prisons: PrisonDirectory

    def __call__(self, task: Task) -> None:
        """Build the accepted-claim email from IntSchema and send it once per claim."""
        to = recipient(TaskType.ACCEPT_CLAIM_NOTIFICATION, task.additional_data)
        claim_id = require_claim_id(task)
        found = self.claims.accepted_claim_input(claim_id)
        if found is None:
            raise ClaimNotFoundError(
                f"{task.task}: claim {claim_id} (and its visitor) no longer exists"
            )
        summary = found.summary
        accepted = AcceptedClaim(
            reference=task.reference or summary.reference,
            first_name=summary.first_name,
            town=summary.town,
            name_of_prison=summary.name_of_prison,
            note=summary.note,
            payment_method=summary.payment_method,
            is_advance_claim=summary.is_advance_claim,
            account_number=summary.account_number,
            expenses=found.expenses,
            deductions=found.deductions,
        )
        self.mailer.send(
            accepted_claim_email(accepted, self.prisons),
            to=to,
            reference=accepted_reference(summary.claim_id),
            task=task,
        )
