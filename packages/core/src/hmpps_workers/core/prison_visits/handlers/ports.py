"""The one write port the handlers add: a claim's changes committed all together.

Each handler step reads through the claims ports, decides in core, then hands every
write of the step (rows, events, status and its follow-on tasks) to `apply` as one
`ClaimUpdate`, so a step either happened completely or can simply run again.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from decimal import Decimal
from typing import Protocol

import attrs

from hmpps_workers.core.clock import require_aware
from hmpps_workers.core.prison_visits.claims.follow_up import DocumentReplacement
from hmpps_workers.core.prison_visits.claims.model import ClaimBankDetail
from hmpps_workers.core.prison_visits.claims.records import AutoApproval, ClaimEvent
from hmpps_workers.core.tasks.model import NewTask, Task


@attrs.frozen(kw_only=True)
class PricedJourney:
    """A car expense priced by road distance: postcodes, miles and cost, 2 dp."""

    claim_expense_id: int
    from_post_code: str | None = attrs.field(repr=False)
    to_post_code: str | None = attrs.field(repr=False)
    distance: Decimal
    cost: Decimal


@attrs.frozen(kw_only=True)
class BenefitResult:
    """The benefit checker's answer, stored on the visitor (DWPCheck too)."""

    visitor_id: int
    result: str
    dwp_check: str | None = None


@attrs.frozen(kw_only=True)
class PlaceholderDocument:
    """An 'upload-later' document the claimant is asked to provide."""

    document_type: str
    document_status: str = "upload-later"


def _statuses(value: Collection[str]) -> frozenset[str]:
    return frozenset(value)


@attrs.frozen(kw_only=True)
class ClaimUpdate:
    """Every write of one handler step on one IntSchema claim, in one transaction.

    With `expected_statuses`, nothing is written (and `apply` returns False) unless
    the claim is still in one of them: a step repeated, or raced by another task for
    the same claim, finds the claim moved on and does nothing.
    """

    claim_id: int
    eligibility_id: int
    reference: str
    now: datetime = attrs.field(converter=require_aware)
    expected_statuses: frozenset[str] = attrs.field(
        default=frozenset(), converter=_statuses
    )
    new_status: str | None = None
    documents: DocumentReplacement | None = None
    bank_detail: ClaimBankDetail | None = attrs.field(default=None, repr=False)
    placeholder: PlaceholderDocument | None = None
    benefit_result: BenefitResult | None = None
    prices: tuple[PricedJourney, ...] = ()
    auto_approved: bool = False
    deferred_approval: AutoApproval | None = None
    reminder_sent: bool = False
    events: tuple[ClaimEvent, ...] = ()
    follow_on_tasks: tuple[NewTask, ...] = attrs.field(default=(), repr=False)
    completes: Task | None = attrs.field(default=None, repr=False)
    """The handler's task, marked COMPLETE in the same transaction when given."""


class ClaimUpdates(Protocol):
    """Applies a `ClaimUpdate` atomically on the claims database."""

    def apply(self, update: ClaimUpdate) -> bool:
        """Write it all, or nothing; False when the claim is absent or moved on.

        `bank_detail` replaces the claim's IntSchema bank details (matched on the
        given ClaimBankDetailId) and then drops the claim's ExtSchema rows;
        `documents` moves ExtSchema documents in and disables those they replace;
        `auto_approved` makes the claim AUTO-APPROVED, reviewed, approved and its
        visit confirmed now, and approves every expense at its cost (LastUpdated and
        the reminder are left alone); `deferred_approval` queues an AutoApproval
        row; `reminder_sent` stamps the request-information reminder;
        `completes` is marked COMPLETE with the rest, guarded by status and lease owner
        (LeaseLostError, and nothing written, when the lease was lost).
        """
        ...
