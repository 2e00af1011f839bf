"""Read models the handlers and jobs get from the claims database: joins, not rows."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import attrs

from hmpps_workers.core.prison_visits.claims.model import (
    Claim,
    ClaimExpense,
    Prisoner,
    Visitor,
)


@attrs.frozen(kw_only=True)
class ClaimAndEmail:
    """A claim with its visitor's email address, for the reminder and reject jobs."""

    claim: Claim
    email_address: str


@attrs.frozen(kw_only=True)
class ClaimantSummary:
    """What the notification emails say about a claim and its claimant."""

    claim_id: int
    eligibility_id: int
    reference: str
    first_name: str
    email_address: str
    town: str
    date_of_journey: datetime
    note: str | None = None
    payment_method: str | None = None
    is_advance_claim: bool | None = None
    name_of_prison: str | None = None


@attrs.frozen(kw_only=True)
class BenefitPerson:
    """Whom the DWP checker is asked about."""

    last_name: str
    national_insurance_number: str
    date_of_birth: date


@attrs.frozen(kw_only=True)
class DwpCheckInput:
    """The visitor and, when someone else holds the benefit, the benefit holder."""

    visitor_id: int
    email_address: str
    visitor: BenefitPerson
    benefit: str | None = None
    benefit_owner: str | None = None
    benefit_holder: BenefitPerson | None = None


@attrs.frozen(kw_only=True)
class RecoveredReference:
    """The answer to a forgotten-reference request."""

    reference: str
    first_name: str


@attrs.frozen(kw_only=True)
class Payee:
    """Who a payment goes to, and where: bank details and postal address."""

    reference: str
    first_name: str
    last_name: str
    house_number_and_street: str
    town: str
    county: str
    country: str
    post_code: str
    date_of_journey: datetime
    name_on_account: str | None = None
    sort_code: str | None = None
    account_number: str | None = None
    roll_number: str | None = None


@attrs.frozen(kw_only=True)
class ClaimPaymentDue:
    """An approved, unpaid claim and the sums the payment run works from."""

    claim_id: int
    payee: Payee
    total_approved_cost: Decimal
    total_deduction_amount: Decimal | None = None
    manually_processed_cost: Decimal | None = None


@attrs.frozen(kw_only=True)
class TopUpPaymentDue:
    """A pending top-up; each is paid as its own row."""

    top_up_id: int
    claim_id: int
    payee: Payee
    amount: Decimal


@attrs.frozen(kw_only=True)
class ClaimTotals:
    """What the payment run writes back on every selected claim."""

    claim_id: int
    total_amount: Decimal
    manually_processed_amount: Decimal | None = None


@attrs.frozen(kw_only=True)
class ClaimPayment:
    """A claim paid in a payment run, and how much."""

    claim_id: int
    amount: Decimal


@attrs.frozen(kw_only=True)
class OverpaymentCandidate:
    """An approved advance claim with no evidence: the approved sum to recover."""

    claim_id: int
    reference: str
    amount: Decimal


@attrs.frozen(kw_only=True)
class ExternalClaimRef:
    """An ExtSchema claim (or a claimless eligibility: `claim_id` None) to clean up."""

    reference: str
    eligibility_id: int
    claim_id: int | None = None


@attrs.frozen(kw_only=True)
class PricingInput:
    """What mileage pricing reads: a claim, its enabled expenses, visitor, prisoner."""

    claim: Claim
    visitor: Visitor | None = None
    prisoner: Prisoner | None = None
    expenses: tuple[ClaimExpense, ...] = ()
