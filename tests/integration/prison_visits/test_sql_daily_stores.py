"""The SQL daily-job, job-history and deferred-approval stores keep the contracts."""

from __future__ import annotations

from datetime import timedelta

import attrs
import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.metadata import INT_SCHEMA
from hmpps_workers.adapters.sql.prison_visits.archive import (
    SqlClaimArchive,
    create_archive_schema,
)
from hmpps_workers.adapters.sql.prison_visits.claim_updates import SqlClaimUpdates
from hmpps_workers.adapters.sql.prison_visits.daily_store import (
    SqlDailyJobStore,
    SqlDeferredApprovalStore,
    SqlJobHistory,
)
from hmpps_workers.adapters.sql.prison_visits.graph_writer import insert_row
from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_auto_approval,
    int_claim_event,
)
from hmpps_workers.adapters.sql.prison_visits.rows import from_row
from hmpps_workers.adapters.sql.prison_visits.seed import seed_claim
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from hmpps_workers.adapters.sql.task_tables import int_task
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.claims.model import Claim
from hmpps_workers.core.prison_visits.daily.approval import DeferredApprovals
from hmpps_workers.core.prison_visits.daily.approve import DeferredApprover
from hmpps_workers.core.prison_visits.daily.ports import ExternalClaimKey
from hmpps_workers.core.tasks.model import Schema
from hmpps_workers.core.testing.claim_builders import SUBMITTED, claim_graph
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.contracts.daily import (
    NOW,
    DailyJobStoreContract,
    DeferredApprovalStoreContract,
    JobHistoryContract,
    claim,
    deferred,
)


@attrs.define
class SqlDailyEnv:
    engine: sa.Engine
    store: SqlDailyJobStore
    history: SqlJobHistory

    def add_claim(self, data):
        seed_claim(self.engine, Schema.INT, data)

    def claim(self, claim_id):
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(INT.claim).where(INT.claim.c.ClaimId == claim_id)
            ).one()
        return from_row(Claim, row)

    def queued(self, kind):
        t = int_task.c
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(t.ClaimId, t.AdditionalData)
                .where(t.Task == kind)
                .order_by(t.TaskId)
            ).all()
        return [(r.ClaimId, r.AdditionalData) for r in rows]


@attrs.define
class SqlDeferredEnv:
    engine: sa.Engine
    store: SqlDeferredApprovalStore

    def add_claim(self, data):
        seed_claim(self.engine, Schema.INT, data)

    def add_deferred(self, approval):
        with self.engine.begin() as connection:
            stored = insert_row(connection, int_auto_approval, approval, keep_id=False)
        return stored.auto_approval_id


@pytest.fixture
def daily_env(engine, archive_url):
    archive_engine = create_database_engine(archive_url, schemas=(INT_SCHEMA,))
    if archive_engine.dialect.name == "postgresql":
        with archive_engine.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{INT_SCHEMA}" CASCADE')
    create_archive_schema(archive_engine)
    archive = SqlClaimArchive(engine, archive_engine)
    try:
        yield SqlDailyEnv(
            engine, SqlDailyJobStore(engine, archive=archive), SqlJobHistory(engine)
        )
    finally:
        archive_engine.dispose()


@pytest.fixture
def deferred_env(engine):
    return SqlDeferredEnv(engine, SqlDeferredApprovalStore(engine))


class TestSqlDailyJobStore(DailyJobStoreContract):
    """§7's edges hold through the SQL queries and the UK wall-clock columns."""

    def test_archiving_without_an_archive_database_names_the_variables(self, daily_env):
        """Only this job fails, with a message saying what to set."""
        store = SqlDailyJobStore(daily_env.engine)
        with pytest.raises(ConfigurationError, match="APVS_ARCHIVE_DATABASE_URL"):
            store.claims_to_archive(reviewed_before=NOW, limit=10)
        assert list(store.claims_to_archive(reviewed_before=NOW, limit=0)) == []


