"""Handlers whose work is database writes complete their task in the same transaction."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hmpps_workers.core.errors import LeaseLostError
from hmpps_workers.core.prison_visits.handlers import ClaimUpdate
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks import (
    Completed,
    NewTask,
    Schema,
    Task,
    TaskFilter,
    TaskStatus,
)
from support.handlers import seed_approvable

LEASE = timedelta(minutes=5)


def claim_one(world, schema: Schema, owner: str = "test") -> Task:
    (task,) = world.claims.tasks.claim(
        schema, limit=1, now=world.clock.now(), lease=LEASE, owner=owner
    )
    return task


def handler(world, task_type: str):
    return world.worker().registry[task_type]


class TestHandlersComplete:
    """The handler's answer and the task row after its transaction."""

    def test_complete_claim_completes_its_task_with_the_move(self, world):
        """COMPLETE-CLAIM returns Completed.IN_TRANSACTION; its row is COMPLETE."""
        seed_approvable(world)
        task = claim_one(world, Schema.EXT)
        answer = handler(world, TaskType.COMPLETE_CLAIM)(task)
        row = world.claims.tasks.get(Schema.EXT, task.task_id)
        assert (answer, row.status) == (Completed.IN_TRANSACTION, TaskStatus.COMPLETE)

    def test_a_lost_lease_moves_nothing(self, world):
        """LeaseLostError before the move; the claim is still in ExtSchema."""
        _, stored = seed_approvable(world)
        lost = claim_one(world, Schema.EXT, owner="w1")
        world.clock.advance(LEASE + timedelta(seconds=1))
        claim_one(world, Schema.EXT, owner="w2")
        with pytest.raises(LeaseLostError):
            handler(world, TaskType.COMPLETE_CLAIM)(lost)
        claim = stored.claim
        external = world.claims.claim_data(
            Schema.EXT,
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
        )
        assert external is not None

    def test_a_drained_claim_records_only_the_emails_outcomes(self, world):
        """Six tasks COMPLETE; the writes' tasks completed in their transactions."""
        seed_approvable(world)
        report = world.drain()
        rows = world.claims.tasks.find(TaskFilter(limit=100), now=world.clock.now())
        assert report.completed == 6
        assert {r.status for r in rows} == {TaskStatus.COMPLETE}


class TestInMemoryClaimUpdates:
    """The fake ClaimUpdates completes the task like the SQL one."""

    def test_a_lost_lease_writes_nothing(self, world):
        """LeaseLostError; the follow-on task is not queued."""
        _, stored = seed_approvable(world)
        world.drain()
        world.claims.tasks.enqueue(NewTask(task="STEP"), now=world.clock.now())
        lost = claim_one(world, Schema.INT, owner="w1")
        world.clock.advance(LEASE + timedelta(seconds=1))
        claim_one(world, Schema.INT, owner="w2")
        claim = stored.claim
        update = ClaimUpdate(
            claim_id=claim.claim_id,
            eligibility_id=claim.eligibility_id,
            reference=claim.reference,
            now=world.clock.now(),
            follow_on_tasks=(NewTask(task="FOLLOW-ON"),),
            completes=lost,
        )
        with pytest.raises(LeaseLostError):
            world.updates.apply(update)
        queued = world.claims.tasks.find(
            TaskFilter(task_types=("FOLLOW-ON",)), now=world.clock.now()
        )
        assert queued == []
