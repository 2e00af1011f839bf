"""Every golden T-SQL statement parses as T-SQL, so a hand edit cannot break its syntax."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import sqlglot
from sqlglot.errors import ErrorLevel, ParseError

from hmpps_workers.adapters.sql.prison_to_probation import (
    add_statement,
    save_statement,
)
from hmpps_workers.adapters.sql.task_statements import (
    claim_statement,
    complete_many_statement,
    complete_statement,
    count_statement,
    enqueue_statement,
    fail_many_statement,
    find_statement,
    release_statement,
    requeue_statement,
    retry_many_statement,
)
from hmpps_workers.adapters.sql.task_tables import ext_task, int_task
from hmpps_workers.core.tasks import NewTask, TaskFilter
from hmpps_workers.core.testing.contracts.prison_to_probation import (
    TRACEPARENT,
    message,
)
from support.tsql import compiled, executable, golden_statements

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
TASK_STATEMENTS = {
    "claim": claim_statement(ext_task, 10),
    "complete": complete_statement(int_task),
    "complete-many": complete_many_statement(ext_task),
    "fail-many": fail_many_statement(ext_task, {1: "bad data", 2: "gone"}),
    "retry-many": retry_many_statement(ext_task, {1: NOW}, {1: "busy"}),
    "release": release_statement(int_task),
    "find": find_statement(
        int_task, TaskFilter(statuses=("FAILED",), limit=50), now=NOW
    ),
    "requeue": requeue_statement(
        ext_task, TaskFilter(task_types=("A",), limit=100), now=NOW
    ),
    "enqueue": enqueue_statement(NewTask(task="DWP-CHECK", claim_id=1), now=NOW),
    "count": count_statement(ext_task),
    "p2p-add": add_statement(message("a", traceparent=TRACEPARENT)),
    "p2p-save": save_statement(message("a", traceparent=TRACEPARENT)),
}


def parse(statement):
    # T-SQL has `DELETE [FROM] target [OUTPUT ...] [WHERE ...]`; sqlglot 30 refuses
    # the optional FROM before an OUTPUT clause, so it is left out for this parse
    # only (SQL Server's own PARSEONLY check, nox -s mssql, gets the statement as is).
    text = re.sub(
        r"^DELETE FROM (\S+) OUTPUT ", r"DELETE \1 OUTPUT ", executable(statement)
    )
    return sqlglot.parse(text, read="tsql", error_level=ErrorLevel.RAISE)


GOLDEN = list(golden_statements())


class TestGoldenTsql:
    def test_there_are_golden_statements_to_parse(self):
        """The four golden files and both shipped migration scripts are all read."""
        assert len({where.split("#")[0] for where, _ in GOLDEN}) == 6

    @pytest.mark.parametrize(("where", "statement"), GOLDEN, ids=[w for w, _ in GOLDEN])
    def test_each_golden_statement_parses_as_tsql(self, where, statement):
        """Sqlglot's tsql dialect accepts the statement."""
        assert parse(statement)

    @pytest.mark.parametrize("name", sorted(TASK_STATEMENTS))
    def test_each_task_store_statement_parses_as_tsql(self, name):
        """The task and message stores' statements, compiled for mssql, parse."""
        assert parse(compiled(TASK_STATEMENTS[name]))

    @pytest.mark.parametrize(
        "broken",
        [
            "SELECT [ClaimId] FROM [IntSchema].[Claim] WHERE ([Status] = :Status",
            "INSERT INTO [IntSchema].[TopUp] ([ClaimId]) VALUES (:ClaimId",
            "SELECT [ClaimId] FROM [IntSchema].[Claim] ORDER BY",
        ],
        ids=["unclosed-parenthesis", "unclosed-values", "empty-order-by"],
    )
    def test_a_broken_hand_edit_fails_to_parse(self, broken):
        """A hand edit that breaks the syntax is refused, so the check is real."""
        with pytest.raises(ParseError):
            parse(broken)
