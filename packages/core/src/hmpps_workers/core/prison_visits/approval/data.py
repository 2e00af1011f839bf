"""What an auto-approval check reads, as one plain value the data layer fills in."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

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

APPROVED = "APPROVED"
REJECTED = "REJECTED"


@attrs.frozen(kw_only=True)
class AutoApprovalData:
    """One IntSchema claim and its history, shaped after "data for auto-approval check".

    - `expenses`, `children` and `documents` are the enabled rows (documents include
      the eligibility-level ones, whose ClaimId is null);
    - `previous_claims` are the eligibility's other claims, in any status;
    - `baseline_expenses` are all the rows (enabled or not) of the claim
      `baseline_claim(previous_claims)` picks, empty if it picks none;
    - `reference_claim_statuses` are the statuses of the other claims with the same
      Reference, newest DateSubmitted first (only the first N are read);
    - `prison_numbers_on_journey_date` has one prison number per eligibility with a
      claim for the same UK day as this claim's journey, this claim's own included
      (the handler reads only those equal to the prisoner's, ignoring case: the
      others cannot change `prisoner-not-visited-on-this-date`);
    - `benefit_check_result` is the DWP answer on record (Visitor's, unless fresher);
    - `unpriced_car_journeys` says PRICE-CAR-JOURNEYS gave up on a journey still
      unpriced (the claim is then left to a caseworker).
    """

    claim: Claim
    eligibility: Eligibility | None = None
    visitor: Visitor | None = None
    prisoner: Prisoner | None = None
    expenses: tuple[ClaimExpense, ...] = ()
    children: tuple[ClaimChild, ...] = ()
    documents: tuple[ClaimDocument, ...] = ()
    previous_claims: tuple[Claim, ...] = ()
    baseline_expenses: tuple[ClaimExpense, ...] = ()
    reference_claim_statuses: tuple[str, ...] = ()
    prison_numbers_on_journey_date: tuple[str, ...] = ()
    benefit_check_result: str | None = None
    unpriced_car_journeys: bool = False

    @property
    def visitor_email(self) -> str | None:
        """The address events and follow-on tasks carry."""
        return self.visitor.email_address if self.visitor else None


def _latest_reviewed(claims: Iterable[Claim], statuses: frozenset[str]) -> Claim | None:
    latest: Claim | None = None
    latest_reviewed: datetime | None = None
    for claim in claims:
        reviewed = claim.date_reviewed
        if (
            reviewed is not None
            and claim.status in statuses
            and not claim.is_advance_claim
            and (latest_reviewed is None or reviewed > latest_reviewed)
        ):
            latest, latest_reviewed = claim, reviewed
    return latest


def baseline_claim(previous_claims: Iterable[Claim]) -> Claim | None:
    """The latest manually approved claim: reviewed, APPROVED, not an advance claim.

    Its expenses are what the cost-variance and expense-match rules compare against.
    """
    return _latest_reviewed(previous_claims, frozenset({APPROVED}))


def latest_manual_claim(previous_claims: Iterable[Claim]) -> Claim | None:
    """The latest claim decided by hand: reviewed, APPROVED or REJECTED, not advance."""
    return _latest_reviewed(previous_claims, frozenset({APPROVED, REJECTED}))