class TestSqlStaleExternalClaims:
    """§7 row 5 on SQL: three passes over ExtSchema, and a narrow clean-up."""

    def test_stale_external_data_is_found_in_three_passes(self, daily_env):
        """Eligibilities and claims by creation, documents by submission."""
        stored = seed_claim(daily_env.engine, Schema.EXT, claim_graph())
        key = ExternalClaimKey(
            reference="ABC1234",
            eligibility_id=stored.claim.eligibility_id,
            claim_id=stored.claim.claim_id,
        )
        store = daily_env.store
        later = SUBMITTED + timedelta(days=1)
        assert list(store.stale_external_claims(created_before=later)) == [
            key,
            attrs.evolve(key, claim_id=None),
        ]
        assert not store.stale_external_claims(created_before=SUBMITTED)

    def test_an_eligibility_without_a_claim_keeps_other_eligibilities_documents(
        self, daily_env
    ):
        """The original deleted every eligibility-level document of every applicant."""
        mine = seed_claim(
            daily_env.engine, Schema.EXT, claim_graph(reference="MINE001")
        )
        theirs = seed_claim(
            daily_env.engine, Schema.EXT, claim_graph(reference="THEM001")
        )
        daily_env.store.delete_external_claim(
            ExternalClaimKey(
                reference="MINE001", eligibility_id=mine.claim.eligibility_id
            )
        )
        kept = daily_env.store.external_document_paths(
            ExternalClaimKey(
                reference="THEM001", eligibility_id=theirs.claim.eligibility_id
            )
        )
        expected = [d.filepath for d in theirs.documents if d.claim_id is None]
        assert (True, expected) == (bool(expected), list(kept))


class TestSqlJobHistory(JobHistoryContract):
    """IntSchema.JobHistory remembers successes."""


class TestSqlDeferredApprovalStore(DeferredApprovalStoreContract):
    """IntSchema.AutoApproval lists, reads and deletes."""


class TestDeferredApprovalRun:
    """§5.5 end to end on SQL: approve the untouched, never the changed."""

    def test_an_untouched_claim_is_approved_and_a_rejected_one_is_left(
        self, deferred_env
    ):
        """AUTO-APPROVED with event and email task; the rejected claim keeps REJECTED."""
        untouched = claim(31, status="NEW", last_updated=NOW - timedelta(hours=9))
        rejected = claim(32, status="REJECTED", last_updated=NOW - timedelta(hours=1))
        for data in (untouched, rejected):
            deferred_env.add_claim(data)
            deferred_env.add_deferred(deferred(data, NOW - timedelta(hours=8)))
        engine = deferred_env.engine
        counts = DeferredApprovals(
            store=deferred_env.store,
            approve=DeferredApprover(SqlClaimUpdates(engine)),
            clock=FakeClock(NOW),
        ).run()
        assert counts == {"approved": 1, "changed": 1, "missing": 0, "failed": 0}
        with engine.connect() as connection:
            statuses = {
                row.ClaimId: row.Status
                for row in connection.execute(
                    sa.select(INT.claim.c.ClaimId, INT.claim.c.Status)
                )
            }
            events = connection.execute(
                sa.select(int_claim_event.c.ClaimId, int_claim_event.c.Event).where(
                    int_claim_event.c.Event == "CLAIM-AUTO-APPROVED"
                )
            ).all()
            tasks = connection.execute(
                sa.select(int_task.c.ClaimId, int_task.c.Task)
            ).all()
        assert statuses == {31000: "AUTO-APPROVED", 32000: "REJECTED"}
        assert [tuple(e) for e in events] == [(31000, "CLAIM-AUTO-APPROVED")]
        assert [tuple(t) for t in tasks] == [(31000, "ACCEPT-CLAIM-NOTIFICATION")]
        assert list(deferred_env.store.deferred_approvals()) == []
