"""The claims queries the task handlers, daily jobs and payment run need, as ports."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Protocol

from hmpps_workers.core.prison_visits.claims.follow_up import DocumentReplacement
from hmpps_workers.core.prison_visits.claims.model import (
    ClaimBankDetail,
    ClaimDocument,
    ClaimExpense,
)
from hmpps_workers.core.prison_visits.claims.records import (
    ClaimDeduction,
    ClaimEvent,
    DirectPaymentFile,
)
from hmpps_workers.core.prison_visits.claims.views import (
    ClaimAndEmail,
    ClaimantSummary,
    ClaimPayment,
    ClaimPaymentDue,
    ClaimTotals,
    DwpCheckInput,
    ExternalClaimRef,
    OverpaymentCandidate,
    RecoveredReference,
    TopUpPaymentDue,
)
from hmpps_workers.core.tasks.model import NewTask


class FollowUpQueries(Protocol):
    """Follow-up uploads, DWP results, auto-approval and notification reads."""

    def external_documents(
        self, *, reference: str, eligibility_id: int, claim_id: int | None
    ) -> Sequence[ClaimDocument]:
        """Enabled ExtSchema documents: the claim's and its eligibility-level ones."""
        ...

    def replace_documents(self, replacement: DocumentReplacement) -> None:
        """Move the incoming documents in, disable the replaced ones, add events."""
        ...

    def external_bank_detail(self, claim_id: int) -> ClaimBankDetail | None:
        """The new bank details a claimant sent for an IntSchema claim."""
        ...

    def replace_bank_detail(
        self, detail: ClaimBankDetail, *, event: ClaimEvent
    ) -> bool:
        """Copy new bank details onto the claim, add the event, drop ExtSchema rows.

        False, and nothing changed, when the claim has no IntSchema bank details.
        """
        ...

    def dwp_check_input(
        self, *, reference: str, eligibility_id: int, claim_id: int
    ) -> DwpCheckInput | None:
        """Whom to ask the DWP checker about, for a claim."""
        ...

    def record_dwp_result(
        self, visitor_id: int, *, result: str, dwp_check: str | None
    ) -> None:
        """Store the checker's answer on the visitor."""
        ...

    def claim_expenses(self, claim_id: int) -> Sequence[ClaimExpense]:
        """Every expense of a claim, disabled and rejected ones included."""
        ...

    def auto_approve(
        self,
        claim_id: int,
        *,
        now: datetime,
        from_statuses: Collection[str],
        events: Sequence[ClaimEvent] = (),
        follow_on_tasks: Sequence[NewTask] = (),
    ) -> bool:
        """Approve a claim still in one of `from_statuses`, and all its expenses.

        The events and tasks are written in the same transaction; False, and nothing
        written, when the claim has moved on (or is absent).
        """
        ...

    def latest_claim_statuses(
        self, reference: str, *, excluding_claim_id: int, limit: int
    ) -> Sequence[str]:
        """Statuses of a reference's other claims, newest submission first."""
        ...

    def recover_reference(
        self, *, email_address: str, prison_number: str
    ) -> RecoveredReference | None:
        """The newest reference whose visitor and prisoner match, if any."""
        ...

    def claimant_summary(self, claim_id: int) -> ClaimantSummary | None:
        """What the notification emails need about a claim and its visitor."""
        ...

    def bank_detail(self, claim_id: int) -> ClaimBankDetail | None:
        """An IntSchema claim's bank details."""
        ...

    def enabled_deductions(self, claim_id: int) -> Sequence[ClaimDeduction]:
        """The deductions taken off a claim's payment."""
        ...

    def mark_reminder_sent(self, claim_id: int, *, now: datetime) -> None:
        """Record that the request-information reminder went out."""
        ...


class ClaimJobQueries(Protocol):
    """The daily jobs' selections and updates; the caller picks every window."""

    def advance_claims_journeyed_between(
        self, start: datetime, end: datetime
    ) -> Sequence[ClaimAndEmail]:
        """Approved advance claims with a journey in [start, end)."""
        ...

    def claims_awaiting_information(
        self, *, last_updated_before: datetime
    ) -> Sequence[ClaimAndEmail]:
        """Claims waiting on the claimant since before the cutoff, not yet reminded."""
        ...

    def claims_reminded_before(self, cutoff: datetime) -> Sequence[ClaimAndEmail]:
        """Claims still waiting on the claimant, reminded before the cutoff."""
        ...

    def overpayment_candidates(
        self, *, journey_on_or_before: datetime
    ) -> Sequence[OverpaymentCandidate]:
        """Approved advance claims not yet flagged, journey on or before the cutoff."""
        ...

    def mark_overpaid(self, candidate: OverpaymentCandidate, *, reason: str) -> bool:
        """Flag a claim overpaid by the candidate's amount; False if already flagged."""
        ...

    def stale_external_eligibilities(
        self, *, created_before: datetime
    ) -> Sequence[ExternalClaimRef]:
        """ExtSchema eligibilities created before the cutoff, one row per claim."""
        ...

    def stale_external_claims(
        self, *, created_before: datetime
    ) -> Sequence[ExternalClaimRef]:
        """ExtSchema claims created before the cutoff."""
        ...

    def stale_external_documents(
        self, *, submitted_before: datetime
    ) -> Sequence[ExternalClaimRef]:
        """The claims of ExtSchema documents submitted before the cutoff."""
        ...

    def claims_reviewed_before(self, cutoff: datetime) -> Sequence[int]:
        """Ids of IntSchema claims reviewed before the cutoff: archive candidates."""
        ...


class PaymentQueries(Protocol):
    """The payment run's selections and its bookkeeping."""

    def claims_due_payment(self, payment_method: str) -> Sequence[ClaimPaymentDue]:
        """Approved, unpaid claims of a payment method, by claim id."""
        ...

    def top_ups_due_payment(self, payment_method: str) -> Sequence[TopUpPaymentDue]:
        """Pending, unpaid top-ups on claims of a payment method, by top-up id."""
        ...

    def record_claim_totals(self, totals: Sequence[ClaimTotals]) -> None:
        """Write TotalAmount (and ManuallyProcessedAmount) on the claims."""
        ...

    def record_payments(
        self,
        *,
        claims: Sequence[ClaimPayment],
        top_up_ids: Sequence[int],
        files: Sequence[DirectPaymentFile],
        now: datetime,
    ) -> None:
        """Mark claims and top-ups paid and store the payment files, atomically."""
        ...

    def payment_files_created_before(
        self, cutoff: datetime
    ) -> Sequence[DirectPaymentFile]:
        """Enabled payment files older than the cutoff."""
        ...

    def disable_payment_files(self, payment_file_ids: Sequence[int]) -> None:
        """Mark payment files disabled (their S3 objects are deleted separately)."""
        ...
