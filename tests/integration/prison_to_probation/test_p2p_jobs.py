"""A CronJob's `run-job` needs only what its job uses: no queue for `process`."""

from __future__ import annotations

from hmpps_workers.adapters.aws.p2p_resources import (
    create_message_table,
    create_schedule_table,
)
from hmpps_workers.runners.prison_to_probation.bootstrap import bootstrap as build
from hmpps_workers.runners.prison_to_probation.config import P2pConfig
from hmpps_workers.runners.prison_to_probation.service import run_job

ENV = {
    "OAUTH_ENDPOINT_URL": "http://127.0.0.1:9/auth",
    "OAUTH_CLIENT_ID": "client",
    "OAUTH_CLIENT_SECRET": "s3cr3t-value",
    "PRISON_ENDPOINT_URL": "http://127.0.0.1:9",
    "COMMUNITY_ENDPOINT_URL": "http://127.0.0.1:9",
    "OFFENDER_SEARCH_ENDPOINT_URL": "http://127.0.0.1:9",
    "DYNAMODB_TABLENAME": "cp-message",
    "DYNAMODB_SCHEDULE_TABLENAME": "cp-schedule",
}


class TestRunJobNeedsOnlyItsParts:
    """Wiring touches no queue; the process job reads tables only."""

    def test_process_runs_with_no_queue_in_existence(self, dynamodb):
        """No SQS queue at all: wiring and the process job still succeed."""
        create_message_table(dynamodb, "cp-message")
        create_schedule_table(dynamodb, "cp-schedule")
        services = build(P2pConfig.from_env(ENV), wait_seconds=0)
        try:
            reports = run_job(services, "process")
        finally:
            services.close()
        assert [(r.skipped, r.processed) for r in reports] == [(False, 0)]
