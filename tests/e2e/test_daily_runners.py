"""`daily-tasks` and `auto-approval` as subprocesses on the demo claims, S3 on moto."""

from __future__ import annotations

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.daily_store import (
    SqlDeferredApprovalStore,
)
from hmpps_workers.adapters.sql.prison_visits.seed import seed_demo_claims
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from support import runner
from support.daily_runs import NOW, daily_env, defer_new_claim
from support.payment_run import bucket, moto_url

__all__ = ["bucket", "moto_url"]  # fixtures
JOBS = (
    "advance-claim-evidence-reminders",
    "request-information-reminders",
    "mark-overpayments",
    "clean-up-external-data",
    "auto-reject-claims",
    "archive-old-claims",
)
_env = daily_env


class TestDailyRunners:
    """Every job runs and succeeds on its own; a second run queues nothing twice."""

    def test_daily_tasks_run_every_job_and_repeat_safely(
        self, database, bucket, moto_url, samples_dir, tmp_path
    ):
        """Six jobs, each ok; the task count is the same after a second run."""
        url, engine = database
        seed_demo_claims(engine, now=NOW)
        env = _env(url, moto_url, samples_dir, tmp_path)
        first = runner.run(["daily-tasks"], env)
        assert first.returncode == 0, first.stderr
        assert [[f"{job}:", "ok"] for job in JOBS] == [
            line.split(" ")[:2] for line in first.stdout.splitlines()
        ]
        tasks = _count(engine, INT.task)
        assert runner.run(["daily-tasks"], env).returncode == 0
        assert tasks == _count(engine, INT.task)

    def test_without_an_archive_database_archiving_is_off_and_the_run_succeeds(
        self, database, bucket, moto_url, samples_dir, tmp_path
    ):
        """No archive database configured: archive-old-claims archives nothing, exit 0."""
        url, engine = database
        seed_demo_claims(engine, now=NOW)
        env = _env(url, moto_url, samples_dir, tmp_path)
        del env["APVS_ARCHIVE_DATABASE_URL"]
        result = runner.run(["daily-tasks"], env)
        assert result.returncode == 0, result.stderr
        archive = [line for line in result.stdout.splitlines()
                   if line.startswith("archive-old-claims:")]  # fmt: skip
        assert [line.split()[1] for line in archive] == ["ok"]

    def test_a_job_that_cannot_run_fails_alone_and_is_named(
        self, database, bucket, moto_url, samples_dir, tmp_path
    ):
        """An unreachable archive database: exit 1, archiving named, the other five ok."""
        url, engine = database
        seed_demo_claims(engine, now=NOW)
        env = _env(url, moto_url, samples_dir, tmp_path)
        env["APVS_ARCHIVE_DATABASE_URL"] = f"sqlite:///{tmp_path / 'absent/archive.db'}"
        result = runner.run(["daily-tasks"], env)
        assert result.returncode == 1
        failed = [line for line in result.stdout.splitlines() if "FAILED" in line]
        assert len(failed) == 1
        assert failed[0].startswith("archive-old-claims: FAILED")

    def test_auto_approval_approves_only_untouched_claims(
        self, database, bucket, moto_url, samples_dir, tmp_path
    ):
        """The NEW demo claim is approved; its row is gone."""
        url, engine = database
        seed_demo_claims(engine, now=NOW)
        claim_id = defer_new_claim(engine)
        c = INT.claim.c
        env = _env(url, moto_url, samples_dir, tmp_path)
        result = runner.run(["auto-approval"], env)
        assert result.returncode == 0, result.stderr
        assert "approved=1" in result.stdout
        with engine.connect() as connection:
            status = connection.execute(
                sa.select(c.Status).where(c.ClaimId == claim_id)
            ).scalar_one()
        assert status == "AUTO-APPROVED"
        assert list(SqlDeferredApprovalStore(engine).deferred_approvals()) == []


def _count(engine, table) -> int:
    with engine.connect() as connection:
        return connection.execute(
            sa.select(sa.func.count()).select_from(table)
        ).scalar_one()
