"""A handler step's writes pipelined on PostgreSQL: all or nothing, in two round trips.

BEGIN and every statement of a step go out together and the guards (the task's
lease, the claim's status or existence) are read at the sync point; the COMMIT
follows only when they all hold (`adapters/sql/pipeline.py`).
"""

from __future__ import annotations

from contextlib import suppress
from datetime import timedelta
from decimal import Decimal

import attrs
import pytest
import sqlalchemy as sa
from sqlalchemy import event

from hmpps_workers.adapters.errors import DatabaseError, DatabaseUnavailableError
from hmpps_workers.adapters.sql.errors import translate_errors
from hmpps_workers.adapters.sql.pipeline import Guards, write_pipelined
from hmpps_workers.adapters.sql.prison_visits.claim_updates import SqlClaimUpdates
from hmpps_workers.adapters.sql.prison_visits.internal_tables import int_claim_event
from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from hmpps_workers.adapters.sql.prison_visits.seed import seed_claim
from hmpps_workers.adapters.sql.prison_visits.seed_journeys import seed_journey
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.errors import LeaseLostError
from hmpps_workers.core.prison_visits.claims.move import plan_claim_move
from hmpps_workers.core.prison_visits.claims.records import ClaimEvent, ClaimKey
from hmpps_workers.core.prison_visits.handlers import ClaimUpdate
from hmpps_workers.core.prison_visits.handlers.ports import PricedJourney
from hmpps_workers.core.tasks import NewTask, Schema, Task, TaskFilter, TaskStatus
from hmpps_workers.core.testing.claim_builders import claim_graph
from hmpps_workers.core.testing.claim_journeys import approvable_journey
from hmpps_workers.core.testing.handler_world import OFFICE_HOURS
from support.databases import statements_sent

pytestmark = pytest.mark.postgres
NOW = OFFICE_HOURS
LEASE = timedelta(minutes=5)


@pytest.fixture
def engine(proxied) -> sa.Engine:
    """The proxied engine alone."""
    return proxied[0]


def _claimed(engine: sa.Engine, *, owner: str = "w1") -> Task:
    store = SqlTaskStore(engine)
    store.enqueue(NewTask(task="STEP"), now=NOW)
    (task,) = store.claim(Schema.INT, limit=1, now=NOW, lease=LEASE, owner=owner)
    return task


def _taken_over(engine: sa.Engine) -> Task:
    """A task claimed by `w1` whose lease then expired and went to `w2`."""
    lost = _claimed(engine)
    later = NOW + LEASE + timedelta(seconds=1)
    SqlTaskStore(engine).claim(Schema.INT, limit=1, now=later, lease=LEASE, owner="w2")
    return lost


def _approval(engine: sa.Engine, task: Task, *, expected: str = "") -> ClaimUpdate:
    """AUTO-APPROVAL-CHECK's step on a new IntSchema claim: five guarded writes."""
    claim = seed_claim(engine, Schema.INT, claim_graph()).claim
    return ClaimUpdate(
        claim_id=claim.claim_id,
        eligibility_id=claim.eligibility_id,
        reference=claim.reference,
        now=NOW,
        expected_statuses=frozenset({expected or claim.status}),
        auto_approved=True,
        events=(
            ClaimEvent(
                eligibility_id=claim.eligibility_id,
                claim_id=claim.claim_id,
                reference=claim.reference,
                date_added=NOW,
                event="CLAIM-AUTO-APPROVED",
            ),
        ),
        follow_on_tasks=(NewTask(task="FOLLOW-ON"),),
        completes=task,
    )


def _written(engine: sa.Engine, update: ClaimUpdate) -> tuple[str, int, int]:
    """The claim's status, its events and the follow-on tasks now stored."""
    with engine.connect() as connection:
        status = connection.execute(
            sa.select(INT.claim.c.Status).where(INT.claim.c.ClaimId == update.claim_id)
        ).scalar_one()
        events = connection.execute(
            sa.select(sa.func.count()).select_from(int_claim_event)
        ).scalar_one()
    follow_on = SqlTaskStore(engine).find(
        TaskFilter(task_types=("FOLLOW-ON",)), now=NOW
    )
    return str(status), int(events), len(follow_on)


def _task_status(engine: sa.Engine, task: Task) -> str:
    (row,) = SqlTaskStore(engine).find(
        TaskFilter(schema=task.schema, task_ids=(task.task_id,)), now=NOW
    )
    return str(row.status)


