"""A handler's writes and its task's COMPLETE commit together, or not at all (SQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hmpps_workers.adapters.errors import DatabaseError
from hmpps_workers.adapters.sql.prison_visits.claim_updates import SqlClaimUpdates
from hmpps_workers.adapters.sql.prison_visits.graph_writer import insert_row
from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from hmpps_workers.adapters.sql.prison_visits.seed_journeys import seed_journey
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.errors import LeaseLostError
from hmpps_workers.core.prison_visits.claims.move import plan_claim_move
from hmpps_workers.core.prison_visits.claims.records import ClaimKey
from hmpps_workers.core.prison_visits.handlers import ClaimUpdate
from hmpps_workers.core.tasks import NewTask, Schema, Task, TaskFilter, TaskStatus
from hmpps_workers.core.testing.claim_journeys import approvable_journey
from hmpps_workers.core.testing.handler_world import OFFICE_HOURS

NOW = OFFICE_HOURS
LEASE = timedelta(minutes=5)


def _claimed(store: SqlTaskStore, schema: Schema, *, owner: str) -> Task:
    (task,) = store.claim(schema, limit=1, now=NOW, lease=LEASE, owner=owner)
    return task


def _taken_over(store: SqlTaskStore, schema: Schema) -> Task:
    """A task claimed by `w1` whose lease then expired and went to `w2`."""
    lost = _claimed(store, schema, owner="w1")
    later = NOW + LEASE + timedelta(seconds=1)
    store.claim(schema, limit=1, now=later, lease=LEASE, owner="w2")
    return lost


def _status(store: SqlTaskStore, task: Task) -> str:
    (row,) = store.find(
        TaskFilter(schema=task.schema, task_ids=(task.task_id,)), now=NOW
    )
    return str(row.status)


@pytest.fixture
def seeded(engine):
    """An approvable repeat claim in ExtSchema, with its COMPLETE-CLAIM task."""
    return seed_journey(engine, approvable_journey(NOW), now=NOW)


def _update(repository: SqlClaimRepository, stored, task: Task) -> ClaimUpdate:
    (internal,) = repository.claims_for_eligibility(stored.claim.eligibility_id)
    return ClaimUpdate(
        claim_id=internal.claim_id,
        eligibility_id=internal.eligibility_id,
        reference=internal.reference,
        now=NOW,
        follow_on_tasks=(NewTask(task="FOLLOW-ON"),),
        completes=task,
    )


class TestClaimUpdatesComplete:
    """SqlClaimUpdates.apply with `completes`."""

    def test_the_task_completes_with_the_update(self, engine, seeded):
        """The follow-on task and the COMPLETE are written in one transaction."""
        store = SqlTaskStore(engine)
        store.enqueue(NewTask(task="STEP"), now=NOW)
        task = _claimed(store, Schema.INT, owner="w1")
        update = _update(SqlClaimRepository(engine), seeded, task)
        assert SqlClaimUpdates(engine).apply(update) is True
        follow_on = store.find(TaskFilter(task_types=("FOLLOW-ON",)), now=NOW)
        assert (_status(store, task), len(follow_on)) == (TaskStatus.COMPLETE, 1)

    def test_a_lost_lease_rolls_the_whole_update_back(self, engine, seeded):
        """LeaseLostError, no follow-on task, and the new owner's lease untouched."""
        store = SqlTaskStore(engine)
        store.enqueue(NewTask(task="STEP"), now=NOW)
        lost = _taken_over(store, Schema.INT)
        update = _update(SqlClaimRepository(engine), seeded, lost)
        with pytest.raises(LeaseLostError):
            SqlClaimUpdates(engine).apply(update)
        follow_on = store.find(TaskFilter(task_types=("FOLLOW-ON",)), now=NOW)
        assert (_status(store, lost), follow_on) == (TaskStatus.IN_PROGRESS, [])


class TestMoveCompletes:
    """SqlClaimRepository.move_to_internal with `completes`."""

    def _move(self, repository: SqlClaimRepository, stored, *, completes: Task):
        claim = stored.claim
        key = ClaimKey(
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
        )
        return repository.move_to_internal(
            key,
            lambda s: plan_claim_move(s.external, claim_type="repeat", now=NOW),
            now=NOW,
            completes=completes,
        )

    def test_the_complete_claim_task_completes_with_the_move(self, engine, seeded):
        """The claim is in IntSchema and its ExtSchema task COMPLETE, together."""
        store = SqlTaskStore(engine)
        repository = SqlClaimRepository(engine)
        task = _claimed(store, Schema.EXT, owner="w1")
        self._move(repository, seeded, completes=task)
        assert _status(store, task) == TaskStatus.COMPLETE

    def test_a_lost_lease_leaves_the_claim_in_extschema(self, engine, seeded):
        """LeaseLostError and no move: the new owner will move it."""
        store = SqlTaskStore(engine)
        repository = SqlClaimRepository(engine)
        lost = _taken_over(store, Schema.EXT)
        with pytest.raises(LeaseLostError):
            self._move(repository, seeded, completes=lost)
        claim = seeded.claim
        still_external = repository.claim_data(
            Schema.EXT,
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
        )
        assert still_external is not None
        assert _status(store, lost) == TaskStatus.IN_PROGRESS

    def test_a_refused_write_leaves_the_claim_and_the_task_as_they_were(
        self, engine, seeded
    ):
        """A write after the take fails (its IntSchema claim exists): nothing moves."""
        store = SqlTaskStore(engine)
        repository = SqlClaimRepository(engine)
        task = _claimed(store, Schema.EXT, owner="w1")
        with engine.begin() as connection:
            insert_row(connection, INT.claim, seeded.claim, keep_id=True)
        with pytest.raises(DatabaseError):
            self._move(repository, seeded, completes=task)
        claim = seeded.claim
        still_external = repository.claim_data(
            Schema.EXT,
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
        )
        follow_on = store.find(TaskFilter(schema=Schema.INT), now=NOW)
        assert still_external is not None
        assert (_status(store, task), follow_on) == (TaskStatus.IN_PROGRESS, [])
