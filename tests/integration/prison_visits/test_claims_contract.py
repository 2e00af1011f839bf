"""The claims contracts against SqlClaimRepository and SqlClaimArchive."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.metadata import INT_SCHEMA
from hmpps_workers.adapters.sql.prison_visits.archive import (
    SqlClaimArchive,
    create_archive_schema,
    whole_claim,
)
from hmpps_workers.adapters.sql.prison_visits.claim_updates import SqlClaimUpdates
from hmpps_workers.adapters.sql.prison_visits.graph_writer import insert_row
from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from hmpps_workers.adapters.sql.prison_visits.seed import seed_claim
from hmpps_workers.adapters.sql.task_tables import int_task
from hmpps_workers.core.prison_visits.claims.records import ClaimData
from hmpps_workers.core.tasks.model import Schema
from hmpps_workers.core.testing.contracts.claim_approval import ApprovalReadsContract
from hmpps_workers.core.testing.contracts.claim_archive import ClaimArchiveContract
from hmpps_workers.core.testing.contracts.claim_queries import FollowUpContract
from hmpps_workers.core.testing.contracts.claim_updates import ClaimUpdatesContract
from hmpps_workers.core.testing.contracts.claims import ClaimRecordsContract
from support.claims_tables import table_for


@attrs.define
class SqlClaimsEnvironment:
    """The SQL adapters on a main database and a separate archive database."""

    engine: sa.Engine
    archive_engine: sa.Engine
    repository: SqlClaimRepository
    updates: SqlClaimUpdates
    archive: SqlClaimArchive

    def seed(self, schema: Schema, data: ClaimData) -> ClaimData:
        return seed_claim(self.engine, schema, data)

    def add_external(self, record: Any) -> Any:
        with self.engine.begin() as connection:
            return insert_row(
                connection, table_for(Schema.EXT, type(record)), record, keep_id=False
            )

    def whole_claim(self, claim_id: int) -> ClaimData | None:
        with self.engine.connect() as connection:
            return whole_claim(connection, claim_id)

    def archived_claim(self, claim_id: int) -> ClaimData | None:
        with self.archive_engine.connect() as connection:
            return whole_claim(connection, claim_id)

    def count(self, schema: Schema, cls: type[Any]) -> int:
        table = table_for(schema, cls)
        with self.engine.connect() as connection:
            return connection.execute(
                sa.select(sa.func.count()).select_from(table)
            ).scalar_one()

    def task_types(self) -> list[str]:
        table = int_task
        with self.engine.connect() as connection:
            return list(
                connection.execute(
                    sa.select(table.c.Task).order_by(table.c.TaskId)
                ).scalars()
            )


@pytest.fixture
def claims_env(engine, archive_url):
    """A fresh main database and a fresh archive database (IntSchema only)."""
    archive_engine = create_database_engine(archive_url, schemas=(INT_SCHEMA,))
    if archive_engine.dialect.name == "postgresql":
        with archive_engine.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{INT_SCHEMA}" CASCADE')
    create_archive_schema(archive_engine)
    try:
        yield SqlClaimsEnvironment(
            engine=engine,
            archive_engine=archive_engine,
            repository=SqlClaimRepository(engine),
            updates=SqlClaimUpdates(engine),
            archive=SqlClaimArchive(engine, archive_engine),
        )
    finally:
        archive_engine.dispose()


class TestSqlClaimRecords(ClaimRecordsContract):
    """The SQL repository reads, moves and updates claims as the contract says."""


class TestSqlApprovalReads(ApprovalReadsContract):
    """AUTO-APPROVAL-CHECK's two reads on SQLite and PostgreSQL."""


class TestSqlClaimArchive(ClaimArchiveContract):
    """The SQL archive copies to its own database, then deletes."""


class TestSqlFollowUpQueries(FollowUpContract):
    """The handlers' queries on SQLite and PostgreSQL."""


class TestSqlClaimUpdates(ClaimUpdatesContract):
    """Each part of an update on SQLite and PostgreSQL."""
