"""PostgreSQL cursors build psycopg's column descriptions only when read."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.sql.engine import reader
from hmpps_workers.adapters.sql.pg_cursor import SYNC_EACH_STATEMENT
from hmpps_workers.adapters.sql.prison_visits.claim_head import claim_head
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from support.databases import fresh_engine

pytestmark = pytest.mark.postgres

KEY = {"claim_id": 1, "eligibility_id": 1, "reference": "ABC1234"}


@pytest.fixture
def pg_engine(postgres_server) -> Iterator[sa.Engine]:
    """A fresh schema on PostgreSQL."""
    with fresh_engine(postgres_server) as engine:
        yield engine


@pytest.fixture
def built_columns(monkeypatch) -> list[int]:
    """Every psycopg `Column` built while the test runs, by index."""
    built: list[int] = []
    original = psycopg.Column.__init__

    def counting(self, cursor, index):
        built.append(index)
        original(self, cursor, index)

    monkeypatch.setattr(psycopg.Column, "__init__", counting)
    return built


class TestLazyDescription:
    """What SQLAlchemy reads of `cursor.description`, and no more, is built."""

    def test_a_cached_statement_builds_no_column_description(
        self, pg_engine, built_columns
    ):
        """The claim head's 90 columns cost nothing once SQLAlchemy knows them."""
        with reader(pg_engine).connect() as connection:
            connection.execute(claim_head(INT), KEY).all()
            built_columns.clear()
            rows = connection.execute(claim_head(INT), KEY).all()
        expected = ([], [])
        actual = (rows, built_columns)
        assert expected == actual

    def test_the_description_read_is_psycopgs_for_its_own_result(self, pg_engine):
        """Names and types match psycopg's, even read after the next statement."""
        raw = pg_engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("SELECT 1 AS number, 'x'::text AS word")
            description = cursor.description
            cursor.execute("SELECT 2 AS other")
            plain = psycopg.connect(
                pg_engine.url.render_as_string(hide_password=False).replace(
                    "postgresql+psycopg", "postgresql"
                )
            )
            with plain:
                expected_cursor = plain.execute("SELECT 1 AS number, 'x'::text AS word")
                expected = [(c.name, c.type_code) for c in expected_cursor.description]
        finally:
            raw.close()
        assert description is not None
        actual = [(c.name, c.type_code) for c in description]
        assert expected == actual

    def test_a_statement_without_rows_has_no_description(self, pg_engine):
        """An UPDATE's description is None, as psycopg's."""
        raw = pg_engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute('UPDATE "IntSchema"."Claim" SET "Note" = \'\' WHERE false')
            expected = (None, 0)
            actual = (cursor.description, cursor.rowcount)
        finally:
            raw.close()
        assert expected == actual


class TestSyncEachStatement:
    """Inside a pipeline, a statement is answered as it is sent when asked."""

    def test_a_select_s_rows_are_read_at_once_inside_a_pipeline(self, pg_engine):
        """SQLAlchemy gets the rows; the BEGIN before it rode in the same pipeline."""
        with pg_engine.connect() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None
            driver.autocommit = True
            with driver.pipeline():
                driver.execute("BEGIN")
                token = SYNC_EACH_STATEMENT.set(True)
                try:
                    rows = connection.exec_driver_sql("SELECT 1 UNION SELECT 2").all()
                finally:
                    SYNC_EACH_STATEMENT.reset(token)
            status = driver.info.transaction_status
            driver.rollback()
            driver.autocommit = False
        expected = ([(1,), (2,)], psycopg.pq.TransactionStatus.INTRANS)
        actual = (sorted(tuple(r) for r in rows), status)
        assert expected == actual
