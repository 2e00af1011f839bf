"""What the handlers' SQL reads and writes cost: freshness of cached settings, guards.

Statements are counted with the same SQLAlchemy event the claims bench uses.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import attrs
import pytest
import sqlalchemy as sa
from sqlalchemy import event

from hmpps_workers.adapters.sql.prison_visits.claim_updates import SqlClaimUpdates
from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_auto_approval_config,
)
from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from hmpps_workers.adapters.sql.prison_visits.seed import seed_claim
from hmpps_workers.adapters.sql.prison_visits.seed_journeys import seed_journey
from hmpps_workers.core.prison_visits.approval import (
    AutoApprovalDefaults,
    SkipReason,
    decide,
    resolve_settings,
)
from hmpps_workers.core.prison_visits.claims.records import ClaimKey
from hmpps_workers.core.prison_visits.handlers import ClaimUpdate
from hmpps_workers.core.prison_visits.handlers.approval import AutoApprovalCheck
from hmpps_workers.core.prison_visits.handlers.ports import BenefitResult
from hmpps_workers.core.tasks import HandlerRegistry
from hmpps_workers.core.tasks.model import NewTask, Schema
from hmpps_workers.core.testing.claim_builders import claim_graph, evolve_claim
from hmpps_workers.core.testing.claim_journeys import approvable_journey
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.handler_world import OFFICE_HOURS
from hmpps_workers.runners.env import Secret
from hmpps_workers.runners.prison_visits import handlers
from hmpps_workers.runners.prison_visits.bootstrap import bootstrap, build_worker
from hmpps_workers.runners.prison_visits.config import DatabaseConfig, WorkerConfig
from hmpps_workers.runners.prison_visits.handlers import fake_integrations
from support.databases import backend_url, fresh_engine

NOW = datetime(2024, 7, 2, 10, 0, tzinfo=UTC)


@attrs.define
class Seconds:
    """A monotonic clock the test moves."""

    value: float = 1000.0

    def __call__(self) -> float:
        """The current reading."""
        return self.value


def _add_config(engine: sa.Engine, config_id: int, cost_per_mile: str) -> None:
    with engine.begin() as connection:
        connection.execute(
            sa.insert(int_auto_approval_config).values(
                AutoApprovalConfigId=config_id,
                DateCreated=NOW.replace(minute=config_id),
                IsEnabled=True,
                AutoApprovalEnabled=True,
                CostPerMile=cost_per_mile,
            )
        )


@attrs.define
class Statements:
    """Statements sent on an engine while counting (transaction starts excluded)."""

    sent: list[str] = attrs.field(factory=list)

    def __call__(self, *args: object) -> None:
        """Record one statement's first word."""
        text = str(args[2]).lstrip()
        if text[:5].upper() != "BEGIN":
            self.sent.append(text.split(None, 1)[0].upper())


@pytest.fixture
def statements(engine):
    """Every statement the engine sends from here on."""
    counter = Statements()
    event.listen(engine, "before_cursor_execute", counter)
    yield counter
    event.remove(engine, "before_cursor_execute", counter)


class TestAutoApprovalConfigFreshness:
    """The settings are read at most once per freshness window per process."""

    def test_a_second_read_within_the_window_sends_no_statement(
        self, engine, statements
    ):
        """Two handlers in a batch share one read of the settings row."""
        _add_config(engine, 1, "0.20")
        statements.sent.clear()
        repository = SqlClaimRepository(engine, monotonic=Seconds())
        first = repository.auto_approval_config()
        second = repository.auto_approval_config()
        assert (["SELECT"], first) == (statements.sent, second)

    def test_a_change_is_seen_once_the_window_has_passed(self, engine):
        """An operator's new settings apply within the documented freshness."""
        clock = Seconds()
        repository = SqlClaimRepository(engine, monotonic=clock)
        assert repository.auto_approval_config() is None
        _add_config(engine, 2, "0.30")
        still = repository.auto_approval_config()
        clock.value += repository.config_freshness.total_seconds()
        fresh = repository.auto_approval_config()
        assert fresh is not None
        assert (still, fresh.auto_approval_config_id) == (None, 2)


def _seeded(engine):
    stored = seed_claim(engine, Schema.INT, evolve_claim(claim_graph(), status="NEW"))
    return stored.claim


def _update(claim, **changes):
    return ClaimUpdate(
        claim_id=claim.claim_id,
        eligibility_id=claim.eligibility_id,
        reference=claim.reference,
        now=NOW,
        **changes,
    )


def _next_task(claim, task_type="AUTO-APPROVAL-CHECK"):
    return NewTask(
        task=task_type,
        schema=Schema.INT,
        reference=claim.reference,
        eligibility_id=claim.eligibility_id,
        claim_id=claim.claim_id,
    )


