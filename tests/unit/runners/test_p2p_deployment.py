"""The LocalStack hook, manifests and configuration agree with the code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from hmpps_workers.adapters.aws.p2p_resources import P2pResources
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.runners.prison_to_probation import reports
from hmpps_workers.runners.prison_to_probation.config import P2pConfig

ROOT = Path(__file__).resolve().parents[3]
REQUIRED = {
    "OAUTH_ENDPOINT_URL": "http://auth/auth",
    "OAUTH_CLIENT_ID": "client",
    "OAUTH_CLIENT_SECRET": "s3cr3t-value",
    "PRISON_ENDPOINT_URL": "http://prison",
    "COMMUNITY_ENDPOINT_URL": "http://community",
    "OFFENDER_SEARCH_ENDPOINT_URL": "http://search",
    "DYNAMODB_TABLENAME": "cp-message",
    "DYNAMODB_SCHEDULE_TABLENAME": "cp-schedule",
}


class TestDeployment:
    """Resource names and schedules stay in step."""

    def test_localstack_hook_matches_the_bootstrap(self):
        """The localstack hook creates every resource the bootstrap names."""
        script = (ROOT / "localstack/init-prison-to-probation.sh").read_text()
        resources = P2pResources()
        for name in (resources.queue, resources.dlq, resources.parking_queue,
                     resources.topic, resources.message_table,
                     resources.schedule_table, *resources.event_types):  # fmt: skip
            assert name in script
        assert '\\"maxReceiveCount\\":\\"3\\"' in script

    def test_deployment_probes_and_housekeeping_schedule(self):
        """The deployment probes /health/liveness and /health/readiness; housekeeping runs every ten minutes."""
        base = ROOT / "runners/k8s/base"
        deployment = next(
            yaml.safe_load_all((base / "prison-to-probation.yaml").read_text())
        )
        cronjob = yaml.safe_load(
            (base / "prison-to-probation-housekeeping.yaml").read_text()
        )
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        assert (
            container["livenessProbe"]["httpGet"]["path"],
            container["readinessProbe"]["httpGet"]["path"],
            cronjob["spec"]["schedule"],
            cronjob["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["args"],
        ) == ("/health/liveness", "/health/readiness", "*/10 * * * *",
              ["p2p", "run-job", "housekeeping"])  # fmt: skip


class TestP2pConfig:
    """The original's variable names."""

    def test_defaults_and_spring_durations(self):
        """Defaults apply and Spring durations and millisecond delays are read."""
        config = P2pConfig.from_env(
            {**REQUIRED, "PRISONTOPROBATION_HOLD_BACK_DURATION": "60m",
             "PRISONTOPROBATION_MESSAGE_PROCESSOR_DELAY": "10000",
             "SQS_QUEUE_NAME": "q", "PRISONTOPROBATION_ONLY_PRISONS": "MDI, LEI"}
        )  # fmt: skip
        assert (config.settings.hold_back, config.delay, config.aws.queue,
                config.aws.dlq, config.settings.prisons.only) == (
            timedelta(hours=1), timedelta(seconds=10), "q",
            "prison_to_probation_dlq", frozenset({"MDI", "LEI"}))  # fmt: skip

    def test_lock_lease_defaults_to_twenty_minutes_and_can_be_shortened(self):
        """`PRISONTOPROBATION_LOCK_AT_MOST_FOR` sets every job's lease."""
        default = P2pConfig.from_env(REQUIRED).settings.lock_at_most_for
        short = P2pConfig.from_env(
            {**REQUIRED, "PRISONTOPROBATION_LOCK_AT_MOST_FOR": "4s"}
        ).settings.lock_at_most_for
        assert (timedelta(minutes=20), timedelta(seconds=4)) == (default, short)

    def test_missing_variables_are_named_and_secrets_hidden(self):
        """A missing variable is named in the error and secrets stay out of reprs."""
        with pytest.raises(ConfigurationError, match="DYNAMODB_TABLENAME"):
            P2pConfig.from_env({k: v for k, v in REQUIRED.items()
                                if k != "DYNAMODB_TABLENAME"})  # fmt: skip
        assert "s3cr3t-value" not in repr(P2pConfig.from_env(REQUIRED))

    def test_half_a_static_key_pair_is_refused(self):
        """Half a static key pair is refused, naming the missing half."""
        with pytest.raises(ConfigurationError, match="SQS_AWS_SECRET_ACCESS_KEY"):
            P2pConfig.from_env({**REQUIRED, "SQS_AWS_ACCESS_KEY_ID": "AKIA"})


class TestReportFormat:
    """opencsv's conventions."""

    def test_java_local_text_drops_zero_seconds(self):
        """Java's local date-time text drops zero seconds, as the original's reports do."""
        summer = datetime(2026, 7, 6, 9, 0, tzinfo=UTC)
        assert [
            reports.java_local(summer),
            reports.java_local(summer.replace(second=5, microsecond=120000)),
            reports.java_local(summer, utc=True),
            reports.java_local(None),
        ] == ["2026-07-06T10:00", "2026-07-06T10:00:05.120", "2026-07-06T09:00", ""]

    def test_empty_report_has_no_header(self):
        """An empty in-progress report is empty, with no header."""
        assert reports.in_progress([]) == ""
