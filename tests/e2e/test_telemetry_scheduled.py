"""The scheduled runners each report one request with its steps and their calls.

`daily-tasks`, `auto-approval` and `payment-run` run as their CronJobs run them (the
CLI, a clean environment) on seeded claims, S3 on moto, with the connection string
pointing at the fake ingestion endpoint.
"""

from __future__ import annotations

import pytest

from hmpps_workers.adapters.sql.prison_visits.payment_seed import seed_payments
from hmpps_workers.adapters.sql.prison_visits.seed import seed_demo_claims
from hmpps_workers.adapters.testing.app_insights import FakeAppInsights
from support import runner
from support.daily_runs import NOW, daily_env, defer_new_claim
from support.payment_run import bucket, moto_url, payment_env
from support.payments import week_of_payments
from support.personal_data import exported_leaks

__all__ = ["bucket", "moto_url"]  # fixtures
CLOSED_PORT = "postgresql+psycopg://hwpv@127.0.0.1:9/hwpv"
SQL_TYPES = {"SQL", "postgresql", "sqlite"}
DAILY_STEPS = {
    "advance-claim-evidence-reminders",
    "request-information-reminders",
    "mark-overpayments",
    "clean-up-external-data",
    "auto-reject-claims",
    "archive-old-claims",
}


def _telemetry_env(app_insights):
    return {
        "APPLICATIONINSIGHTS_CONNECTION_STRING": app_insights.connection_string,
        "OTEL_TRACES_SAMPLER": "microsoft.fixed_percentage",  # every trace
        "OTEL_TRACES_SAMPLER_ARG": "1.0",
        "APPLICATIONINSIGHTS_ROLE_INSTANCE": "cronjob-pod-1",
    }


def _run(command, env):
    """Run the CronJob's command with telemetry on; (exit code, what arrived)."""
    with FakeAppInsights() as app_insights:
        result = runner.run([command], {**env, **_telemetry_env(app_insights)})
        return result, app_insights


def _base(envelope):
    return envelope["data"]["baseData"]


class Trace:
    """The request of one run and everything beneath it."""

    def __init__(self, fake):
        self.fake = fake
        (self.request,) = fake.of_type("RequestData")
        self.by_id = {_base(e)["id"]: e for e in fake.envelopes
                      if e["data"]["baseType"] in {"RequestData", "RemoteDependencyData"}}  # fmt: skip

    @property
    def properties(self):
        """The request's custom dimensions."""
        return _base(self.request).get("properties", {})

    def chain(self, envelope):
        """Names from `envelope` up to the root, following ai.operation.parentId."""
        names = []
        while envelope is not None:
            names.append(_base(envelope)["name"])
            envelope = self.by_id.get(envelope["tags"].get("ai.operation.parentId"))
        return names

    def dependencies(self, types):
        """The dependencies of the given types, each with its chain to the root."""
        return [
            self.chain(d) for d in self.fake.of_type("RemoteDependencyData")
            if _base(d).get("type") in types
        ]  # fmt: skip

    def steps(self):
        """The in-process spans directly under the request: the run's steps."""
        request_id = _base(self.request)["id"]
        return {
            _base(d)["name"]: d for d in self.fake.of_type("RemoteDependencyData")
            if d["tags"].get("ai.operation.parentId") == request_id
            and _base(d).get("type") == "InProc"
        }  # fmt: skip


class TestDailyTasksTelemetry:
    """`daily-tasks` is one request; each job a step; its SQL beneath the steps."""

    def test_a_run_is_one_successful_request_with_a_step_per_job(
        self, database, bucket, moto_url, samples_dir, tmp_path
    ):
        """Request `job daily-tasks`, six steps, SQL under the steps, nothing leaked."""
        url, engine = database
        seed_demo_claims(engine, now=NOW)
        result, fake = _run("daily-tasks", daily_env(url, moto_url, samples_dir,
                                                     tmp_path))  # fmt: skip
        assert result.returncode == 0, result.stderr
        run = Trace(fake)
        sql = run.dependencies(SQL_TYPES)
        assert (
            _base(run.request)["name"],
            _base(run.request)["success"],
            run.properties["run.outcome"],
            run.properties["run.steps"],
            set(run.steps()),
            {tuple(chain[-2:]) for chain in sql} >= {
                ("auto-reject-claims", "job daily-tasks"),
                ("mark-overpayments", "job daily-tasks"),
            },
            {chain[-1] for chain in sql},
            {e["tags"]["ai.operation.id"] for e in fake.envelopes
             if e["data"]["baseType"] != "MetricData"},
        ) == (
            "job daily-tasks", True, "success", "6", DAILY_STEPS, True,
            {"job daily-tasks"}, {run.request["tags"]["ai.operation.id"]},
        )  # fmt: skip
        assert exported_leaks(fake.envelopes) == []

    def test_a_failed_job_fails_the_request_with_a_reason_and_is_still_sent(
        self, database, bucket, moto_url, samples_dir, tmp_path
    ):
        """Archive unreachable: exit 1; the request failed, naming the step only."""
        url, engine = database
        seed_demo_claims(engine, now=NOW)
        env = daily_env(url, moto_url, samples_dir, tmp_path)
        env["APVS_ARCHIVE_DATABASE_URL"] = f"sqlite:///{tmp_path / 'absent/a.db'}"
        result, fake = _run("daily-tasks", env)
        assert result.returncode == 1
        run = Trace(fake)
        step = run.steps()["archive-old-claims"]
        assert (
            _base(run.request)["success"],
            run.properties["run.outcome"],
            run.properties["run.failed_steps"],
            _base(step)["success"],
            _base(step)["properties"]["step.error_type"],
        ) == (False, "failed", "archive-old-claims", False, "DailyJobError")
        assert exported_leaks(fake.envelopes) == []


