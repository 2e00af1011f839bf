"""The task engine on the in-memory store: outcomes, retries, leases, isolation."""

from __future__ import annotations

import logging
from datetime import timedelta

import attrs
import pytest

from hmpps_workers.core.errors import LeaseLostError, PermanentError, RetryableError
from hmpps_workers.core.tasks import (
    Completed,
    HandlerRegistry,
    NewTask,
    Outcomes,
    RetryPolicy,
    Schema,
    Task,
    TaskStatus,
    TaskWorker,
)
from hmpps_workers.core.testing import FakeClock, InMemoryTaskStore


class Recorder:
    """A handler that records the tasks it ran and can be told to raise."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.ran: list[tuple[Schema, int]] = []
        self.error = error

    def __call__(self, task: Task) -> None:
        self.ran.append(task.key)
        if self.error is not None:
            raise self.error


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store() -> InMemoryTaskStore:
    return InMemoryTaskStore()


def make_worker(store, clock, registry, **kwargs) -> TaskWorker:
    return TaskWorker(
        store=store, registry=registry, clock=clock, owner="test", **kwargs
    )


def enqueue(store, clock, task="A", schema=Schema.INT, **kwargs) -> int:
    return store.enqueue(NewTask(task=task, schema=schema, **kwargs), now=clock.now())


class TestDrain:
    """A drain runs every ready task once, ExtSchema first, and then stops."""

    def test_every_ready_task_completes_once(self, store, clock):
        """Twenty-five tasks over both schemas, batches of ten: all complete."""
        handler = Recorder()
        for i in range(25):
            enqueue(store, clock, schema=Schema.EXT if i % 2 else Schema.INT)
        report = make_worker(store, clock, HandlerRegistry({"A": handler})).drain()
        assert (report.completed, report.failed, report.ok) == (25, 0, True)
        assert sorted(handler.ran) == sorted(set(handler.ran))
        assert {t.status for t in store.tasks.values()} == {TaskStatus.COMPLETE}

    def test_extschema_batch_runs_before_intschema(self, store, clock):
        """The order of a run is ExtSchema then IntSchema, as in the original."""
        handler = Recorder()
        enqueue(store, clock, schema=Schema.INT)
        enqueue(store, clock, schema=Schema.EXT)
        make_worker(store, clock, HandlerRegistry({"A": handler})).drain()
        assert [schema for schema, _ in handler.ran] == [Schema.EXT, Schema.INT]

    def test_follow_on_tasks_run_in_the_same_drain(self, store, clock):
        """A task an ExtSchema handler enqueues into IntSchema runs in the same run."""
        follow_on = Recorder()

        def first(task: Task) -> None:
            enqueue(store, clock, task="B", claim_id=task.claim_id)

        registry = HandlerRegistry({"A": first, "B": follow_on})
        enqueue(store, clock, schema=Schema.EXT, claim_id=9)
        report = make_worker(store, clock, registry).drain()
        assert (report.completed, len(follow_on.ran)) == (2, 1)

    def test_max_batches_bounds_a_run(self, store, clock):
        """--max-batches stops a drain early, leaving the rest PENDING."""
        for _ in range(30):
            enqueue(store, clock)
        worker = make_worker(store, clock, HandlerRegistry({"A": Recorder()}))
        report = worker.drain(max_batches=2)
        assert report.completed == 10  # one ExtSchema (empty) and one IntSchema batch
        pending = [t for t in store.tasks.values() if t.status == TaskStatus.PENDING]
        assert len(pending) == 20


class TestFailures:
    """Nothing is stuck, and one failure never stops the rest of the batch."""

    def test_unknown_task_type_is_failed_with_the_reason(self, store, clock):
        """An unregistered type ends FAILED naming the type, not IN-PROGRESS."""
        task_id = enqueue(store, clock, task="NO-SUCH-TASK")
        report = make_worker(store, clock, HandlerRegistry()).drain()
        task = store.get(Schema.INT, task_id)
        assert (task.status, report.failed, report.ok) == (TaskStatus.FAILED, 1, False)
        assert "NO-SUCH-TASK" in (task.last_error or "")

    def test_a_failing_task_does_not_stop_its_batch(self, store, clock):
        """The tasks after a failing one in the same batch still complete."""
        ok = Recorder()
        enqueue(store, clock, task="BAD")
        for _ in range(3):
            enqueue(store, clock, task="OK")
        registry = HandlerRegistry({"BAD": Recorder(ValueError("boom")), "OK": ok})
        report = make_worker(store, clock, registry).drain()
        assert (report.completed, report.failed, len(ok.ran)) == (3, 1, 3)

    def test_permanent_errors_fail_at_once_with_their_message(self, store, clock):
        """A PermanentError is not retried; its message becomes LastError."""
        task_id = enqueue(store, clock)
        registry = HandlerRegistry({"A": Recorder(PermanentError("claim 7 is gone"))})
        make_worker(store, clock, registry).drain()
        task = store.get(Schema.INT, task_id)
        assert (task.status, task.last_error, task.attempts) == (
            TaskStatus.FAILED,
            "claim 7 is gone",
            1,
        )

    def test_unexpected_exceptions_record_only_their_type(self, store, clock, caplog):
        """An exception we did not write may hold personal data: the row gets its type."""
        task_id = enqueue(store, clock)
        error = KeyError("jane.doe@example.com")
        caplog.set_level(logging.ERROR)
        make_worker(store, clock, HandlerRegistry({"A": Recorder(error)})).drain()
        reason = store.get(Schema.INT, task_id).last_error or ""
        assert "KeyError" in reason
        assert "example.com" not in reason

    def test_retryable_errors_come_back_after_a_back_off(self, store, clock):
        """A RetryableError puts the task back with NextAttemptDate in the future."""
        task_id = enqueue(store, clock)
        policy = RetryPolicy(max_attempts=3, base_delay=timedelta(minutes=1))
        worker = make_worker(
            store,
            clock,
            HandlerRegistry({"A": Recorder(RetryableError("busy"))}),
            retry_policy=policy,
        )
        report = worker.drain()
        task = store.get(Schema.INT, task_id)
        assert (report.retried, task.status) == (1, TaskStatus.PENDING)
        assert task.next_attempt == clock.now() + timedelta(minutes=1)

    def test_retries_stop_at_max_attempts(self, store, clock):
        """After max_attempts claims a retryable failure ends FAILED."""
        task_id = enqueue(store, clock)
        policy = RetryPolicy(max_attempts=3, base_delay=timedelta(minutes=1))
        handler = Recorder(RetryableError("busy"))
        worker = make_worker(
            store, clock, HandlerRegistry({"A": handler}), retry_policy=policy
        )
        for _ in range(5):
            worker.drain()
            clock.advance(timedelta(hours=1))
        task = store.get(Schema.INT, task_id)
        assert (len(handler.ran), task.status) == (3, TaskStatus.FAILED)
        assert (task.last_error or "").startswith("gave up after 3 attempts")

    def test_a_task_that_keeps_killing_its_worker_is_abandoned(self, store, clock):
        """A task reclaimed past max_attempts (its worker died each time) ends FAILED."""
        task_id = enqueue(store, clock)
        lease = timedelta(minutes=30)
        for _ in range(3):
            store.claim(Schema.INT, limit=1, now=clock.now(), lease=lease, owner="x")
            clock.advance(lease + timedelta(seconds=1))
        handler = Recorder()
        policy = RetryPolicy(max_attempts=2)
        make_worker(
            store, clock, HandlerRegistry({"A": handler}), retry_policy=policy
        ).drain()
        task = store.get(Schema.INT, task_id)
        assert (task.status, handler.ran) == (TaskStatus.FAILED, [])
        assert (task.last_error or "").startswith("abandoned")


class TestLeases:
    """A dead worker's tasks come back; a worker that lost its lease writes nothing."""

    def test_stranded_tasks_are_run_after_the_lease(self, store, clock):
        """A task left IN-PROGRESS by a killed worker completes on a later run."""
        task_id = enqueue(store, clock)
        store.claim(
            Schema.INT,
            limit=10,
            now=clock.now(),
            lease=timedelta(minutes=30),
            owner="dead",
        )
        worker = make_worker(store, clock, HandlerRegistry({"A": Recorder()}))
        assert worker.drain().claimed == 0
        clock.advance(timedelta(minutes=31))
        report = worker.drain()
        task = store.get(Schema.INT, task_id)
        assert (report.completed, task.status, task.attempts) == (
            1,
            TaskStatus.COMPLETE,
            2,
        )

    def test_a_worker_that_outlived_its_lease_does_not_overwrite(self, store, clock):
        """If another worker took the task over, the late outcome is not recorded."""
        task_id = enqueue(store, clock)

        def slow(task: Task) -> None:
            clock.advance(timedelta(minutes=31))
            store.claim(
                Schema.INT,
                limit=1,
                now=clock.now(),
                lease=timedelta(minutes=30),
                owner="other",
            )

        report = make_worker(store, clock, HandlerRegistry({"A": slow})).drain()
        assert (report.lease_lost, report.completed) == (1, 0)
        assert store.get(Schema.INT, task_id).lease_owner == "other"


