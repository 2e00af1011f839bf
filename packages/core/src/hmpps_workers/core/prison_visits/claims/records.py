"""IntSchema-only rows (events, deductions, top-ups, approvals), the graph, its key."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import attrs

from hmpps_workers.core.prison_visits.claims.model import (
    Benefit,
    Claim,
    ClaimBankDetail,
    ClaimChild,
    ClaimDocument,
    ClaimEscort,
    ClaimExpense,
    ContactDetailUpdate,
    Eligibility,
    EligibleChild,
    Prisoner,
    Visitor,
)
from hmpps_workers.core.tasks.model import NewTask, Schema

SYSTEM_CASEWORKER = "System Message"


@attrs.frozen(kw_only=True)
class ClaimKey:
    """Which claim: Reference, EligibilityId and ClaimId, as tasks and reads name it."""

    reference: str
    eligibility_id: int
    claim_id: int

    def describe(self) -> str:
        """Name the claim for logs and errors: its id only."""
        return f"claim {self.claim_id}"

    def task(self, task_type: str, additional_data: str | None = None) -> NewTask:
        """A follow-on IntSchema task about this claim."""
        return NewTask(
            task=task_type,
            schema=Schema.INT,
            reference=self.reference,
            eligibility_id=self.eligibility_id,
            claim_id=self.claim_id,
            additional_data=additional_data,
        )


@attrs.frozen(kw_only=True)
class ClaimEvent:
    """One line of a claim's audit trail; `claim_event_id` is None until stored."""

    eligibility_id: int
    claim_id: int
    reference: str
    date_added: datetime
    event: str
    claim_event_id: int | None = None
    claim_document_id: int | None = None
    additional_data: str | None = None
    note: str | None = None
    caseworker: str | None = None
    is_internal: bool | None = True


@attrs.frozen(kw_only=True)
class ClaimDeduction:
    """An amount taken off a claim's payment (written by the internal web app)."""

    claim_deduction_id: int | None
    eligibility_id: int
    claim_id: int
    reference: str
    deduction_type: str
    amount: Decimal
    is_enabled: bool | None = True


@attrs.frozen(kw_only=True)
class TopUp:
    """An extra payment on an already paid claim."""

    top_up_id: int | None
    claim_id: int
    payment_status: str
    caseworker: str
    reason: str
    top_up_amount: Decimal
    date_added: datetime | None = None
    payment_date: datetime | None = None


@attrs.frozen(kw_only=True)
class AutoApprovalConfig:
    """A row of the caseworkers' auto-approval settings; every field may be None."""

    auto_approval_config_id: int | None = None
    max_days_after_apvu_visit: int | None = None
    max_number_of_claims_per_year: int | None = None
    max_number_of_claims_per_month: int | None = None
    caseworker: str | None = None
    rules_disabled: str | None = None
    date_created: datetime | None = None
    cost_variance_percentage: Decimal | None = None
    max_claim_total: Decimal | None = None
    auto_approval_enabled: bool | None = None
    is_enabled: bool | None = None
    number_of_consecutive_auto_approvals: int | None = None
    cost_per_mile: Decimal | None = None


@attrs.frozen(kw_only=True)
class AutoApproval:
    """A claim approved outside business hours, waiting for the daily job."""

    auto_approval_id: int | None
    claim_id: int
    reference: str
    email_address: str
    date_added: datetime
    eligibility_id: int | None = None


@attrs.frozen(kw_only=True)
class DirectPaymentFile:
    """A payment file written to S3."""

    payment_file_id: int | None
    file_type: str
    filepath: str
    date_created: datetime
    is_enabled: bool | None = True


@attrs.frozen(kw_only=True)
class ClaimData:
    """Everything about one claim, read in one go ("get all claim data")."""

    claim: Claim
    eligibility: Eligibility | None = None
    prisoner: Prisoner | None = None
    visitor: Visitor | None = None
    benefit: Benefit | None = None
    eligible_children: tuple[EligibleChild, ...] = ()
    children: tuple[ClaimChild, ...] = ()
    expenses: tuple[ClaimExpense, ...] = ()
    escorts: tuple[ClaimEscort, ...] = ()
    documents: tuple[ClaimDocument, ...] = ()
    bank_detail: ClaimBankDetail | None = None
    contact_update: ContactDetailUpdate | None = None
    events: tuple[ClaimEvent, ...] = ()
    deductions: tuple[ClaimDeduction, ...] = ()
    top_ups: tuple[TopUp, ...] = ()
