"""The MessageStore and Lock contracts against the in-memory fakes."""

from __future__ import annotations

import pytest

from hmpps_workers.core.testing.contracts.prison_to_probation import (
    LockContract,
    MessageStoreContract,
)
from hmpps_workers.core.testing.prison_to_probation import (
    InMemoryLock,
    InMemoryMessageStore,
)


class TestInMemoryMessageStore(MessageStoreContract):
    """The fake store obeys the contract."""

    @pytest.fixture
    def message_store(self):
        return InMemoryMessageStore()


class TestInMemoryLock(LockContract):
    """The fake lock obeys the contract."""

    @pytest.fixture
    def lease_lock(self):
        return InMemoryLock()
