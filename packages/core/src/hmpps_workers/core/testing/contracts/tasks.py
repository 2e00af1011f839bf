"""The TaskStore contract: what every task store, fake or real, must do."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.tasks.model import (
    Failure,
    NewTask,
    Outcomes,
    Retry,
    Schema,
    Task,
    TaskFilter,
    TaskStatus,
)
from hmpps_workers.core.tasks.ports import TaskStore

LEASE = timedelta(minutes=30)


class TaskStoreEnvironment(Protocol):
    """What a contract test needs besides the store itself."""

    store: TaskStore
    clock: Clock

    def insert_foreign_row(
        self, schema: Schema, *, task: str, status: str, date_created: datetime
    ) -> int:
        """Insert a row the way the existing web apps do: original columns only."""
        ...

    def advance(self, delta: timedelta) -> None:
        """Move the environment's clock on."""
        ...


def _claim(
    env: TaskStoreEnvironment, schema: Schema, limit: int = 10, owner: str = "w1"
) -> Sequence[Task]:
    return env.store.claim(
        schema, limit=limit, now=env.clock.now(), lease=LEASE, owner=owner
    )


def _enqueue(
    env: TaskStoreEnvironment,
    task: str = "NOOP",
    schema: Schema = Schema.INT,
    **kwargs: object,
) -> int:
    return env.store.enqueue(
        NewTask(task=task, schema=schema, **kwargs),  # type: ignore[arg-type]
        now=env.clock.now(),
    )


def _complete(env: TaskStoreEnvironment, task: Task) -> bool:
    outcomes = Outcomes(completed=(task,))
    return task.key in env.store.record(outcomes, now=env.clock.now())


def _fail(env: TaskStoreEnvironment, task: Task, reason: str) -> bool:
    outcomes = Outcomes(failed=(Failure(task=task, reason=reason),))
    return task.key in env.store.record(outcomes, now=env.clock.now())


def _retry(
    env: TaskStoreEnvironment, task: Task, not_before: datetime, reason: str
) -> bool:
    outcomes = Outcomes(
        retried=(Retry(task=task, not_before=not_before, reason=reason),)
    )
    return task.key in env.store.record(outcomes, now=env.clock.now())


def _status(env: TaskStoreEnvironment, schema: Schema, task_id: int) -> Task:
    (task,) = env.store.find(
        TaskFilter(schema=schema, task_ids=(task_id,)), now=env.clock.now()
    )
    return task


