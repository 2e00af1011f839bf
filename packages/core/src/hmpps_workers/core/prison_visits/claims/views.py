"""Read models the handlers and jobs get from the claims database: joins, not rows."""

from __future__ import annotations

from datetime import date, datetime

import attrs

from hmpps_workers.core.prison_visits.claims.model import (
    Claim,
    ClaimChild,
    ClaimDocument,
    ClaimExpense,
    Eligibility,
    Prisoner,
    Visitor,
)
from hmpps_workers.core.prison_visits.claims.records import ClaimDeduction


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
    account_number: str | None = attrs.field(default=None, repr=False)
    """The claim's bank account number (its first bank details), for the acceptance
    email's last digits; read with the rest so that email reads one row, not two."""


@attrs.frozen(kw_only=True)
class AcceptedClaimInput:
    """What the accepted-claim email reads: the summary, every expense, deductions.

    `expenses` are every expense of the claim (as `claim_expenses`), `deductions`
    the enabled ones (as `enabled_deductions`), each by key.
    """

    summary: ClaimantSummary
    expenses: tuple[ClaimExpense, ...] = ()
    deductions: tuple[ClaimDeduction, ...] = ()


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
class PricingInput:
    """What mileage pricing reads: a claim, its enabled expenses, visitor, prisoner."""

    claim: Claim
    visitor: Visitor | None = None
    prisoner: Prisoner | None = None
    expenses: tuple[ClaimExpense, ...] = ()


@attrs.frozen(kw_only=True)
class ApprovalHistory:
    """An IntSchema claim, its one-to-one parts and the claims it is judged against.

    What AUTO-APPROVAL-CHECK reads first, in one statement: enough to skip a claim
    that is not considered, and to pick the baseline claim whose expenses
    `ApprovalRows` then brings.

    - `previous_claims`: the eligibility's other claims, latest DateReviewed first,
      unreviewed last, ties by ClaimId descending (as `claims_for_eligibility`);
    - `reference_claim_statuses`: the statuses of every other claim with the same
      Reference, newest DateSubmitted first, unsubmitted last, ties by ClaimId
      descending.
    """

    claim: Claim
    eligibility: Eligibility | None = None
    visitor: Visitor | None = None
    prisoner: Prisoner | None = None
    previous_claims: tuple[Claim, ...] = ()
    reference_claim_statuses: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ApprovalRows:
    """A claim's many-row parts the auto-approval rules read, as `claim_data` has them.

    Expenses and children are the enabled rows; documents the enabled ones with the
    eligibility-level ones; `baseline_expenses` every expense (enabled or not) of
    the baseline claim asked for; `prison_numbers_on_journey_date` the prison
    number of each eligibility with a claim on the UK day asked for that equals the
    prison number asked for, ignoring case and trailing spaces as SQL Server's
    collation does (not distinct: a prisoner two eligibilities visited appears
    twice; the rule then compares exactly, as the original did).
    `unpriced_car_journeys` is `has_unpriced_car_journeys` of the claim's events and
    expenses: the events are read only when a car journey still awaits pricing,
    the one case in which they can make it true.
    """

    expenses: tuple[ClaimExpense, ...] = ()
    children: tuple[ClaimChild, ...] = ()
    documents: tuple[ClaimDocument, ...] = ()
    baseline_expenses: tuple[ClaimExpense, ...] = ()
    prison_numbers_on_journey_date: tuple[str, ...] = ()
    unpriced_car_journeys: bool = False
