"""What completing a claim copies from ExtSchema to IntSchema: a plan, built by rules.

The repository carries the plan out in one transaction; deciding what goes in it
(status, which rows, rounding, events) is business, so it lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import attrs

from hmpps_workers.core.prison_visits.claims.model import (
    ClaimDocument,
    ClaimExpense,
    ContactDetailUpdate,
)
from hmpps_workers.core.prison_visits.claims.records import ClaimData, ClaimEvent
from hmpps_workers.core.prison_visits.claims.values import (
    ClaimEventType,
    ClaimStatus,
    DocumentStatus,
    PaymentMethod,
    same_text,
    to_money,
)
from hmpps_workers.core.tasks.model import NewTask


@attrs.frozen(kw_only=True)
class ClaimMove:
    """Rows to insert into IntSchema, and the ExtSchema claim to delete, atomically."""

    internal: ClaimData
    events: tuple[ClaimEvent, ...]
    contact_update: ContactDetailUpdate | None = None
    follow_on_tasks: tuple[NewTask, ...] = ()

    @property
    def reference(self) -> str:
        """The claim's reference."""
        return self.internal.claim.reference

    @property
    def eligibility_id(self) -> int:
        """The eligibility the claim belongs to."""
        return self.internal.claim.eligibility_id

    @property
    def claim_id(self) -> int:
        """The claim moved (the same id in both schemas)."""
        return self.internal.claim.claim_id


@attrs.frozen(kw_only=True)
class Submission:
    """An ExtSchema claim as taken for its move, and its claimant's IntSchema email.

    `internal_visitor_email` is the eligibility's IntSchema visitor's address (a
    repeat claim's claimant, whose details are not in ExtSchema); None if none.
    """

    external: ClaimData
    internal_visitor_email: str | None = attrs.field(default=None, repr=False)


PlanMove = Callable[[Submission], ClaimMove]
"""Decides the move of a submission: called inside the move's transaction."""


def _needs_evidence(documents: tuple[ClaimDocument, ...]) -> bool:
    return any(
        not same_text(d.document_status, DocumentStatus.UPLOADED) for d in documents
    )


def _rounded(expense: ClaimExpense) -> ClaimExpense:
    return attrs.evolve(expense, cost=to_money(expense.cost))


def plan_claim_move(
    external: ClaimData,
    *,
    claim_type: str | None,
    now: datetime,
    follow_on_tasks: tuple[NewTask, ...] = (),
) -> ClaimMove:
    """Plan the copy of an ExtSchema claim graph (enabled rows only) into IntSchema."""
    claim = external.claim
    documents = tuple(d for d in external.documents if d.is_enabled)
    status = ClaimStatus.PENDING if _needs_evidence(documents) else ClaimStatus.NEW
    payout = same_text(claim.payment_method, PaymentMethod.PAYOUT)
    eligibility = external.eligibility
    internal = ClaimData(
        claim=attrs.evolve(claim, status=status.value),
        eligibility=(
            None
            if eligibility is None
            else attrs.evolve(eligibility, status=ClaimStatus.NEW.value)
        ),
        prisoner=external.prisoner if eligibility else None,
        visitor=external.visitor if eligibility else None,
        benefit=external.benefit if eligibility else None,
        eligible_children=external.eligible_children if eligibility else (),
        bank_detail=None if payout else external.bank_detail,
        expenses=tuple(_rounded(e) for e in external.expenses if e.is_enabled),
        children=tuple(c for c in external.children if c.is_enabled),
        escorts=tuple(e for e in external.escorts if e.is_enabled),
        documents=documents,
    )

    def event(kind: ClaimEventType, additional_data: str | None) -> ClaimEvent:
        return ClaimEvent(
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
            reference=claim.reference,
            date_added=now,
            event=kind.value,
            additional_data=additional_data,
            is_internal=True,
        )

    events = [event(ClaimEventType.CLAIM_SUBMITTED, claim_type)]
    if external.contact_update is not None:
        events.append(event(ClaimEventType.CONTACT_DETAILS_UPDATED, None))
    return ClaimMove(
        internal=internal,
        events=tuple(events),
        contact_update=external.contact_update,
        follow_on_tasks=follow_on_tasks,
    )
