"""What the daily jobs need from the claims database, as narrow as §7 allows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Protocol

import attrs

from hmpps_workers.core.prison_visits.claims.records import AutoApproval, ClaimEvent
from hmpps_workers.core.tasks.model import NewTask


@attrs.frozen(kw_only=True)
class ClaimContact:
    """An IntSchema claim and its visitor's email, for a notification task."""

    claim_id: int
    eligibility_id: int
    reference: str
    email_address: str


@attrs.frozen(kw_only=True)
class Overpayment:
    """An advance claim with no evidence in time, and what it comes to."""

    claim_id: int
    reference: str
    amount: Decimal


@attrs.frozen(kw_only=True)
class ExternalClaimKey:
    """An ExtSchema claim to clean up; `claim_id` is None for an eligibility alone."""

    reference: str
    eligibility_id: int
    claim_id: int | None = None


@attrs.frozen(kw_only=True)
class ClaimState:
    """What a caseworker may have changed on a claim since it was deferred."""

    status: str
    last_updated: datetime | None = None


class DailyJobStore(Protocol):
    """The §7 selections and actions; each method is one transaction."""

    def advance_claims_due_evidence(
        self, *, journey_from: datetime, journey_before: datetime, reminder: str
    ) -> Sequence[ClaimContact]:
        """APPROVED advance claims with DateOfJourney in [from, before), not reminded.

        Not reminded: no ADVANCE-CLAIM-EVIDENCE-REMINDER-NOTIFICATION task for the
        claim whose AdditionalData ends `~~<reminder>`, in any status.
        """
        ...

    def claims_due_information_reminder(
        self, *, last_updated_before: datetime
    ) -> Sequence[ClaimContact]:
        """Claims waiting on the claimant since before the cutoff, not reminded.

        Status PENDING, REQUEST-INFORMATION or REQUEST-INFO-PAYMENT, ReminderSent
        off, LastUpdated before the cutoff, and no PENDING or IN-PROGRESS
        SEND-REQUEST-INFORMATION-REMINDER-NOTIFICATION task already queued.
        """
        ...

    def enqueue_task(self, task: NewTask, *, now: datetime) -> None:
        """Insert an IntSchema task."""
        ...

    def advance_claims_to_mark_overpaid(
        self, *, journey_on_or_before: datetime
    ) -> Sequence[Overpayment]:
        """APPROVED advance claims, not yet overpaid, journey on or before the cutoff.

        The amount is the sum of their enabled expenses' ApprovedCost.
        """
        ...

    def mark_overpaid(self, overpayment: Overpayment, *, reason: str) -> bool:
        """Set IsOverpaid, both amounts and the reason; False if already overpaid."""
        ...

    def claims_to_auto_reject(
        self, *, reminder_sent_before: datetime
    ) -> Sequence[ClaimContact]:
        """Claims still waiting on the claimant, reminded before the cutoff."""
        ...

    def auto_reject(
        self,
        claim: ClaimContact,
        *,
        event: ClaimEvent,
        notification: NewTask,
        now: datetime,
    ) -> bool:
        """Add the event, set REJECTED (§3.14) and queue the email, atomically.

        False, changing nothing, if the claim no longer qualifies.
        """
        ...

    def stale_external_claims(
        self, *, created_before: datetime
    ) -> Sequence[ExternalClaimKey]:
        """ExtSchema claims older than the cutoff, by §7 row 5's three passes.

        Eligibilities, claims and documents created before the cutoff, skipping
        claims whose COMPLETE-CLAIM task is unfinished (the original destroyed them).
        """
        ...

    def external_document_paths(self, key: ExternalClaimKey) -> Sequence[str]:
        """S3 keys of the claim's documents and of its eligibility's own ones."""
        ...

    def delete_external_claim(self, key: ExternalClaimKey) -> None:
        """Delete the ExtSchema claim and eligibility rows, atomically.

        With no claim, only that eligibility's documents go (the original deleted
        every applicant's eligibility-level documents).
        """
        ...

    def claims_to_archive(
        self, *, reviewed_before: datetime, limit: int
    ) -> Sequence[int]:
        """Ids of IntSchema claims reviewed before the cutoff, lowest first."""
        ...

    def archive_claim(self, claim_id: int) -> bool:
        """Copy a claim's graph to the archive database, then delete it (§3.11)."""
        ...


class JobHistory(Protocol):
    """When each daily job last succeeded, so a late run can catch up."""

    def last_success(self, job: str) -> datetime | None:
        """The instant of the job's last successful run, if any."""
        ...

    def record_success(self, job: str, at: datetime) -> None:
        """Remember a successful run."""
        ...


class DeferredApprovalStore(Protocol):
    """The AutoApproval table and the state of the claims it names."""

    def deferred_approvals(self) -> Sequence[AutoApproval]:
        """Every deferred approval, oldest first."""
        ...

    def claim_state(self, claim_id: int) -> ClaimState | None:
        """The claim's Status and LastUpdated; None if it is gone."""
        ...

    def delete_auto_approval(self, auto_approval_id: int) -> None:
        """Remove a processed row."""
        ...


class ApproveClaim(Protocol):
    """The auto-approve action of §5.5 (built in `prison_visits.approval`)."""

    def __call__(self, approval: AutoApproval, *, now: datetime) -> None:
        """Approve the deferred claim."""
        ...
