"""Every claims statement compiles on SQL Server to the reviewed text."""

from __future__ import annotations

from support.claims_ddl import sql_server
from support.claims_sql import GOLDEN, render_queries, statements


class TestClaimsStatementsOnSqlServer:
    """Golden SQL for the claims adapters."""

    def test_every_statement_matches_the_reviewed_golden_sql(self):
        """Any change to an emitted statement shows up as a diff of the golden file."""
        expected = GOLDEN.read_text()
        actual = render_queries()
        assert expected == actual

    def test_no_statement_sorts_by_a_boolean_expression(self):
        """`ORDER BY x IS NULL` is not T-SQL; SQL Server would refuse it."""
        rendered = {
            name: str(s.compile(dialect=sql_server()))
            for name, s in statements().items()
        }
        expected: dict[str, str] = {}
        actual = {
            name: sql
            for name, sql in rendered.items()
            if "ORDER BY" in sql and "IS NULL," in sql.split("ORDER BY")[1]
        }
        assert expected == actual

    def test_case_insensitive_comparisons_stay_plain_equals_on_sql_server(self):
        """The collation already ignores case there, and indexes keep working."""
        sql = str(statements()["visitor by eligibility"].compile(dialect=sql_server()))
        expected = False
        actual = "lower(" in sql
        assert expected == actual