class TestPipelinedStep:
    """SqlClaimUpdates.apply on psycopg: guards read at the sync, then COMMIT."""

    def test_a_step_that_holds_is_committed_whole(self, engine):
        """The approval, its event, the follow-on task and the COMPLETE are stored."""
        task = _claimed(engine)
        update = _approval(engine, task)
        applied = SqlClaimUpdates(engine).apply(update)
        expected = (True, ("AUTO-APPROVED", 1, 1), TaskStatus.COMPLETE)
        actual = (applied, _written(engine, update), _task_status(engine, task))
        assert expected == actual

    def test_a_lost_lease_rolls_everything_back(self, engine):
        """LeaseLostError; the claim, events and tasks are as they were."""
        lost = _taken_over(engine)
        update = _approval(engine, lost)
        before = _written(engine, update)
        with pytest.raises(LeaseLostError):
            SqlClaimUpdates(engine).apply(update)
        expected = (before, TaskStatus.IN_PROGRESS)
        actual = (_written(engine, update), _task_status(engine, lost))
        assert expected == actual

    def test_a_lost_lease_wins_over_a_moved_on_claim(self, engine):
        """Both guards fail: the task's, made first, is the one raised."""
        lost = _taken_over(engine)
        update = _approval(engine, lost, expected="APPROVED")
        with pytest.raises(LeaseLostError):
            SqlClaimUpdates(engine).apply(update)

    def test_a_moved_on_claim_rolls_everything_back(self, engine):
        """False; the task is not completed and nothing else is written."""
        task = _claimed(engine)
        update = _approval(engine, task, expected="APPROVED")
        before = _written(engine, update)
        applied = SqlClaimUpdates(engine).apply(update)
        expected = (False, before, TaskStatus.IN_PROGRESS)
        actual = (applied, _written(engine, update), _task_status(engine, task))
        assert expected == actual

    def test_a_server_error_mid_pipeline_rolls_back_and_is_raised_translated(
        self, engine
    ):
        """A cost too large for its column: DatabaseError, no SQL, nothing written."""
        task = _claimed(engine)
        update = _approval(engine, task)
        (expense, *_) = seed_claim(
            engine, Schema.INT, claim_graph(reference="XYZ9876", base_id=2000)
        ).expenses
        overflowing = PricedJourney(
            claim_expense_id=expense.claim_expense_id,
            from_post_code="AB1 2CD",
            to_post_code="EF3 4GH",
            distance=Decimal(1),
            cost=Decimal("1e20"),
        )
        before = _written(engine, update)
        with pytest.raises(DatabaseError) as raised:
            SqlClaimUpdates(engine).apply(attrs.evolve(update, prices=(overflowing,)))
        expected = (before, TaskStatus.IN_PROGRESS, False)
        actual = (
            _written(engine, update),
            _task_status(engine, task),
            "UPDATE" in str(raised.value),
        )
        assert expected == actual

    def test_a_connection_lost_at_the_sync_is_invalidated(self, engine):
        """The server ends the session mid-pipeline: unavailable, retried later."""
        with (
            pytest.raises(DatabaseUnavailableError),
            translate_errors("end the session"),
            engine.connect() as connection,
            connection.begin() as transaction,
        ):
            write_pipelined(
                connection,
                transaction,
                lambda _: connection.exec_driver_sql(
                    "SELECT pg_terminate_backend(pg_backend_pid())"
                ),
            )
        with engine.connect() as connection:  # the pool hands out a live one
            assert connection.exec_driver_sql("SELECT 1").scalar_one() == 1


class TestConnectionsHandedBack:
    """psycopg's autocommit, switched on for a transaction, is off again after it."""

    @pytest.mark.parametrize(
        "outcome", ["applied", "lease lost", "moved on", "refused", "moved claim"]
    )
    def test_no_connection_goes_back_to_the_pool_in_autocommit(self, engine, outcome):
        """Checked at every check-in, whatever the transaction's end."""
        task = _claimed(engine)
        update = _approval(engine, task)
        if outcome == "lease lost":
            update = attrs.evolve(update, completes=attrs.evolve(task, lease_owner="x"))
        if outcome == "moved on":
            update = attrs.evolve(update, expected_statuses=frozenset({"APPROVED"}))
        if outcome == "refused":
            update = attrs.evolve(update, follow_on_tasks=(NewTask(task="X" * 999),))
        seen: list[bool] = []
        event.listen(engine, "checkin", lambda dbapi, _: seen.append(dbapi.autocommit))
        with suppress(LeaseLostError, DatabaseError):
            if outcome == "moved claim":
                _move_a_claim(engine)
            else:
                SqlClaimUpdates(engine).apply(update)
        assert seen
        assert not any(seen)


def _move_a_claim(engine: sa.Engine) -> None:
    """COMPLETE-CLAIM's move of a submitted repeat claim."""
    submitted = seed_journey(engine, approvable_journey(NOW), now=NOW).claim
    key = ClaimKey(
        reference=submitted.reference,
        eligibility_id=submitted.eligibility_id,
        claim_id=submitted.claim_id,
    )
    SqlClaimRepository(engine).move_to_internal(
        key,
        lambda s: plan_claim_move(s.external, claim_type="repeat", now=NOW),
        now=NOW,
    )


class TestRoundTrips:
    """What a pipelined step costs, counted by the proxy."""

    def test_a_step_costs_two_round_trips_whatever_its_statements(self, proxied):
        """BEGIN and five statements at one sync point, then the COMMIT."""
        engine, trips = proxied
        update = _approval(engine, _claimed(engine))
        with statements_sent(engine) as sent, trips.count():
            SqlClaimUpdates(engine).apply(update)
        expected = (["UPDATE", "UPDATE", "UPDATE", "INSERT", "INSERT"], 2)
        actual = ([statement.split()[0] for statement, _, _ in sent], trips.seen)
        assert expected == actual


class TestPsycopgCanary:
    """What `Guards` relies on in psycopg (version-pinned internals)."""

    def test_a_closed_cursor_gets_its_rowcount_at_the_sync(self, engine):
        """SQLAlchemy keeps -1 for a pipelined UPDATE; its cursor has the count."""
        task = _claimed(engine)
        with engine.connect() as connection, connection.begin():
            driver = connection.connection.driver_connection
            assert driver is not None
            guards = Guards(deferred=True)
            with driver.pipeline():
                result = connection.execute(
                    sa.text('UPDATE "IntSchema"."Task" SET "Status" = "Status"')
                )
                guards.expect(result, 99, LookupError)
                cursor = result.context.cursor
                assert (result.rowcount, cursor.closed) == (-1, True)
            with pytest.raises(LookupError):
                guards.settle()
            expected = (-1, 1)
            actual = (result.rowcount, cursor.rowcount)
        assert task.task_id is not None
        assert expected == actual