class TestClaimUpdateGuards:
    """The claim's existence or status is checked by a write, not a SELECT first."""

    def test_a_step_with_a_follow_on_task_sends_no_status_select(
        self, engine, statements
    ):
        """DWP-CHECK's step: the visitor's result and the task insert, nothing else."""
        claim = _seeded(engine)
        statements.sent.clear()
        applied = SqlClaimUpdates(engine).apply(
            _update(
                claim,
                benefit_result=BenefitResult(visitor_id=1000, result="YES"),
                follow_on_tasks=(_next_task(claim),),
            )
        )
        assert (applied, statements.sent) == (True, ["UPDATE", "INSERT"])

    def test_a_follow_on_task_for_a_claim_that_is_gone_is_not_written(
        self, engine, repository
    ):
        """The guarded insert finds no claim: nothing is written, apply says False."""
        claim = _seeded(engine)
        gone = attrs.evolve(claim, claim_id=claim.claim_id + 999)
        applied = SqlClaimUpdates(engine).apply(
            _update(gone, follow_on_tasks=(_next_task(gone), _next_task(gone, "X")))
        )
        with engine.connect() as connection:
            tasks = connection.execute(
                sa.text('SELECT count(*) FROM "IntSchema"."Task"')
            )
            count = tasks.scalar_one()
        assert (applied, count) == (False, 0)

    def test_several_follow_on_tasks_are_one_insert(self, engine, statements):
        """A step that queues two tasks sends one INSERT for both."""
        claim = _seeded(engine)
        statements.sent.clear()
        applied = SqlClaimUpdates(engine).apply(
            _update(claim, follow_on_tasks=(_next_task(claim), _next_task(claim, "X")))
        )
        assert (applied, statements.sent) == (True, ["INSERT"])

    def test_an_approval_checks_the_status_only_in_its_guarded_update(
        self, engine, statements
    ):
        """AUTO-APPROVED is written by the guarded UPDATE alone; no SELECT first."""
        claim = _seeded(engine)
        statements.sent.clear()
        applied = SqlClaimUpdates(engine).apply(
            _update(
                claim,
                expected_statuses={"NEW"},
                auto_approved=True,
                follow_on_tasks=(_next_task(claim, "ACCEPT-CLAIM-NOTIFICATION"),),
            )
        )
        assert (applied, statements.sent) == (True, ["UPDATE", "UPDATE", "INSERT"])


class TestReadsOutsideWriteTransactions:
    """The handlers' reads hold no write lock and cost no BEGIN/ROLLBACK round trips."""

    def test_a_read_runs_while_another_connection_holds_the_write_lock(
        self, engine, repository
    ):
        """On SQLite a read begins deferred, so a writer's lock does not block it."""
        claim = _seeded(engine)
        with engine.begin() as writer:
            writer.execute(sa.text("SELECT 1"))
            summary = repository.claimant_summary(claim.claim_id)
        assert summary is not None
        assert summary.claim_id == claim.claim_id

    def test_a_read_on_postgresql_runs_outside_a_transaction(self, request, tmp_path):
        """Autocommit reads: no BEGIN before the SELECT, so no ROLLBACK after it."""
        url = backend_url("postgresql", request, tmp_path)
        with fresh_engine(url) as engine:
            self._check_outside_a_transaction(engine)

    def test_a_read_on_sqlite_runs_outside_a_transaction(self, tmp_path):
        """No BEGIN before the SELECT on SQLite either: each read is its own snapshot."""
        with fresh_engine(f"sqlite:///{tmp_path / 'reads.db'}") as engine:
            repository = SqlClaimRepository(engine)
            claim = _seeded(engine)
            sent, open_after = [], []

            def before(_connection, _cursor, statement, *_args):
                sent.append(statement.split()[0].upper())

            def after(connection, *_args):
                dbapi = connection.connection.dbapi_connection
                open_after.append(dbapi.in_transaction)

            event.listen(engine, "before_cursor_execute", before)
            event.listen(engine, "after_cursor_execute", after)
            try:
                repository.claimant_summary(claim.claim_id)
            finally:
                event.remove(engine, "before_cursor_execute", before)
                event.remove(engine, "after_cursor_execute", after)
        assert (sent, open_after) == (["SELECT"], [False])

    def _check_outside_a_transaction(self, engine):
        repository = SqlClaimRepository(engine)
        claim = _seeded(engine)
        statuses = []

        def after(connection, *_args):
            info = connection.connection.dbapi_connection.info
            statuses.append(info.transaction_status.name)

        event.listen(engine, "after_cursor_execute", after)
        try:
            repository.claimant_summary(claim.claim_id)
        finally:
            event.remove(engine, "after_cursor_execute", after)
        assert statuses == ["IDLE"]


