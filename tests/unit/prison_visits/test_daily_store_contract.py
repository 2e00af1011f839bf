"""The in-memory daily-job, job-history and deferred-approval stores keep the contracts."""

from __future__ import annotations

import attrs
import pytest

from hmpps_workers.core.prison_visits.daily.ports import ClaimState
from hmpps_workers.core.testing.contracts.daily import (
    DailyJobStoreContract,
    DeferredApprovalStoreContract,
    JobHistoryContract,
)
from hmpps_workers.core.testing.daily import (
    InMemoryDailyJobStore,
    InMemoryDeferredApprovalStore,
    InMemoryJobHistory,
)


@attrs.define
class InMemoryDailyEnv:
    store: InMemoryDailyJobStore = attrs.field(factory=InMemoryDailyJobStore)
    history: InMemoryJobHistory = attrs.field(factory=InMemoryJobHistory)

    def add_claim(self, data):
        self.store.add_claim(data.claim, email=data.visitor.email_address)
        self.store.expenses.extend(data.expenses)

    def claim(self, claim_id):
        return self.store.claims[claim_id]

    def queued(self, kind):
        return [
            (t.claim_id, t.additional_data) for t in self.store.tasks if t.task == kind
        ]


@attrs.define
class InMemoryDeferredEnv:
    store: InMemoryDeferredApprovalStore = attrs.field(
        factory=InMemoryDeferredApprovalStore
    )

    def add_claim(self, data):
        self.store.states[data.claim.claim_id] = ClaimState(
            status=data.claim.status, last_updated=data.claim.last_updated
        )

    def add_deferred(self, approval):
        row_id = len(self.store.approvals) + 1
        self.store.approvals[row_id] = attrs.evolve(approval, auto_approval_id=row_id)
        return row_id


@pytest.fixture
def daily_env():
    return InMemoryDailyEnv()


@pytest.fixture
def deferred_env():
    return InMemoryDeferredEnv()


class TestInMemoryDailyJobStore(DailyJobStoreContract):
    """The fake selects and acts at the same edges as the SQL store."""


class TestInMemoryJobHistory(JobHistoryContract):
    """The fake remembers successes like the SQL table."""


class TestInMemoryDeferredApprovalStore(DeferredApprovalStoreContract):
    """The fake lists, reads and deletes like the SQL table."""