class TestAutoApprovalTelemetry:
    """`auto-approval` is one request with its counts."""

    def test_an_approval_run_reports_its_count_and_its_sql(
        self, database, bucket, moto_url, samples_dir, tmp_path
    ):
        """approved=1 on the request; every SQL call under the one step."""
        url, engine = database
        seed_demo_claims(engine, now=NOW)
        defer_new_claim(engine)
        result, fake = _run("auto-approval", daily_env(url, moto_url, samples_dir,
                                                       tmp_path))  # fmt: skip
        assert result.returncode == 0, result.stderr
        run = Trace(fake)
        chains = {tuple(chain[1:]) for chain in run.dependencies(SQL_TYPES)}
        assert (
            _base(run.request)["name"],
            run.properties["deferred-auto-approval.approved"],
            ("deferred-auto-approval", "job auto-approval") in chains,
            chains <= {("deferred-auto-approval", "job auto-approval"),
                       ("job auto-approval",)},
        ) == ("job auto-approval", "1", True, True)  # fmt: skip
        assert exported_leaks(fake.envelopes) == []


class TestPaymentRunTelemetry:
    """`payment-run` is one request; its S3 uploads and SQL beneath its steps."""

    def test_a_payment_run_reports_its_uploads_and_sql_under_the_steps(
        self, database, bucket, moto_url, samples_dir
    ):
        """Three S3 uploads under direct-payments; the request succeeded."""
        url, engine = database
        seed_payments(engine, week_of_payments())
        result, fake = _run("payment-run", payment_env(url, moto_url, samples_dir))
        assert result.returncode == 0, result.stderr
        run = Trace(fake)
        # the exporter gives botocore's spans the type "rpc.system"
        aws = [chain for chain in run.dependencies({"rpc.system", "AWS"})
               if chain[0] == "S3.PutObject"]  # fmt: skip
        sql = run.dependencies(SQL_TYPES)
        assert (
            _base(run.request)["name"],
            _base(run.request)["success"],
            set(run.steps()),
            [chain[1:] for chain in aws],
            {tuple(chain[-2:]) for chain in sql} >= {
                ("direct-payments", "job payment-run")},
        ) == (
            "job payment-run", True, {"direct-payments", "payment-file-clean-up"},
            [["direct-payments", "job payment-run"]] * 3, True,
        )  # fmt: skip
        assert exported_leaks(fake.envelopes) == []

    def test_a_run_that_cannot_reach_its_database_is_a_failed_request(
        self, bucket, moto_url, samples_dir
    ):
        """A closed port: a non-zero exit; the request failed, sent before the exit."""
        env = payment_env(CLOSED_PORT, moto_url, samples_dir)
        result, fake = _run("payment-run", env)
        assert result.returncode != 0
        run = Trace(fake)
        assert (
            _base(run.request)["success"],
            run.properties["run.outcome"],
            run.properties["run.error_type"],
            run.steps(),
        ) == (False, "failed", "DatabaseStartupError", {})
        assert exported_leaks(fake.envelopes) == []


@pytest.mark.parametrize("command", ["daily-tasks", "auto-approval", "payment-run"])
def test_without_a_connection_string_nothing_is_sent(
    command, bucket, moto_url, samples_dir, tmp_path
):
    """Telemetry off: the demo run succeeds and the fake endpoint hears nothing."""
    env = daily_env(CLOSED_PORT, moto_url, samples_dir, tmp_path)
    with FakeAppInsights() as app_insights:
        result = runner.run([command, "--demo"], env)
        assert (result.returncode, app_insights.requests) == (0, [])
