"""The deferred auto-approval run never approves a claim changed since deferral."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs
import pytest

from hmpps_workers.core.errors import RetryableError
from hmpps_workers.core.prison_visits.claims.records import AutoApproval
from hmpps_workers.core.prison_visits.daily.approval import (
    DeferredApprovalError,
    DeferredApprovals,
)
from hmpps_workers.core.prison_visits.daily.ports import ClaimState
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.daily import InMemoryDeferredApprovalStore
from hmpps_workers.core.testing.faults import Killed

DEFERRED = datetime(2026, 3, 9, 19, 0, tzinfo=UTC)
RUN = datetime(2026, 3, 10, 3, 30, tzinfo=UTC)


class ApprovalUnavailableError(RetryableError):
    """The database went away mid-approval."""


@attrs.define
class RecordingApprover:
    approved: list[int] = attrs.field(factory=list)
    failing: set[int] = attrs.field(factory=set)

    def __call__(self, approval: AutoApproval, *, now: datetime) -> None:
        if approval.claim_id in self.failing:
            raise ApprovalUnavailableError
        self.approved.append(approval.claim_id)


def store_with(states: dict[int, ClaimState | None]) -> InMemoryDeferredApprovalStore:
    store = InMemoryDeferredApprovalStore()
    for row_id, (claim_id, state) in enumerate(states.items(), start=1):
        store.approvals[row_id] = AutoApproval(
            auto_approval_id=row_id,
            claim_id=claim_id,
            reference=f"REF{claim_id:04d}",
            email_address="visitor@example.com",
            date_added=DEFERRED,
        )
        if state is not None:
            store.states[claim_id] = state
    return store


def run(store, approver) -> dict[str, int]:
    return DeferredApprovals(store=store, approve=approver, clock=FakeClock(RUN)).run()


class TestDeferredApprovals:
    """Approve the untouched, drop the changed and the gone, keep the failed."""

    def test_untouched_claims_are_approved_and_changed_ones_dropped(self):
        """Rejected, re-updated and deleted claims are not approved; rows all go."""
        store = store_with(
            {
                1: ClaimState(status="NEW", last_updated=DEFERRED - timedelta(hours=1)),
                2: ClaimState(status="REJECTED", last_updated=DEFERRED),
                3: ClaimState(status="NEW", last_updated=DEFERRED + timedelta(hours=1)),
                4: None,
            }
        )
        approver = RecordingApprover()
        assert run(store, approver) == {
            "approved": 1,
            "changed": 2,
            "missing": 1,
            "failed": 0,
        }
        assert approver.approved == [1]
        assert store.approvals == {}

    def test_a_failed_approval_keeps_its_row_and_the_rest_go_on(self):
        """The run reports the failure; the next run approves it."""
        store = store_with({1: ClaimState(status="NEW"), 2: ClaimState(status="NEW")})
        approver = RecordingApprover(failing={1})
        with pytest.raises(DeferredApprovalError):
            run(store, approver)
        assert list(store.approvals) == [1]
        approver.failing.clear()
        run(store, approver)
        assert approver.approved == [2, 1]

    def test_killed_after_approving_a_rerun_does_not_approve_again(self):
        """The approved claim is no longer NEW, so its leftover row is dropped."""
        store = store_with({1: ClaimState(status="NEW")})
        approver = RecordingApprover()
        store.faults.arm("delete_auto_approval")
        with pytest.raises(Killed):
            run(store, approver)
        store.states[1] = ClaimState(status="AUTO-APPROVED")
        assert run(store, approver)["changed"] == 1
        assert approver.approved == [1]
