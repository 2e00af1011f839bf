"""In-memory wiring for the scheduled runners until the SQL adapters are merged.

`--demo` runs the real orchestration over the in-memory fakes, seeded with a few
made-up claims, so an operator can see the runner's logs, progress and exit codes.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from decimal import Decimal

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.prison_visits.claims.model import Claim, ClaimExpense
from hmpps_workers.core.prison_visits.claims.records import AutoApproval
from hmpps_workers.core.prison_visits.daily.ports import ClaimState
from hmpps_workers.core.testing.contracts.payments import sample_payments
from hmpps_workers.core.testing.daily import (
    InMemoryDailyJobStore,
    InMemoryDeferredApprovalStore,
    InMemoryJobHistory,
)
from hmpps_workers.core.testing.payments import InMemoryPaymentStore

log = logging.getLogger(__name__)


def payment_store() -> InMemoryPaymentStore:
    """Two claims and a top-up awaiting payment."""
    store = InMemoryPaymentStore()
    store.seed(sample_payments())
    return store


def daily_store(now: datetime) -> InMemoryDailyJobStore:
    """One claim due for each daily job."""
    store = InMemoryDailyJobStore()

    def claim(claim_id: int, **fields: object) -> Claim:
        values: dict[str, object] = {
            "claim_id": claim_id,
            "eligibility_id": claim_id,
            "reference": f"DEMO{claim_id:03d}",
            "status": "APPROVED",
            "date_of_journey": now - timedelta(days=1),
            "date_created": now - timedelta(days=60),
        }
        values.update(fields)
        return Claim(**values)  # type: ignore[arg-type]

    store.add_claim(claim(1, is_advance_claim=True))
    store.add_claim(claim(2, status="PENDING", last_updated=now - timedelta(days=40)))
    store.add_claim(
        claim(3, is_advance_claim=True, date_of_journey=now - timedelta(days=11))
    )
    store.expenses.append(
        ClaimExpense(
            claim_expense_id=1,
            eligibility_id=3,
            claim_id=3,
            reference="DEMO003",
            expense_type="bus",
            cost=Decimal("12.00"),
            approved_cost=Decimal("12.00"),
        )
    )
    store.add_claim(
        claim(
            4,
            status="REQUEST-INFORMATION",
            reminder_sent=True,
            date_reminder_sent=now - timedelta(days=9),
        )
    )
    store.add_claim(
        claim(5, status="REJECTED", date_reviewed=now - timedelta(days=400))
    )
    return store


def job_history() -> InMemoryJobHistory:
    """No runs yet."""
    return InMemoryJobHistory()


def deferred_store(now: datetime) -> InMemoryDeferredApprovalStore:
    """One untouched deferred claim and one a caseworker has since rejected."""
    store = InMemoryDeferredApprovalStore()
    for row_id, status in ((1, "NEW"), (2, "REJECTED")):
        store.approvals[row_id] = AutoApproval(
            auto_approval_id=row_id,
            claim_id=100 + row_id,
            reference=f"DEMO{100 + row_id}",
            email_address="visitor@example.com",
            date_added=now - timedelta(hours=8),
        )
        store.states[100 + row_id] = ClaimState(status=status)
    return store


@attrs.define
class DemoApprover:
    """Stands in for the §5.5 action: marks the claim AUTO-APPROVED in the fake."""

    store: InMemoryDeferredApprovalStore
    clock: Clock

    def __call__(self, approval: AutoApproval, *, now: datetime) -> None:
        """Approve in memory and say so."""
        self.store.states[approval.claim_id] = ClaimState(
            status="AUTO-APPROVED", last_updated=now
        )
        log.info("demo: claim auto-approved", extra={"claim": approval.claim_id})