class TestStopping:
    """SIGTERM: finish the task in hand, hand the rest back, exit."""

    def test_stop_hands_back_the_unstarted_rest_of_the_batch(self, store, clock):
        """Tasks claimed but not started go back to PENDING with their attempt."""
        for _ in range(5):
            enqueue(store, clock)
        worker: TaskWorker

        def stop_after_first(task: Task) -> None:
            worker.stop()

        worker = make_worker(store, clock, HandlerRegistry({"A": stop_after_first}))
        report = worker.drain()
        statuses = sorted(str(t.status) for t in store.tasks.values())
        assert (report.completed, report.released) == (1, 4)
        assert statuses == ["COMPLETE"] + ["PENDING"] * 4
        assert {t.attempts for t in store.tasks.values() if t.status == "PENDING"} == {
            0
        }

    def test_poll_returns_once_stopped(self, store, clock):
        """Polling drains, then stops when asked, without waiting out its sleep."""
        enqueue(store, clock)
        worker = make_worker(store, clock, HandlerRegistry({"A": Recorder()}))
        worker.poll(on_drained=lambda report: worker.stop())
        assert store.get(Schema.INT, 1).status == TaskStatus.COMPLETE


class CountingStore(InMemoryTaskStore):
    """The in-memory store, counting how many times outcomes are written."""

    def __init__(self) -> None:
        super().__init__()
        self.record_calls = 0
        self.calls: list[tuple[str, int]] = []

    def record(self, outcomes: Outcomes, *, now):
        self.record_calls += 1
        return super().record(outcomes, now=now)

    def record_and_claim(self, outcomes: Outcomes, schema: Schema, **kwargs):
        self.calls.append(("record_and_claim", len(outcomes.tasks())))
        return super().record_and_claim(outcomes, schema, **kwargs)

    def claim(self, schema: Schema, **kwargs):
        self.calls.append(("claim", 0))
        return super().claim(schema, **kwargs)