class TestApprovalRowsReads:
    """AUTO-APPROVAL-CHECK's rows read skips what cannot change the decision."""

    def _read(self, engine, claim):
        return SqlClaimRepository(engine).approval_rows(
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
            baseline_claim_id=None,
            journey_day=claim.date_of_journey.date(),
            prison_number="A1234BC",
        )

    def test_a_priced_claim_is_read_without_its_events(self, engine, statements):
        """No car journey awaits a price: one UNION ALL of the claim's rows."""
        graph = evolve_claim(claim_graph(), status="NEW")
        car, *others = graph.expenses
        priced = attrs.evolve(
            graph, expenses=(attrs.evolve(car, distance=Decimal("12.00")), *others)
        )
        claim = seed_claim(engine, Schema.INT, priced).claim
        statements.sent.clear()
        found = self._read(engine, claim)
        expected = (False, ["SELECT"])
        assert expected == (found.unpriced_car_journeys, statements.sent)

    def test_a_claim_awaiting_a_price_is_read_with_its_events(self, engine, statements):
        """A car journey without a distance: the events are read too."""
        claim = _seeded(engine)
        statements.sent.clear()
        self._read(engine, claim)
        expected = ["SELECT"] * 2
        assert expected == statements.sent


@attrs.define
class _Watched:
    """A handler whose statements are recorded while it runs."""

    handler: object
    statements: Statements
    watching: bool = False

    def __call__(self, task):
        """Run the handler, recording what it sends."""
        self.watching = True
        try:
            return self.handler(task)
        finally:
            self.watching = False


def _drain_watching(engine, task_type):
    """Drain an approvable claim through the catalogue; `task_type`'s statements."""
    services = bootstrap(
        WorkerConfig(
            database=DatabaseConfig(url=Secret(str(engine.url)), description="test")
        ),
        environ={},
        engine=engine,
        clock=FakeClock(OFFICE_HOURS),
        integrations=fake_integrations({}),
    )
    now = services.clock.now()
    seed_journey(engine, approvable_journey(now), now=now)
    registry = handlers.prison_visits(services)
    watched = _Watched(registry[task_type], Statements())

    def record(*args):
        if watched.watching:
            watched.statements(*args)

    registry = HandlerRegistry({**registry, task_type: watched})
    event.listen(engine, "before_cursor_execute", record)
    try:
        report = build_worker(services, registry).drain()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert (report.completed, report.failed) == (6, 0)
    return watched.statements.sent


class TestCompleteClaimStatements:
    """COMPLETE-CLAIM takes only the unlocked parts its claim has at the lock."""

    def test_a_repeat_claim_without_benefit_or_contact_update_costs_sixteen(
        self, engine
    ):
        """Eighteen before: the empty Benefit and contact-update tables were taken too."""
        sent = _drain_watching(engine, "COMPLETE-CLAIM")
        lock = ["WITH"]
        takes = ["DELETE"] * 5  # bank detail, expenses, children, escorts, documents
        complete = ["UPDATE"]
        # the claim's row, then its six tables, the event and the follow-on tasks
        writes = ["DELETE"] + ["INSERT"] * 8
        assert lock + takes + complete + writes == [s for s in sent if s != "COMMIT"]


class TestAutoApprovalCheckStatements:
    """AUTO-APPROVAL-CHECK reads a claim and its history in two statements."""

    def test_an_approved_claim_costs_two_reads_and_its_writes(self, engine):
        """History with the claim's head, then its rows; then the approval's writes."""
        sent = _drain_watching(engine, "AUTO-APPROVAL-CHECK")
        reads = ["SELECT", "SELECT"]
        # the claim, its expenses, the task's completion, the event, the next task
        writes = ["UPDATE", "UPDATE", "UPDATE", "INSERT", "INSERT"]
        assert reads + writes == sent

    def test_a_claim_that_is_not_new_costs_one_read(self, engine, statements):
        """Its own row has it skipped: its other rows are never read."""
        stored = seed_claim(
            engine,
            Schema.INT,
            evolve_claim(claim_graph(), status="APPROVED", claim_type="repeat"),
        )
        claim = stored.claim
        check = AutoApprovalCheck(
            claims=SqlClaimRepository(engine),
            updates=SqlClaimUpdates(engine),
            defaults=AutoApprovalDefaults(),
            clock=FakeClock(OFFICE_HOURS),
        )
        key = ClaimKey(
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
        )
        settings = resolve_settings(None, AutoApprovalDefaults())
        statements.sent.clear()
        data = check.gather(key, settings)
        expected = (["SELECT"], SkipReason.NOT_NEW)
        actual = (statements.sent, decide(data, settings, NOW).skip_reason)
        assert expected == actual


class TestPricingInputReads:
    """PRICE-CAR-JOURNEYS reads a claim with its expenses in one statement."""

    def test_the_claim_and_its_enabled_expenses_are_one_select(
        self, engine, statements
    ):
        """The head joined to the enabled expenses, one row per expense."""
        claim = _seeded(engine)
        statements.sent.clear()
        found = SqlClaimRepository(engine).pricing_input(
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
        )
        assert found is not None
        expected = (["SELECT"], True)
        assert expected == (statements.sent, len(found.expenses) > 1)


class TestAcceptedClaimNotificationStatements:
    """ACCEPT-CLAIM-NOTIFICATION reads its claim, expenses and deductions at once."""

    def test_the_acceptance_email_costs_one_read(self, engine):
        """The claimant summary, expenses and deductions as one UNION ALL."""
        sent = _drain_watching(engine, "ACCEPT-CLAIM-NOTIFICATION")
        expected = ["SELECT"]
        assert expected == sent
