"""An auto-approval input that passes every rule, to vary one thing at a time.

`approvable()` is a repeat claim judged at `OFFICE_HOURS` (a Wednesday in July,
11:00 in London) whose previous, manually approved claim makes it a perfect match.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import attrs

from hmpps_workers.core.prison_visits.approval.config import (
    AutoApprovalDefaults,
    AutoApprovalSettings,
    resolve_settings,
)
from hmpps_workers.core.prison_visits.approval.data import AutoApprovalData
from hmpps_workers.core.prison_visits.claims.model import Claim, ClaimExpense
from hmpps_workers.core.testing.claim_builders import claim_graph

OFFICE_HOURS = datetime(2024, 7, 3, 10, 0, tzinfo=UTC)  # Wed 3 July 2024, 11:00 BST
PREVIOUS_JOURNEY = datetime(2024, 6, 2, 23, 0, tzinfo=UTC)  # 3 June, UK midnight
PREVIOUS_SUBMITTED = datetime(2024, 6, 5, 9, 0, tzinfo=UTC)
PREVIOUS_REVIEWED = datetime(2024, 6, 10, 14, 0, tzinfo=UTC)
BENEFIT_EXPIRY = datetime(2025, 1, 1, tzinfo=UTC)


def default_settings(**changes: Any) -> AutoApprovalSettings:  # noqa: ANN401
    """The environment defaults, with some settings changed."""
    return attrs.evolve(resolve_settings(None, AutoApprovalDefaults()), **changes)


def previous_claim(claim: Claim, **changes: Any) -> Claim:  # noqa: ANN401
    """An earlier claim of the same eligibility, approved by a caseworker."""
    fields: dict[str, Any] = {
        "claim_id": claim.claim_id - 1,
        "status": "APPROVED",
        "claim_type": "first-time",
        "date_of_journey": PREVIOUS_JOURNEY,
        "date_created": PREVIOUS_SUBMITTED,
        "date_submitted": PREVIOUS_SUBMITTED,
        "date_reviewed": PREVIOUS_REVIEWED,
        "date_approved": PREVIOUS_REVIEWED,
        "is_advance_claim": False,
    }
    return attrs.evolve(claim, **(fields | changes))


def approved_copy(expense: ClaimExpense, claim_id: int) -> ClaimExpense:
    """`expense` as the previous claim's approved expense of the same type."""
    return attrs.evolve(
        expense,
        claim_expense_id=expense.claim_expense_id + 100,
        claim_id=claim_id,
        approved_cost=expense.cost,
        status="APPROVED",
    )


def approvable(**changes: Any) -> AutoApprovalData:  # noqa: ANN401
    """A NEW repeat claim that every rule passes; `changes` replace fields."""
    graph = claim_graph()
    claim = attrs.evolve(graph.claim, status="NEW", claim_type="repeat")
    assert graph.eligibility is not None
    assert graph.prisoner is not None
    assert graph.visitor is not None
    previous = previous_claim(claim)
    data = AutoApprovalData(
        claim=claim,
        eligibility=attrs.evolve(graph.eligibility, is_trusted=True),
        visitor=attrs.evolve(
            graph.visitor,
            benefit_expiry_date=BENEFIT_EXPIRY,
            dwp_benefit_checker_result="YES",
        ),
        prisoner=attrs.evolve(graph.prisoner, release_date_is_set=True),
        expenses=graph.expenses,
        children=graph.children,
        documents=graph.documents,
        previous_claims=(previous,),
        baseline_expenses=tuple(
            approved_copy(expense, previous.claim_id) for expense in graph.expenses
        ),
        reference_claim_statuses=("APPROVED",),
        prison_numbers_on_journey_date=(graph.prisoner.prison_number,),
        benefit_check_result="YES",
    )
    return attrs.evolve(data, **changes)


def with_claim(data: AutoApprovalData, **changes: Any) -> AutoApprovalData:  # noqa: ANN401
    """`data` with some of its claim's fields changed."""
    return attrs.evolve(data, claim=attrs.evolve(data.claim, **changes))


def costing(
    expense_type: str, cost: str, *, claim_expense_id: int = 1, claim_id: int = 1000
) -> ClaimExpense:
    """A bare enabled expense of a type and cost, for the cost and count rules."""
    return ClaimExpense(
        claim_expense_id=claim_expense_id,
        eligibility_id=1000,
        claim_id=claim_id,
        reference="ABC1234",
        expense_type=expense_type,
        cost=Decimal(cost),
        approved_cost=Decimal(cost),
    )