class TestBatchedOutcomes:
    """A batch's outcomes are written together, and handlers may complete their own."""

    def test_a_batch_records_its_outcomes_in_one_write(self, clock):
        """Completions, failures and retries of ten tasks: one call to the store."""
        store = CountingStore()
        for task_type in ["A"] * 6 + ["BAD"] * 2 + ["BUSY"] * 2:
            enqueue(store, clock, task=task_type)
        registry = HandlerRegistry(
            {
                "A": Recorder(),
                "BAD": Recorder(PermanentError("bad data")),
                "BUSY": Recorder(RetryableError("busy")),
            }
        )
        outcome = make_worker(store, clock, registry).run_batch(Schema.INT)
        assert (outcome.completed, outcome.failed, outcome.retried) == (6, 2, 2)
        assert store.record_calls == 1

    def test_a_handler_that_completed_its_task_needs_no_write(self, clock):
        """Completed.IN_TRANSACTION counts as completed and records nothing."""
        store = CountingStore()

        def completes_itself(task: Task) -> Completed:
            store.complete_in_transaction(task, now=clock.now())
            return Completed.IN_TRANSACTION

        task_id = enqueue(store, clock, task="SELF")
        registry = HandlerRegistry({"SELF": completes_itself})
        report = make_worker(store, clock, registry).drain()
        assert (report.completed, store.record_calls) == (1, 0)
        assert store.get(Schema.INT, task_id).status == TaskStatus.COMPLETE

    def test_a_handler_that_lost_its_lease_is_counted_and_not_recorded(self, clock):
        """LeaseLostError from a handler: nothing written, counted as lease lost."""
        store = CountingStore()
        task_id = enqueue(store, clock, task="LOST")
        registry = HandlerRegistry({"LOST": Recorder(LeaseLostError())})
        report = make_worker(store, clock, registry).drain()
        assert (report.lease_lost, report.failed, store.record_calls) == (1, 0, 0)
        assert store.get(Schema.INT, task_id).status == TaskStatus.IN_PROGRESS

    def test_a_store_that_fails_to_record_leaves_the_leases_to_expire(self, clock):
        """The outcome write failing is counted; the tasks stay IN-PROGRESS."""
        store = CountingStore()
        task_id = enqueue(store, clock)

        def broken(outcomes: Outcomes, *, now):
            raise RetryableError("connection lost")

        def broken_too(outcomes: Outcomes, schema: Schema, **kwargs):
            raise RetryableError("connection lost")

        store.record = broken  # type: ignore[method-assign]
        store.record_and_claim = broken_too  # type: ignore[method-assign]
        report = make_worker(store, clock, HandlerRegistry({"A": Recorder()})).drain()
        assert report.completed == 0
        assert report.store_errors >= 1
        assert store.get(Schema.INT, task_id).status == TaskStatus.IN_PROGRESS


