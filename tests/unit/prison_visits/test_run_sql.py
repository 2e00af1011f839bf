"""Every statement of the payment, daily-job and approval stores, pinned on SQL Server."""

from __future__ import annotations

from support.claims_ddl import sql_server
from support.run_sql import GOLDEN, render_queries, statements


class TestRunStatementsOnSqlServer:
    """Golden SQL for the scheduled runners' stores."""

    def test_every_statement_matches_the_reviewed_golden_sql(self):
        """Regenerate with `python tests/support/run_sql.py` and review the diff."""
        expected = GOLDEN.read_text()
        actual = render_queries()
        assert expected == actual

    def test_the_archive_selection_is_limited_with_top(self):
        """`LIMIT` is not T-SQL; the limit must come out as TOP."""
        sql = str(statements()["claims to archive"].compile(dialect=sql_server()))
        assert "TOP" in sql
        assert "LIMIT" not in sql
