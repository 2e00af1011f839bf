"""The golden T-SQL, sent to a real SQL Server (MSSQL_URL) with PARSEONLY: it accepts each."""

from __future__ import annotations

import pytest

from hmpps_workers.adapters.sql.engine import create_database_engine
from support.databases import mssql_url
from support.tsql import executable, golden_statements

pytestmark = pytest.mark.mssql
GOLDEN = list(golden_statements())


@pytest.fixture(scope="module")
def sql_server():
    engine = create_database_engine(mssql_url())
    yield engine
    engine.dispose()


class TestGoldenOnSqlServer:
    @pytest.mark.parametrize(("where", "statement"), GOLDEN, ids=[w for w, _ in GOLDEN])
    def test_sql_server_parses_each_golden_statement(
        self, sql_server, where, statement
    ):
        """SET PARSEONLY ON, then the statement: SQL Server raises on a syntax error."""
        with sql_server.connect() as connection:
            connection.exec_driver_sql("SET PARSEONLY ON")
            try:
                connection.exec_driver_sql(executable(statement))
            finally:
                connection.exec_driver_sql("SET PARSEONLY OFF")
