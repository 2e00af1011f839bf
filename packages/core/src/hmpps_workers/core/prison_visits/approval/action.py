"""What approving a claim writes, now or later from the deferred AutoApproval row."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

import attrs

from hmpps_workers.core.clock import require_aware
from hmpps_workers.core.prison_visits.approval.decision import NEW, PlannedEvent
from hmpps_workers.core.prison_visits.claims.model import Claim, ClaimExpense
from hmpps_workers.core.prison_visits.claims.records import AutoApproval
from hmpps_workers.core.prison_visits.claims.values import PENNY, ClaimEventType
from hmpps_workers.core.prison_visits.task_types import TaskType

AUTO_APPROVED = "AUTO-APPROVED"
APPROVED = "APPROVED"
APPROVED_NOTE = "Passed all auto approval checks"


@attrs.frozen(kw_only=True)
class ExpenseApproval:
    """One expense approved at its claimed cost, to the penny."""

    claim_expense_id: int
    approved_cost: Decimal
    status: str = APPROVED


@attrs.frozen(kw_only=True)
class ApprovalPlan:
    """Everything the auto-approve action writes, in the order it writes it."""

    claim_id: int
    status: str = AUTO_APPROVED
    visit_confirmation_check: str = APPROVED
    reviewed_at: datetime
    expenses: tuple[ExpenseApproval, ...]
    task_type: str = TaskType.ACCEPT_CLAIM_NOTIFICATION
    task_additional_data: str = attrs.field(repr=False)
    event: PlannedEvent


def plan_approval(
    claim: Claim,
    all_expenses: Iterable[ClaimExpense],
    *,
    visitor_email: str,
    now: datetime,
) -> ApprovalPlan:
    """Approve the claim and every one of its expenses (enabled or not, as before)."""
    return ApprovalPlan(
        claim_id=claim.claim_id,
        reviewed_at=require_aware(now),
        expenses=tuple(
            ExpenseApproval(
                claim_expense_id=expense.claim_expense_id,
                approved_cost=expense.cost.quantize(PENNY, ROUND_HALF_UP),
            )
            for expense in all_expenses
        ),
        task_additional_data=visitor_email,
        event=PlannedEvent(
            event=ClaimEventType.CLAIM_AUTO_APPROVED, note=APPROVED_NOTE
        ),
    )


def deferred_approval(
    claim: Claim, *, visitor_email: str, now: datetime
) -> AutoApproval:
    """The AutoApproval row that holds a claim approved outside office hours."""
    return AutoApproval(
        auto_approval_id=None,
        claim_id=claim.claim_id,
        eligibility_id=claim.eligibility_id,
        reference=claim.reference,
        email_address=visitor_email,
        date_added=require_aware(now),
    )


def may_apply_deferred(claim: Claim | None) -> bool:
    """A deferred approval still applies only to a claim nobody has touched since.

    The original approved whatever the row named, overwriting a caseworker's
    rejection made in the meantime.
    """
    return claim is not None and claim.status == NEW
