"""The TaskStore contract against the in-memory fake."""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs
import pytest

from hmpps_workers.core.tasks import Schema, Task
from hmpps_workers.core.testing import FakeClock, InMemoryTaskStore
from hmpps_workers.core.testing.contracts.tasks import TaskStoreContract


@attrs.define
class InMemoryEnvironment:
    """The in-memory store with a fake clock."""

    store: InMemoryTaskStore
    clock: FakeClock
    next_id: int = 1000

    def insert_foreign_row(
        self, schema: Schema, *, task: str, status: str, date_created: datetime
    ) -> int:
        self.next_id += 1
        self.store.add_row(
            Task(
                task_id=self.next_id,
                schema=schema,
                task=task,
                status=status,
                date_created=date_created,
            )
        )
        return self.next_id

    def advance(self, delta: timedelta) -> None:
        self.clock.advance(delta)


class TestInMemoryTaskStore(TaskStoreContract):
    """The fake obeys the same contract as the SQL store."""

    @pytest.fixture
    def task_env(self) -> InMemoryEnvironment:
        return InMemoryEnvironment(store=InMemoryTaskStore(), clock=FakeClock())
