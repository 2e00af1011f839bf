"""The claims contracts against the in-memory repository and archive."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from hmpps_workers.core.prison_visits.claims.records import ClaimData
from hmpps_workers.core.tasks.model import Schema
from hmpps_workers.core.testing.claim_archive import InMemoryClaimArchive
from hmpps_workers.core.testing.claim_updates import InMemoryClaimUpdates
from hmpps_workers.core.testing.claims import InMemoryClaimRepository
from hmpps_workers.core.testing.contracts.claim_approval import ApprovalReadsContract
from hmpps_workers.core.testing.contracts.claim_archive import ClaimArchiveContract
from hmpps_workers.core.testing.contracts.claim_queries import FollowUpContract
from hmpps_workers.core.testing.contracts.claim_updates import ClaimUpdatesContract
from hmpps_workers.core.testing.contracts.claims import ClaimRecordsContract


@attrs.define
class InMemoryClaimsEnvironment:
    """The fakes, seeded and inspected through their own helpers."""

    repository: InMemoryClaimRepository
    updates: InMemoryClaimUpdates
    archive: InMemoryClaimArchive

    def seed(self, schema: Schema, data: ClaimData) -> ClaimData:
        return self.repository.seed(schema, data)

    def add_external(self, record: Any) -> Any:
        return self.repository.store.insert(Schema.EXT, record, keep_id=False)

    def whole_claim(self, claim_id: int) -> ClaimData | None:
        return self.repository.whole_claim(claim_id)

    def archived_claim(self, claim_id: int) -> ClaimData | None:
        return self.archive.archived_claim(claim_id)

    def count(self, schema: Schema, cls: type[Any]) -> int:
        return len(self.repository.store.rows(schema, cls))

    def task_types(self) -> list[str]:
        tasks = sorted(self.repository.tasks.tasks.values(), key=lambda t: t.task_id)
        return [t.task for t in tasks]


@pytest.fixture
def claims_env() -> InMemoryClaimsEnvironment:
    repository = InMemoryClaimRepository()
    return InMemoryClaimsEnvironment(
        repository=repository,
        updates=InMemoryClaimUpdates(repository),
        archive=InMemoryClaimArchive(repository=repository),
    )


class TestInMemoryClaimRecords(ClaimRecordsContract):
    """The fake reads, moves and updates claims as the SQL repository does."""


class TestInMemoryApprovalReads(ApprovalReadsContract):
    """AUTO-APPROVAL-CHECK's two reads on the in-memory fake."""


class TestInMemoryClaimArchive(ClaimArchiveContract):
    """The fake archives as the SQL archive does."""


class TestInMemoryFollowUpQueries(FollowUpContract):
    """The fake answers the handlers' queries as the SQL repository does."""


class TestInMemoryClaimUpdates(ClaimUpdatesContract):
    """The fake applies each part of an update as the SQL updates do."""