class TestInterruptedBatch:
    """An interrupt mid-batch still records what the batch had done."""

    def test_outcomes_before_a_keyboard_interrupt_are_recorded(self, store, clock):
        """The first task's COMPLETE is written although the second interrupts."""
        first = enqueue(store, clock, task="A")
        enqueue(store, clock, task="STOP")
        registry = HandlerRegistry(
            {"A": Recorder(), "STOP": Recorder(KeyboardInterrupt())}
        )
        with pytest.raises(KeyboardInterrupt):
            make_worker(store, clock, registry).run_batch(Schema.INT)
        assert store.get(Schema.INT, first).status == TaskStatus.COMPLETE


class WithFallback(Recorder):
    """A failing handler with a failure fallback that records what it was told."""

    def __init__(self, error: BaseException, fallback_error: Exception | None = None):
        super().__init__(error)
        self.told: list[str] = []
        self.fallback_error = fallback_error

    def on_failure(self, task: Task, reason: str) -> str:
        self.told.append(reason)
        if self.fallback_error is not None:
            raise self.fallback_error
        return reason + "; fell back"


class TestFailureFallback:
    """A handler's `on_failure` runs once its task is decided FAILED, never before."""

    def test_permanent_failure_runs_the_fallback_and_records_its_reason(
        self, store, clock
    ):
        """The recorded reason is the one the fallback returns."""
        handler = WithFallback(PermanentError("refused"))
        task_id = enqueue(store, clock)
        make_worker(store, clock, HandlerRegistry({"A": handler})).drain()
        assert (handler.told, store.tasks[(Schema.INT, task_id)].last_error) == (
            ["refused"],
            "refused; fell back",
        )

    def test_fallback_waits_until_the_retries_are_used_up(self, store, clock):
        """Three retryable failures under max_attempts=3: one fallback, at the end."""
        handler = WithFallback(RetryableError("down"))
        enqueue(store, clock)
        policy = RetryPolicy(max_attempts=3, base_delay=timedelta(0))
        worker = make_worker(
            store, clock, HandlerRegistry({"A": handler}), retry_policy=policy
        )
        worker.drain()
        assert (len(handler.ran), handler.told) == (
            3,
            ["gave up after 3 attempts: down"],
        )

    def test_abandoned_task_runs_the_fallback_without_running_the_handler(
        self, store, clock
    ):
        """Claimed past max_attempts by dying workers: fallback only, then FAILED."""
        handler = WithFallback(PermanentError("never raised"))
        task_id = enqueue(store, clock)
        key = (Schema.INT, task_id)
        store.tasks[key] = attrs.evolve(store.tasks[key], attempts=3)
        policy = RetryPolicy(max_attempts=3, base_delay=timedelta(0))
        worker = make_worker(
            store, clock, HandlerRegistry({"A": handler}), retry_policy=policy
        )
        worker.drain()
        assert (handler.ran, len(handler.told)) == ([], 1)
        assert handler.told[0].startswith("abandoned: claimed 4 times")

    def test_a_failing_fallback_is_named_in_the_reason(self, store, clock):
        """The task still ends FAILED, and the reason says to retry it."""
        handler = WithFallback(PermanentError("refused"), RuntimeError("db gone"))
        task_id = enqueue(store, clock)
        make_worker(store, clock, HandlerRegistry({"A": handler})).drain()
        task = store.tasks[(Schema.INT, task_id)]
        assert (task.status, task.last_error) == (
            TaskStatus.FAILED,
            (
                "refused; its fallback failed too (RuntimeError): retry the task"
                " (hmpps-workers tasks retry)"
            ),
        )


