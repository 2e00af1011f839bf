"""The claims queries the task handlers need, as ports (writes go by ClaimUpdates)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from hmpps_workers.core.prison_visits.claims.model import (
    ClaimBankDetail,
    ClaimDocument,
    ClaimExpense,
)
from hmpps_workers.core.prison_visits.claims.records import ClaimDeduction
from hmpps_workers.core.prison_visits.claims.views import (
    AcceptedClaimInput,
    ClaimantSummary,
    DwpCheckInput,
    RecoveredReference,
)


class FollowUpQueries(Protocol):
    """Follow-up uploads, DWP input, auto-approval and notification reads."""

    def external_documents(
        self, *, reference: str, eligibility_id: int, claim_id: int | None
    ) -> Sequence[ClaimDocument]:
        """Enabled ExtSchema documents: the claim's and its eligibility-level ones."""
        ...

    def external_bank_detail(self, claim_id: int) -> ClaimBankDetail | None:
        """The new bank details a claimant sent for an IntSchema claim."""
        ...

    def dwp_check_input(
        self, *, reference: str, eligibility_id: int, claim_id: int
    ) -> DwpCheckInput | None:
        """Whom to ask the DWP checker about, for a claim."""
        ...

    def claim_expenses(self, claim_id: int) -> Sequence[ClaimExpense]:
        """Every expense of a claim, disabled and rejected ones included."""
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

    def accepted_claim_input(self, claim_id: int) -> AcceptedClaimInput | None:
        """The claimant summary, every expense and the enabled deductions; one read.

        None when `claimant_summary` is None.
        """
        ...

    def bank_detail(self, claim_id: int) -> ClaimBankDetail | None:
        """An IntSchema claim's bank details."""
        ...

    def enabled_deductions(self, claim_id: int) -> Sequence[ClaimDeduction]:
        """The deductions taken off a claim's payment."""
        ...


class ClaimJobQueries(Protocol):
    """The selection ARCHIVE-OLD-CLAIMS needs; the caller picks the cutoff."""

    def claims_reviewed_before(self, cutoff: datetime) -> Sequence[int]:
        """Ids of IntSchema claims reviewed before the cutoff: archive candidates."""
        ...