class TaskStoreContract:
    """Tests every TaskStore must pass; subclasses provide a `task_env` fixture."""

    def test_enqueued_task_is_claimed_in_progress_with_a_lease(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """A claim marks the task IN-PROGRESS, counts the attempt and sets the lease."""
        task_id = _enqueue(
            task_env, reference="ABC1234", claim_id=7, additional_data="x~~y"
        )
        (task,) = _claim(task_env, Schema.INT)
        assert (task.task_id, task.status, task.attempts) == (
            task_id,
            TaskStatus.IN_PROGRESS,
            1,
        )
        assert (task.reference, task.claim_id, task.additional_data) == (
            "ABC1234",
            7,
            "x~~y",
        )
        assert task.lease_expires == task_env.clock.now() + LEASE

    def test_claims_are_oldest_first_and_limited(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """Tasks come out in DateCreated order, at most `limit` at a time."""
        ids = []
        for _ in range(5):
            ids.append(_enqueue(task_env))
            task_env.advance(timedelta(seconds=1))
        first = [t.task_id for t in _claim(task_env, Schema.INT, limit=3)]
        second = [t.task_id for t in _claim(task_env, Schema.INT, limit=3)]
        assert (first, second) == (ids[:3], ids[3:])

    def test_a_leased_task_is_not_claimed_again(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """While its lease lasts, a claimed task is invisible to other claims."""
        _enqueue(task_env)
        _claim(task_env, Schema.INT, owner="w1")
        task_env.advance(LEASE - timedelta(seconds=1))
        assert list(_claim(task_env, Schema.INT, owner="w2")) == []

    def test_an_expired_lease_is_claimed_again_with_another_attempt(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """A task whose worker died comes back after the lease, attempt counted."""
        _enqueue(task_env)
        (first,) = _claim(task_env, Schema.INT, owner="w1")
        task_env.advance(LEASE + timedelta(seconds=1))
        (again,) = _claim(task_env, Schema.INT, owner="w2")
        assert (again.task_id, again.attempts, again.lease_owner) == (
            first.task_id,
            2,
            "w2",
        )
        assert _complete(task_env, first) is False
        assert _complete(task_env, again) is True

    def test_claims_stay_in_their_schema(self, task_env: TaskStoreEnvironment) -> None:
        """An ExtSchema claim never returns IntSchema tasks, and the reverse."""
        ext = _enqueue(task_env, schema=Schema.EXT)
        internal = _enqueue(task_env, schema=Schema.INT)
        assert [t.task_id for t in _claim(task_env, Schema.EXT)] == [ext]
        assert [t.task_id for t in _claim(task_env, Schema.INT)] == [internal]

    def test_rows_in_other_statuses_are_never_touched(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """TEST rows (the external site's e2e runs) and finished rows stay."""
        now = task_env.clock.now()
        for status in ("TEST", "COMPLETE", "FAILED"):
            task_env.insert_foreign_row(
                Schema.EXT, task="COMPLETE-CLAIM", status=status, date_created=now
            )
        assert list(_claim(task_env, Schema.EXT)) == []

    def test_rows_from_the_web_apps_are_claimed_without_retry_columns(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """A PENDING row inserted with only the original columns is claimed normally."""
        task_id = task_env.insert_foreign_row(
            Schema.EXT,
            task="COMPLETE-CLAIM",
            status="PENDING",
            date_created=task_env.clock.now() - timedelta(hours=1),
        )
        (task,) = _claim(task_env, Schema.EXT)
        assert (task.task_id, task.attempts) == (task_id, 1)

    def test_complete_records_the_time(self, task_env: TaskStoreEnvironment) -> None:
        """COMPLETE sets DateProcessed."""
        _enqueue(task_env)
        (task,) = _claim(task_env, Schema.INT)
        task_env.advance(timedelta(seconds=5))
        assert _complete(task_env, task)
        done = _status(task_env, Schema.INT, task.task_id)
        assert (done.status, done.date_processed) == (
            TaskStatus.COMPLETE,
            task_env.clock.now(),
        )

    def test_fail_records_the_reason(self, task_env: TaskStoreEnvironment) -> None:
        """FAILED keeps the reason in LastError."""
        _enqueue(task_env)
        (task,) = _claim(task_env, Schema.INT)
        assert _fail(task_env, task, "bad data")
        failed = _status(task_env, Schema.INT, task.task_id)
        assert (failed.status, failed.last_error) == (TaskStatus.FAILED, "bad data")
        assert failed.date_processed == task_env.clock.now()

    def test_retry_later_hides_the_task_until_its_time(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """A task put back for later is not claimed before then, and is after."""
        _enqueue(task_env)
        (task,) = _claim(task_env, Schema.INT)
        later = task_env.clock.now() + timedelta(minutes=2)
        assert _retry(task_env, task, later, "busy")
        task_env.advance(timedelta(minutes=1))
        assert list(_claim(task_env, Schema.INT)) == []
        task_env.advance(timedelta(minutes=1))
        (again,) = _claim(task_env, Schema.INT)
        assert (again.attempts, again.last_error) == (2, "busy")

    def test_release_hands_back_without_using_an_attempt(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """A released task is PENDING again and its attempt is given back."""
        _enqueue(task_env)
        (task,) = _claim(task_env, Schema.INT)
        assert task_env.store.release(task, now=task_env.clock.now())
        (again,) = _claim(task_env, Schema.INT)
        assert again.attempts == 1

    def test_enqueue_with_not_before_waits(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """A task enqueued for later is not claimed early."""
        _enqueue(task_env, not_before=task_env.clock.now() + timedelta(minutes=5))
        assert list(_claim(task_env, Schema.INT)) == []
        task_env.advance(timedelta(minutes=5))
        assert len(_claim(task_env, Schema.INT)) == 1

    def test_requeue_brings_failed_and_stranded_tasks_back(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """FAILED and lease-less IN-PROGRESS rows go back to PENDING; COMPLETE stays."""
        now = task_env.clock.now()
        failed = _enqueue(task_env, task="A")
        (claimed,) = _claim(task_env, Schema.INT)
        _fail(task_env, claimed, "x")
        stranded = task_env.insert_foreign_row(
            Schema.INT, task="A", status="IN-PROGRESS", date_created=now
        )
        done = task_env.insert_foreign_row(
            Schema.INT, task="A", status="COMPLETE", date_created=now
        )
        count = task_env.store.requeue(TaskFilter(task_types=("A",)), now=now)
        assert count == 2
        statuses = {
            task_id: _status(task_env, Schema.INT, task_id).status
            for task_id in (failed, stranded, done)
        }
        assert statuses == {
            failed: TaskStatus.PENDING,
            stranded: TaskStatus.PENDING,
            done: TaskStatus.COMPLETE,
        }
        assert _status(task_env, Schema.INT, failed).attempts == 0

    def test_requeue_by_id_leaves_live_leases_alone(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """A task a worker is running now is not requeued under it."""
        task_id = _enqueue(task_env)
        _claim(task_env, Schema.INT)
        now = task_env.clock.now()
        assert task_env.store.requeue(TaskFilter(task_ids=(task_id,)), now=now) == 0

    def test_find_filters_by_status_type_and_age(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """Operators can list tasks by status, type and age."""
        old = _enqueue(task_env, task="OLD")
        task_env.advance(timedelta(hours=3))
        _enqueue(task_env, task="NEW")
        found = task_env.store.find(
            TaskFilter(statuses=("PENDING",), older_than=timedelta(hours=2)),
            now=task_env.clock.now(),
        )
        assert [t.task_id for t in found] == [old]
        by_type = task_env.store.find(
            TaskFilter(task_types=("NEW",)), now=task_env.clock.now()
        )
        assert [t.task for t in by_type] == ["NEW"]

    def test_counts_by_schema_and_status(self, task_env: TaskStoreEnvironment) -> None:
        """Counts group by schema and status."""
        _enqueue(task_env, schema=Schema.EXT)
        _enqueue(task_env)
        _enqueue(task_env)
        _claim(task_env, Schema.INT, limit=1)
        counts = {k: v for k, v in task_env.store.counts().items() if v}
        assert counts == {
            (Schema.EXT, "PENDING"): 1,
            (Schema.INT, "PENDING"): 1,
            (Schema.INT, "IN-PROGRESS"): 1,
        }

    def test_a_batch_of_outcomes_is_recorded_together(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """Completions, failures and retries, each with its own reason and time."""
        for _ in range(6):
            _enqueue(task_env)
        tasks = _claim(task_env, Schema.INT)
        later = task_env.clock.now() + timedelta(minutes=5)
        outcomes = Outcomes(
            completed=tuple(tasks[:2]),
            failed=(
                Failure(task=tasks[2], reason="bad data"),
                Failure(task=tasks[3], reason="no such claim"),
            ),
            retried=(
                Retry(task=tasks[4], not_before=later, reason="busy"),
                Retry(task=tasks[5], not_before=later + LEASE, reason="down"),
            ),
        )
        written = task_env.store.record(outcomes, now=task_env.clock.now())
        assert written == {t.key for t in tasks}
        rows = [_status(task_env, Schema.INT, t.task_id) for t in tasks]
        assert [(r.status, r.last_error, r.next_attempt) for r in rows] == [
            (TaskStatus.COMPLETE, None, None),
            (TaskStatus.COMPLETE, None, None),
            (TaskStatus.FAILED, "bad data", None),
            (TaskStatus.FAILED, "no such claim", None),
            (TaskStatus.PENDING, "busy", later),
            (TaskStatus.PENDING, "down", later + LEASE),
        ]

    def test_a_batch_writes_only_the_tasks_whose_lease_is_still_held(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """A task taken over by another worker is left alone and not reported."""
        _enqueue(task_env)
        task_env.advance(timedelta(seconds=1))
        _enqueue(task_env)
        lost, kept = _claim(task_env, Schema.INT, owner="w1")
        task_env.advance(LEASE + timedelta(seconds=1))
        (taken,) = _claim(task_env, Schema.INT, limit=1, owner="w2")
        assert taken.task_id == lost.task_id
        kept_again = _status(task_env, Schema.INT, kept.task_id)
        assert kept_again.lease_owner == "w1"
        written = task_env.store.record(
            Outcomes(completed=(lost, kept)), now=task_env.clock.now()
        )
        assert written == {kept.key}
        assert _status(task_env, Schema.INT, lost.task_id).lease_owner == "w2"

    def test_a_claim_takes_the_oldest_of_ready_and_expired_tasks(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """Expired leases and ready rows compete by age, within one limit."""
        ids = []
        for _ in range(4):
            ids.append(_enqueue(task_env))
            task_env.advance(timedelta(seconds=1))
        _claim(task_env, Schema.INT, limit=2, owner="dead")
        task_env.advance(LEASE + timedelta(seconds=1))
        newest = _enqueue(task_env)
        first = [t.task_id for t in _claim(task_env, Schema.INT, limit=3)]
        rest = [t.task_id for t in _claim(task_env, Schema.INT, limit=3)]
        assert (first, rest) == (ids[:3], [ids[3], newest])

    def test_tasks_created_at_the_same_time_are_claimed_in_id_order(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """Ties on DateCreated go to the lower TaskId."""
        ids = [_enqueue(task_env) for _ in range(5)]
        first = [t.task_id for t in _claim(task_env, Schema.INT, limit=2)]
        assert first == ids[:2]

    def test_concurrent_claims_never_share_a_task(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """Claims racing from several threads each get distinct tasks."""
        for _ in range(60):
            _enqueue(task_env)
        seen: list[int] = []
        lock = threading.Lock()

        def claimer(owner: str) -> None:
            while batch := _claim(task_env, Schema.INT, limit=4, owner=owner):
                with lock:
                    seen.extend(t.task_id for t in batch)

        threads = [threading.Thread(target=claimer, args=(f"w{i}",)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(seen) == sorted(set(seen))
        assert len(seen) == 60

    def test_record_and_claim_records_the_outcomes_then_claims(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """One call writes a batch's outcomes and leases the next ready tasks."""
        ids = []
        for _ in range(4):
            ids.append(_enqueue(task_env))
            task_env.advance(timedelta(seconds=1))
        done, failed, retried = _claim(task_env, Schema.INT, limit=3)
        outcomes = Outcomes(
            completed=(done,),
            failed=(Failure(task=failed, reason="bad data"),),
            retried=(Retry(task=retried, not_before=task_env.clock.now(), reason="x"),),
        )
        written, claimed = task_env.store.record_and_claim(
            outcomes,
            Schema.INT,
            limit=10,
            now=task_env.clock.now(),
            lease=LEASE,
            owner="w1",
        )
        assert written == {done.key, failed.key, retried.key}
        # The retry, due now, is claimed again with the fourth task: the outcomes
        # were written before the claim looked for ready tasks.
        assert [t.task_id for t in claimed] == [retried.task_id, ids[3]]
        assert _status(task_env, Schema.INT, done.task_id).status == "COMPLETE"
        assert _status(task_env, Schema.INT, failed.task_id).last_error == "bad data"

    def test_record_and_claim_leaves_a_lost_lease_alone_and_still_claims(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """A taken-over task is missing from what was written; the claim goes on."""
        _enqueue(task_env)
        task_env.advance(timedelta(seconds=1))
        _enqueue(task_env, schema=Schema.EXT)
        (lost,) = _claim(task_env, Schema.INT, owner="w1")
        task_env.advance(LEASE + timedelta(seconds=1))
        (taken,) = _claim(task_env, Schema.INT, owner="w2")
        written, claimed = task_env.store.record_and_claim(
            Outcomes(completed=(lost,)),
            Schema.EXT,
            limit=10,
            now=task_env.clock.now(),
            lease=LEASE,
            owner="w1",
        )
        assert (written, [t.schema for t in claimed]) == (frozenset(), [Schema.EXT])
        row = _status(task_env, Schema.INT, taken.task_id)
        assert (row.status, row.lease_owner) == (TaskStatus.IN_PROGRESS, "w2")

    def test_record_and_claim_with_nothing_to_record_is_a_claim(
        self, task_env: TaskStoreEnvironment
    ) -> None:
        """No outcomes: only the claim, and an empty queue gives no tasks."""
        task_id = _enqueue(task_env)
        written, claimed = task_env.store.record_and_claim(
            Outcomes(),
            Schema.INT,
            limit=10,
            now=task_env.clock.now(),
            lease=LEASE,
            owner="w1",
        )
        assert (written, [t.task_id for t in claimed]) == (frozenset(), [task_id])
        _, again = task_env.store.record_and_claim(
            Outcomes(completed=tuple(claimed)),
            Schema.INT,
            limit=10,
            now=task_env.clock.now(),
            lease=LEASE,
            owner="w1",
        )
        assert list(again) == []