class TestUnreadableRows:
    """A task the store could not read whole fails by itself, unrun."""

    def test_unreadable_task_fails_with_its_reason_and_the_next_runs(
        self, store, clock
    ):
        """The handler never sees it; the reason the store gave is recorded."""
        handler = Recorder()
        bad = enqueue(store, clock)
        good = enqueue(store, clock)
        key = (Schema.INT, bad)
        store.tasks[key] = attrs.evolve(
            store.tasks[key], unreadable="the task row's AdditionalData is not valid"
        )
        report = make_worker(store, clock, HandlerRegistry({"A": handler})).drain()
        assert (handler.ran, report.failed) == ([(Schema.INT, good)], 1)
        assert (
            store.tasks[key].last_error == "the task row's AdditionalData is not valid"
        )


class TestOutcomesRideWithTheNextClaim:
    """In a drain a batch's outcomes are recorded in the call claiming the next."""

    def test_each_batch_is_recorded_by_the_next_claim(self, clock):
        """Thirty tasks in tens: one claim, then three record-and-claims, no record."""
        store = CountingStore()
        for _ in range(30):
            enqueue(store, clock)
        worker = make_worker(
            store, clock, HandlerRegistry({"A": Recorder()}), schemas=(Schema.INT,)
        )
        report = worker.drain()
        expected = [("claim", 0)] + [("record_and_claim", 10)] * 3
        assert (store.calls, store.record_calls) == (expected, 0)
        assert (report.batches, report.claimed, report.completed) == (4, 30, 30)

    def test_a_drain_that_stops_after_a_batch_records_it_before_returning(self, clock):
        """max_batches reached: the last batch is recorded on its own, then return."""
        store = CountingStore()
        for _ in range(30):
            enqueue(store, clock)
        worker = make_worker(
            store, clock, HandlerRegistry({"A": Recorder()}), schemas=(Schema.INT,)
        )
        report = worker.drain(max_batches=2)
        assert (report.completed, store.record_calls) == (20, 1)
        assert store.counts()[(Schema.INT, "COMPLETE")] == 20

    def test_a_stop_between_batches_records_the_batch_before_returning(self, clock):
        """Stopped by the batch's last task: recorded at once, nothing more claimed."""
        store = CountingStore()
        for _ in range(20):
            enqueue(store, clock)
        worker: TaskWorker
        ran: list[int] = []

        def stop_on_tenth(task: Task) -> None:
            ran.append(task.task_id)
            if len(ran) == 10:
                worker.stop()

        worker = make_worker(
            store, clock, HandlerRegistry({"A": stop_on_tenth}), schemas=(Schema.INT,)
        )
        report = worker.drain()
        assert (report.completed, store.record_calls, len(store.calls)) == (10, 1, 1)
        assert store.counts()[(Schema.INT, "PENDING")] == 10

    def test_an_interrupt_records_what_was_done_in_both_batches(self, clock):
        """KeyboardInterrupt in the second batch: the first and the done are kept."""
        store = CountingStore()
        for _ in range(20):
            enqueue(store, clock)
        ran: list[int] = []

        def interrupt_on_fifteenth(task: Task) -> None:
            ran.append(task.task_id)
            if len(ran) == 15:
                raise KeyboardInterrupt

        worker = make_worker(
            store,
            clock,
            HandlerRegistry({"A": interrupt_on_fifteenth}),
            schemas=(Schema.INT,),
        )
        with pytest.raises(KeyboardInterrupt):
            worker.drain()
        counts = store.counts()
        assert (
            counts[(Schema.INT, "COMPLETE")],
            counts[(Schema.INT, "IN-PROGRESS")],
        ) == (
            14,
            6,
        )

    def test_a_failed_record_and_claim_records_the_outcomes_on_their_own(self, clock):
        """The combined call refused: the outcomes are recorded alone, then stop."""
        store = CountingStore()
        for _ in range(20):
            enqueue(store, clock)

        def refused(outcomes: Outcomes, schema: Schema, **kwargs):
            raise RetryableError("claim refused")

        store.record_and_claim = refused  # type: ignore[method-assign]
        worker = make_worker(
            store, clock, HandlerRegistry({"A": Recorder()}), schemas=(Schema.INT,)
        )
        report = worker.drain()
        assert (report.completed, report.store_errors, store.record_calls) == (10, 1, 1)
        assert store.counts()[(Schema.INT, "COMPLETE")] == 10

    def test_a_lease_lost_in_the_combined_call_is_counted(self, clock):
        """A task taken over while its batch ran: lease lost, the rest recorded."""
        store = CountingStore()
        for _ in range(3):
            enqueue(store, clock)
            clock.advance(timedelta(seconds=1))

        def taken_over(task: Task) -> None:
            if task.task_id == 1:
                store.tasks[task.key] = attrs.evolve(
                    store.tasks[task.key], lease_owner="someone else"
                )

        worker = make_worker(
            store,
            clock,
            HandlerRegistry({"A": taken_over}),
            schemas=(Schema.INT,),
            batch_size=2,
        )
        report = worker.drain()
        assert (report.completed, report.lease_lost) == (2, 1)
        assert store.get(Schema.INT, 1).lease_owner == "someone else"

    def test_a_store_wrapper_that_forwards_by_getattr_keeps_record_then_claim(
        self, clock
    ):
        """A wrapper intercepting `record` sees every outcome: no combined call."""

        @attrs.define
        class Intercepting:
            inner: CountingStore
            seen: list[int] = attrs.field(factory=list)

            def __getattr__(self, name: str):
                return getattr(self.inner, name)

            def record(self, outcomes: Outcomes, *, now):
                self.seen.extend(t.task_id for t in outcomes.tasks())
                return self.inner.record(outcomes, now=now)

        inner = CountingStore()
        for _ in range(20):
            enqueue(inner, clock)
        wrapper = Intercepting(inner)
        worker = make_worker(
            wrapper, clock, HandlerRegistry({"A": Recorder()}), schemas=(Schema.INT,)
        )
        report = worker.drain()
        assert (report.completed, sorted(wrapper.seen)) == (20, list(range(1, 21)))
        assert ("record_and_claim", 10) not in inner.calls
