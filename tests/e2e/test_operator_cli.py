"""The operator commands and configuration errors, through the real command."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.tasks import NewTask, Schema, TaskFilter
from hmpps_workers.runners.prison_visits import diagnostics
from support import runner


class TestTaskCommands:
    """What used to be done by hand in SQL."""

    def test_list_counts_and_retry_a_failed_task(self, database):
        """A failed task shows up, is requeued by type, and completes next run."""
        url, engine = database
        store = SqlTaskStore(engine)
        store.enqueue(
            NewTask(task=diagnostics.FLAKY, additional_data="5"), now=datetime.now(UTC)
        )
        env = {"APVS_DATABASE_URL": url, "APVS_TASK_MAX_ATTEMPTS": "1"}
        assert (
            runner.run(["worker-tasks", "--registry", "diagnostics"], env).returncode
            == 1
        )

        listing = runner.run(["tasks", "list", "--status", "FAILED", "--json"], env)
        (row,) = [json.loads(line) for line in listing.stdout.splitlines()]
        assert (row["task"], row["status"], row["attempts"]) == (
            diagnostics.FLAKY,
            "FAILED",
            1,
        )
        assert row["last_error"].startswith("gave up after 1 attempts")

        counts = runner.run(["tasks", "counts", "--json"], env)
        assert json.loads(counts.stdout) == [
            {"schema": "IntSchema", "status": "FAILED", "count": 1}
        ]

        retried = runner.run(["tasks", "retry", "--type", diagnostics.FLAKY], env)
        assert retried.stdout.strip() == "1 task(s) set back to PENDING"
        (task,) = store.find(TaskFilter(), now=datetime.now(UTC))
        assert (str(task.status), task.attempts) == ("PENDING", 0)

    def test_stalled_claims_are_listed_and_retried_by_their_arguments(self, database):
        """`tasks stalled` names the claim and reason; its retry arguments requeue it."""
        url, engine = database
        store = SqlTaskStore(engine)
        store.enqueue(
            NewTask(
                task=diagnostics.FLAKY,
                reference="STALL01",
                eligibility_id=5,
                claim_id=42,
                additional_data="5",
            ),
            now=datetime.now(UTC),
        )
        env = {"APVS_DATABASE_URL": url, "APVS_TASK_MAX_ATTEMPTS": "1"}
        runner.run(["worker-tasks", "--registry", "diagnostics"], env)

        listing = runner.run(["tasks", "stalled", "--json"], env)
        (row,) = [json.loads(line) for line in listing.stdout.splitlines()]
        assert (row["reference"], row["claim_id"], row["task"]) == (
            "STALL01",
            42,
            diagnostics.FLAKY,
        )
        assert row["reason"].startswith("gave up after 1 attempts")
        retried = runner.run(["tasks", "retry", *row["retry"]], env)
        assert retried.stdout.strip() == "1 task(s) set back to PENDING"

    def test_retry_by_id_needs_a_schema(self, database):
        """Ids repeat between schemas, so --id without --schema is refused."""
        url, _ = database
        result = runner.run(["tasks", "retry", "--id", "1"], {"APVS_DATABASE_URL": url})
        assert result.returncode == 2
        assert "--id needs --schema" in result.stderr

    def test_table_output_for_people(self, database):
        """Without --json, a table with the schema:id of each task."""
        url, engine = database
        SqlTaskStore(engine).enqueue(
            NewTask(task="X", schema=Schema.EXT), now=datetime.now(UTC)
        )
        result = runner.run(["tasks", "list"], {"APVS_DATABASE_URL": url})
        assert "ExtSchema:1" in result.stdout
        assert result.stdout.splitlines()[0].split()[:3] == ["TASK", "TYPE", "STATUS"]


class TestConfigurationErrors:
    """A bad setting names the variable, exits 2, and never prints a secret."""

    def test_invalid_batch_size_names_the_variable(self, tmp_path):
        """APVS_ASYNC_WORKER_BATCH_SIZE=abc is refused by name."""
        result = runner.run(
            ["worker-tasks"],
            {"APVS_ASYNC_WORKER_BATCH_SIZE": "abc", "HMPPS_WORKERS_EMBEDDED": "true"},
            cwd=str(tmp_path),
        )
        assert result.returncode == 2
        assert "APVS_ASYNC_WORKER_BATCH_SIZE must be a whole number" in result.stderr

    def test_incomplete_sql_server_settings_name_what_is_missing(self, tmp_path):
        """Half the original SQL Server variables: the missing ones are named."""
        result = runner.run(
            ["worker-tasks"],
            {"APVS_DATABASE_SERVER": "db", "APVS_ASYNC_WORKER_PASSWORD": "s3cret-pw"},
            cwd=str(tmp_path),
        )
        assert result.returncode == 2
        assert "APVS_DATABASE, APVS_ASYNC_WORKER_USERNAME" in result.stderr
        assert "s3cret-pw" not in result.stderr + result.stdout

    def test_help_works_everywhere_without_a_database(self, tmp_path):
        """--help at every level prints usage and exits 0."""
        for args in (
            ["--help"],
            ["worker-tasks", "--help"],
            ["tasks", "retry", "--help"],
            ["db", "--help"],
        ):
            result = runner.run(args, {}, cwd=str(tmp_path))
            assert result.returncode == 0
            assert "usage: hmpps-workers" in result.stdout


class TestEmbeddedDefault:
    """Asked for with --embedded: a SQLite file in the working directory."""

    def test_worker_runs_on_the_embedded_default(self, tmp_path):
        """--embedded and nothing else: the schema is created and the run succeeds."""
        result = runner.run(["--embedded", "worker-tasks"], {}, cwd=str(tmp_path))
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "hmpps-workers.db").exists()
        assert (tmp_path / "hmpps-workers.ExtSchema.db").exists()

    def test_demo_shows_the_engine_at_work(self, tmp_path):
        """The quick-start demo exits 0 and shows completed, retried and failed work."""
        result = runner.run(["demo"], {}, cwd=str(tmp_path))
        assert result.returncode == 0, result.stderr
        assert "4 completed" in result.stdout
        assert "no handler is registered for task type 'NO-SUCH-TASK'" in result.stdout

    def test_db_script_prints_the_mssql_migration(self, tmp_path):
        """A DBA can print the migration for SQL Server."""
        result = runner.run(
            ["db", "script", "--dialect", "mssql"], {}, cwd=str(tmp_path)
        )
        assert "IF COL_LENGTH(N'ExtSchema.Task', N'Attempts') IS NULL" in result.stdout
