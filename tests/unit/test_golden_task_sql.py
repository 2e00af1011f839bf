"""Golden SQL: every statement the task store sends to SQL Server, pinned.

SQL Server cannot run here, so the exact T-SQL is the test. In particular the claim
must carry its table hints: SQLAlchemy silently drops `with_for_update` on mssql.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import mssql, postgresql

from hmpps_workers.adapters.sql import migrations
from hmpps_workers.adapters.sql.task_statements import (
    claim_statement,
    complete_statement,
    count_statement,
    enqueue_statement,
    fail_statement,
    find_statement,
    release_statement,
    requeue_statement,
    retry_statement,
)
from hmpps_workers.adapters.sql.task_tables import ext_task, int_task
from hmpps_workers.core.tasks import NewTask, TaskFilter

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
MSSQL = mssql.dialect()
ALL_COLUMNS = (
    "[TaskId], [Task], [Reference], [EligibilityId], [ClaimId], [AdditionalData],"
    " [DateCreated], [DateProcessed], [Status], [Attempts], [NextAttemptDate],"
    " [LeaseExpiryDate], [LeaseOwner], [LastError]"
)
T = "[ExtSchema].[Task]"
OWNED = f" WHERE {T}.[TaskId] = :task_id AND {T}.[Status] = :Status_1 AND {T}.[LeaseOwner] = :owner"


def _expand(name: str, value: object) -> str:
    # What SQLAlchemy sends: TOP n literally, IN lists as one parameter per item.
    if isinstance(value, (list, tuple)):
        return ", ".join(f":{name}_{i}" for i in range(1, len(value) + 1))
    return str(value)


def tsql(statement: sa.Executable) -> str:
    """T-SQL as SQL Server receives it."""
    compiled = statement.compile(dialect=MSSQL)
    text = re.sub(
        r"__\[POSTCOMPILE_(\w+)\]",
        lambda m: _expand(m[1], compiled.params[m[1]]),
        str(compiled),
    )
    return " ".join(text.split())


TEXT_COLUMNS = {"[Task]", "[Reference]", "[AdditionalData]", "[Status]"}
TEXT_COLUMNS |= {"[LeaseOwner]", "[LastError]"}


def as_bytes(columns: str, prefix: str) -> str:
    """Text columns read as their bytes (CAST ... AS VARBINARY(max)), by name."""
    return ", ".join(
        f"CAST({prefix}.{c} AS VARBINARY(max)) AS {c}"
        if c in TEXT_COLUMNS
        else f"{prefix}.{c}"
        for c in (c.strip() for c in columns.split(","))
    )


class TestClaimStatement:
    """The claim is one UPDATE ... OUTPUT with READPAST/UPDLOCK hints."""

    def test_claim_on_mssql(self):
        """TOP n oldest ready rows, locked and skipped past, leased in one statement."""
        assert tsql(claim_statement(ext_task, 10)) == (
            f"WITH claim AS (SELECT TOP 10 {T}.[TaskId] AS [TaskId] FROM {T}"
            " WITH (ROWLOCK, UPDLOCK, READPAST)"
            f" WHERE {T}.[Status] = :Status_1 AND ({T}.[NextAttemptDate] IS NULL"
            f" OR {T}.[NextAttemptDate] <= :now)"
            f" OR {T}.[Status] = :Status_2 AND {T}.[LeaseExpiryDate] < :now"
            f" ORDER BY {T}.[DateCreated], {T}.[TaskId])"
            f" UPDATE {T} SET [Status]=:Status,"
            f" [Attempts]=(coalesce({T}.[Attempts], :coalesce_1) + :coalesce_2),"
            " [LeaseExpiryDate]=:lease_expires, [LeaseOwner]=:owner"
            f" OUTPUT {as_bytes(ALL_COLUMNS, 'inserted')}"
            f" WHERE {T}.[TaskId] IN (SELECT claim.[TaskId] FROM claim)"
        )

    def test_claim_on_postgresql_skips_locked_rows(self):
        """PostgreSQL gets FOR UPDATE SKIP LOCKED in the same construct."""
        compiled = claim_statement(int_task, 10).compile(dialect=postgresql.dialect())
        assert "FOR UPDATE SKIP LOCKED" in str(compiled)

    def test_claim_binds_the_statuses(self):
        """The literal statuses are bound parameters, never spliced into SQL."""
        params = claim_statement(ext_task, 5).compile(dialect=MSSQL).params
        assert (params["Status_1"], params["Status_2"], params["Status"]) == (
            "PENDING",
            "IN-PROGRESS",
            "IN-PROGRESS",
        )


class TestOutcomeStatements:
    """Every outcome is written only while the task is still ours and IN-PROGRESS."""

    def test_complete(self):
        """COMPLETE with DateProcessed; the lease is cleared."""
        assert tsql(complete_statement(ext_task)) == (
            f"UPDATE {T} SET [DateProcessed]=:processed, [Status]=:Status,"
            " [LeaseExpiryDate]=:LeaseExpiryDate" + OWNED
        )

    def test_fail(self):
        """FAILED with DateProcessed and the reason."""
        assert tsql(fail_statement(ext_task)) == (
            f"UPDATE {T} SET [DateProcessed]=:processed, [Status]=:Status,"
            " [LeaseExpiryDate]=:LeaseExpiryDate, [LastError]=:reason" + OWNED
        )

    def test_retry(self):
        """PENDING again, not before the back-off, lease given up."""
        assert tsql(retry_statement(ext_task)) == (
            f"UPDATE {T} SET [Status]=:Status, [NextAttemptDate]=:not_before,"
            " [LeaseExpiryDate]=:LeaseExpiryDate, [LeaseOwner]=:LeaseOwner,"
            " [LastError]=:reason" + OWNED
        )

    def test_release(self):
        """PENDING again with the attempt given back."""
        assert tsql(release_statement(ext_task)) == (
            f"UPDATE {T} SET [Status]=:Status, [Attempts]=:attempts,"
            " [LeaseExpiryDate]=:LeaseExpiryDate, [LeaseOwner]=:LeaseOwner" + OWNED
        )


class TestOtherStatements:
    """Completion, failure, enqueue and the operator queries."""

    def test_enqueue_returns_the_identity(self):
        """INSERT ... OUTPUT inserted.TaskId into IntSchema.Task."""
        statement = enqueue_statement(NewTask(task="DWP-CHECK", claim_id=1), now=NOW)
        assert tsql(statement) == (
            "INSERT INTO [IntSchema].[Task] ([Task], [Reference], [EligibilityId],"
            " [ClaimId], [AdditionalData], [DateCreated], [Status], [NextAttemptDate])"
            " OUTPUT inserted.[TaskId] VALUES (:Task, :Reference, :EligibilityId,"
            " :ClaimId, :AdditionalData, :DateCreated, :Status, :NextAttemptDate)"
        )

    def test_find_filters_and_orders(self):
        """Operator listing: TOP n by DateCreated with the chosen filters."""
        statement = find_statement(
            int_task,
            TaskFilter(
                statuses=("FAILED",),
                task_types=("DWP-CHECK",),
                limit=50,
                older_than=timedelta(hours=2),
            ),
            now=NOW,
        )
        t = "[IntSchema].[Task]"
        assert tsql(statement) == (
            f"SELECT TOP 50 {as_bytes(ALL_COLUMNS, t)} FROM {t}"
            f" WHERE {t}.[Status] IN (:Status_1_1) AND {t}.[Task] IN (:Task_1_1)"
            f" AND {t}.[DateCreated] <= :DateCreated_1"
            f" ORDER BY {t}.[DateCreated], {t}.[TaskId]"
        )

    def test_counts_group_by_status(self):
        """Counts per status."""
        t = "[ExtSchema].[Task]"
        assert tsql(count_statement(ext_task)) == (
            f"SELECT {t}.[Status], count(*) AS count_1 FROM {t} GROUP BY {t}.[Status]"
        )

    def test_requeue_only_touches_failed_or_lease_less_rows(self):
        """FAILED, or IN-PROGRESS with no live lease; never a running task."""
        statement = requeue_statement(
            ext_task, TaskFilter(task_types=("A",), limit=100), now=NOW
        )
        sql = tsql(statement)
        assert sql.startswith(
            "WITH chosen AS (SELECT TOP 100 [ExtSchema].[Task].[TaskId]"
        )
        assert (
            "WHERE ([ExtSchema].[Task].[Status] = :Status_1"
            " OR [ExtSchema].[Task].[Status] = :Status_2"
            " AND ([ExtSchema].[Task].[LeaseExpiryDate] IS NULL"
            " OR [ExtSchema].[Task].[LeaseExpiryDate] < :LeaseExpiryDate_1))"
            " AND [ExtSchema].[Task].[Task] IN (:Task_1_1)"
        ) in sql
        assert sql.endswith(
            "SET [DateProcessed]=:DateProcessed, [Status]=:Status, [Attempts]=:Attempts,"
            " [NextAttemptDate]=:NextAttemptDate, [LeaseExpiryDate]=:LeaseExpiryDate,"
            " [LeaseOwner]=:LeaseOwner OUTPUT inserted.[TaskId]"
            " WHERE [ExtSchema].[Task].[TaskId] IN (SELECT chosen.[TaskId] FROM chosen)"
            " AND ([ExtSchema].[Task].[Status] = :Status_3"
            " OR [ExtSchema].[Task].[Status] = :Status_4"
            " AND ([ExtSchema].[Task].[LeaseExpiryDate] IS NULL"
            " OR [ExtSchema].[Task].[LeaseExpiryDate] < :LeaseExpiryDate_2))"
        )


class TestMigrationScripts:
    """The scripts shipped for DBAs are exactly what the migration code renders."""

    @pytest.mark.parametrize(
        "dialect", [mssql, postgresql], ids=["mssql", "postgresql"]
    )
    def test_shipped_script_matches_the_migration(self, dialect):
        """Regenerate with `hmpps-workers db script --dialect NAME` if this fails."""
        name = dialect.dialect.name
        expected = migrations.shipped_script_path(name).read_text()
        assert migrations.script(dialect.dialect()) == expected

    def test_mssql_script_only_adds_nullable_columns_indexes_and_new_tables(self):
        """The migration is additive: no DROP, no ALTER COLUMN, no NOT NULL column added."""
        script = migrations.script(MSSQL)
        assert "DROP" not in script
        assert "ALTER COLUMN" not in script
        altered = [line for line in script.splitlines() if "ALTER TABLE" in line]
        assert [line for line in altered if "NOT NULL" in line] == []
        assert script.count("IF COL_LENGTH") == 10

    def test_new_tables_are_created_only_if_missing(self):
        """Each of this project's three tables is guarded by OBJECT_ID."""
        script = migrations.script(MSSQL)
        created = [line for line in script.splitlines() if "CREATE TABLE" in line]
        assert len(created) == 3
        assert script.count("', N'U') IS NULL") == 3
