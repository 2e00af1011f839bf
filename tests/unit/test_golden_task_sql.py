"""Golden SQL: every statement the task store sends to SQL Server, pinned.

SQL Server cannot run here, so the exact T-SQL is the test. In particular the claim
must carry its table hints: SQLAlchemy silently drops `with_for_update` on mssql.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import mssql, postgresql, sqlite

from hmpps_workers.adapters.sql import migrations
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

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
MSSQL = mssql.dialect()
ALL_COLUMNS = (
    "[TaskId], [Task], [Reference], [EligibilityId], [ClaimId], [AdditionalData],"
    " [DateCreated], [DateProcessed], [Status], [Attempts], [NextAttemptDate],"
    " [LeaseExpiryDate], [LeaseOwner], [LastError]"
)
T = "[ExtSchema].[Task]"
MANY = (
    f" WHERE {T}.[TaskId] IN ({{ids}}) AND {T}.[Status] = :Status_1"
    f" AND {T}.[LeaseOwner] = :owner"
)
OWNED = f" WHERE {T}.[TaskId] = :task_id AND {T}.[Status] = :Status_1 AND {T}.[LeaseOwner] = :owner"


def _expand(name: str, value: object) -> str:
    # What SQLAlchemy sends: TOP n literally, IN lists as one parameter per item.
    if isinstance(value, (list, tuple)):
        return ", ".join(f":{name}_{i}" for i in range(1, len(value) + 1))
    return str(value)


def tsql(statement: sa.Executable, **values: object) -> str:
    """T-SQL as SQL Server receives it, with `values` for expanding parameters."""
    compiled = statement.compile(dialect=MSSQL)
    params = {**compiled.params, **values}
    text = re.sub(
        r"__\[POSTCOMPILE_(\w+)\]",
        lambda m: _expand(m[1], params[m[1]]),
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
        """Two index-ordered TOP n reads, locked and skipped past, leased at once."""
        assert tsql(claim_statement(ext_task, 10)) == (
            f"WITH ready AS (SELECT TOP 10 {T}.[TaskId] AS [TaskId],"
            f" {T}.[DateCreated] AS [DateCreated] FROM {T}"
            " WITH (ROWLOCK, UPDLOCK, READPAST)"
            f" WHERE {T}.[Status] = 'PENDING' AND ({T}.[NextAttemptDate] IS NULL"
            f" OR {T}.[NextAttemptDate] <= :now)"
            f" ORDER BY {T}.[DateCreated], {T}.[TaskId]),"
            f" expired AS (SELECT TOP 10 {T}.[TaskId] AS [TaskId],"
            f" {T}.[DateCreated] AS [DateCreated] FROM {T}"
            " WITH (ROWLOCK, UPDLOCK, READPAST)"
            f" WHERE {T}.[Status] = 'IN-PROGRESS' AND {T}.[LeaseExpiryDate] < :now"
            f" ORDER BY {T}.[LeaseExpiryDate])"
            f" UPDATE {T} SET [Status]=:Status,"
            f" [Attempts]=(coalesce({T}.[Attempts], :coalesce_1) + :coalesce_2),"
            " [LeaseExpiryDate]=:lease_expires, [LeaseOwner]=:owner"
            f" OUTPUT {as_bytes(ALL_COLUMNS, 'inserted')}"
            f" WHERE {T}.[TaskId] IN (SELECT TOP 10 candidate.[TaskId]"
            " FROM (SELECT ready.[TaskId] AS [TaskId],"
            " ready.[DateCreated] AS [DateCreated] FROM ready"
            " UNION ALL SELECT expired.[TaskId] AS [TaskId],"
            " expired.[DateCreated] AS [DateCreated] FROM expired) AS candidate"
            " ORDER BY candidate.[DateCreated], candidate.[TaskId])"
        )

    def test_claim_on_postgresql_skips_locked_rows_in_both_reads(self):
        """PostgreSQL gets FOR UPDATE SKIP LOCKED on the ready and the expired read."""
        compiled = claim_statement(int_task, 10).compile(dialect=postgresql.dialect())
        assert str(compiled).count("FOR UPDATE SKIP LOCKED") == 2

    def test_claim_writes_the_statuses_the_filtered_indexes_name(self):
        """The read statuses are literals (filtered indexes match only those)."""
        compiled = claim_statement(ext_task, 5).compile(dialect=MSSQL)
        assert "[Status] = 'PENDING'" in str(compiled)
        assert "[Status] = 'IN-PROGRESS'" in str(compiled)
        assert compiled.params["Status"] == "IN-PROGRESS"

    def test_claim_indexes_are_filtered_on_mssql(self):
        """One index per claim read, each holding only the rows of its status."""
        script = migrations.script(MSSQL)
        migration = script[script.index("-- 0003_task_claim_indexes") :]
        created = [line.strip() for line in migration.splitlines() if "CREATE" in line]
        assert created[:2] == [
            (
                "CREATE INDEX ext_task_datecreated_taskid_index ON [ExtSchema].[Task]"
                " ([DateCreated], [TaskId]) WHERE [Status] = 'PENDING';"
            ),
            (
                "CREATE INDEX ext_task_leaseexpirydate_index ON [ExtSchema].[Task]"
                " ([LeaseExpiryDate]) WHERE [Status] = 'IN-PROGRESS';"
            ),
        ]
        assert len(created) == 4


class TestOutcomeStatements:
    """Every outcome is written only while the task is still ours and IN-PROGRESS."""

    def test_complete_in_the_handlers_transaction(self):
        """COMPLETE with DateProcessed; the lease is cleared."""
        assert tsql(complete_statement(ext_task)) == (
            f"UPDATE {T} SET [DateProcessed]=:processed, [Status]=:Status,"
            " [LeaseExpiryDate]=:LeaseExpiryDate" + OWNED
        )

    def test_complete_a_batch(self):
        """One UPDATE for every completion of a batch, returning the rows written."""
        statement = complete_many_statement(ext_task)
        sql = tsql(statement, task_ids=[1, 2, 3])
        assert sql == (
            f"UPDATE {T} SET [DateProcessed]=:processed, [Status]=:Status,"
            f" [LeaseExpiryDate]=:LeaseExpiryDate OUTPUT inserted.[TaskId]"
            + MANY.format(ids=":task_ids_1, :task_ids_2, :task_ids_3")
        )

    def test_fail_a_batch_with_a_reason_each(self):
        """FAILED with DateProcessed, each task's reason chosen by its id."""
        statement = fail_many_statement(ext_task, {1: "bad data", 2: "gone"})
        sql = tsql(statement, task_ids=[1, 2])
        assert sql == (
            f"UPDATE {T} SET [DateProcessed]=:processed, [Status]=:Status,"
            " [LeaseExpiryDate]=:LeaseExpiryDate,"
            f" [LastError]=CASE {T}.[TaskId] WHEN :param_1 THEN :param_2"
            " WHEN :param_3 THEN :param_4 END OUTPUT inserted.[TaskId]"
            + MANY.format(ids=":task_ids_1, :task_ids_2")
        )

    def test_retry_a_batch_with_a_time_and_reason_each(self):
        """PENDING again, each not before its own back-off, lease given up."""
        statement = retry_many_statement(ext_task, {1: NOW}, {1: "busy"})
        sql = tsql(statement, task_ids=[1])
        assert sql == (
            f"UPDATE {T} SET [Status]=:Status,"
            f" [NextAttemptDate]=CASE {T}.[TaskId] WHEN :param_1 THEN :param_2 END,"
            " [LeaseExpiryDate]=:LeaseExpiryDate, [LeaseOwner]=:LeaseOwner,"
            f" [LastError]=CASE {T}.[TaskId] WHEN :param_3 THEN :param_4 END"
            " OUTPUT inserted.[TaskId]" + MANY.format(ids=":task_ids_1")
        )

    @pytest.mark.parametrize(
        "statement",
        [
            complete_many_statement(int_task),
            fail_many_statement(int_task, {1: "bad data"}),
            retry_many_statement(int_task, {1: NOW}, {1: "busy"}),
        ],
        ids=["complete", "fail", "retry"],
    )
    def test_a_batch_on_postgresql_names_its_tasks_in_one_array(self, statement):
        """One text whatever the batch's size: `= ANY` of one array parameter."""
        sql = str(statement.compile(dialect=postgresql.dialect()))
        where = sql[sql.index(" WHERE ") :]
        assert where == (
            ' WHERE "IntSchema"."Task"."TaskId" = ANY (%(task_ids)s::INTEGER[])'
            ' AND "IntSchema"."Task"."Status" = %(Status_1)s::VARCHAR'
            ' AND "IntSchema"."Task"."LeaseOwner" = %(owner)s::VARCHAR'
            ' RETURNING "IntSchema"."Task"."TaskId"'
        )

    def test_a_batch_on_sqlite_keeps_the_in_list(self):
        """SQLite has no arrays: the expanding IN list, as on SQL Server."""
        sql = str(complete_many_statement(int_task).compile(dialect=sqlite.dialect()))
        assert '"TaskId" IN (__[POSTCOMPILE_task_ids]) AND' in sql

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
