"""Each prison-to-probation adapter answers `ping()` with what /health shows."""

from __future__ import annotations

import httpx
import pytest

from hmpps_workers.adapters.aws.dynamodb import DynamoDbMessageStore
from hmpps_workers.adapters.aws.dynamodb_lock import DynamoDbLock
from hmpps_workers.adapters.aws.sqs_admin import (
    QueueUnhealthyError,
    SqsQueueAdmin,
    SqsQueueHealth,
)
from hmpps_workers.adapters.hmpps_apis.community_api import (
    HttpCommunityApi,
    HttpOffenderSearch,
)
from hmpps_workers.adapters.hmpps_apis.http import ApiClient
from hmpps_workers.adapters.hmpps_apis.prison_api import HttpPrisonApi
from hmpps_workers.core.errors import WorkerError


class _Quiet:
    def track_event(self, name, properties):
        pass


class TestAdapterPings:
    """Tables, queues and APIs, each reachable or raising."""

    def test_the_tables_report_name_rows_and_status(self, dynamodb, resources):
        """Message and schedule tables on moto."""
        store = DynamoDbMessageStore(dynamodb, "cp-message")
        lock = DynamoDbLock(dynamodb, "cp-schedule")
        assert store.ping() == {"tableName": "cp-message", "rows": 0,
                                "tableStatus": "ACTIVE"}  # fmt: skip
        assert lock.ping()["tableName"] == "cp-schedule"

    def test_a_missing_table_raises(self, dynamodb):
        """No table: a WorkerError, not an answer."""
        with pytest.raises(WorkerError):
            DynamoDbMessageStore(dynamodb, "no-such-table").ping()

    def test_the_queue_reports_its_depths_and_its_dlq(self, sqs, resources):
        """Queue depths and the DLQ's, with dlqStatus UP."""
        admin = SqsQueueAdmin(client=sqs, dlq_client=sqs,
                              queue="prison_to_probation_queue",
                           dlq="prison_to_probation_dlq",
                           parking_queue="prison_to_probation_parked",
                           telemetry=_Quiet())  # fmt: skip
        details = admin.ping()
        assert (details["dlqStatus"], details["MessagesOnQueue"],
                details["MessagesOnDLQ"]) == ("UP", 0, 0)  # fmt: skip

    def test_a_queue_without_a_dlq_is_unhealthy_with_details(self, sqs):
        """The original's text for a queue with no redrive policy."""
        sqs.create_queue(QueueName="lonely")
        admin = SqsQueueAdmin(client=sqs, dlq_client=sqs, queue="lonely", dlq="lonely-dlq",
                           parking_queue="lonely-parked", telemetry=_Quiet())  # fmt: skip
        with pytest.raises(QueueUnhealthyError) as raised:
            admin.ping()
        assert raised.value.details["dlqStatus"] == (
            "The queue does not have a dead letter queue attached"
        )

    def test_the_domain_events_queue_reports_its_depths_and_its_dlq(
        self, sqs, resources
    ):
        """The HMPPS domain-events queue's health, as HMPPSEventsQueueHealth shows it."""
        health = SqsQueueHealth(sqs, sqs, "prison_to_probation_hmpps_queue",
                                "prison_to_probation_hmpps_dlq")  # fmt: skip
        details = health.ping()
        assert (details["queueName"], details["dlqStatus"], details["MessagesOnDLQ"]) == (
            "prison_to_probation_hmpps_queue", "UP", 0)  # fmt: skip

    def test_the_apis_report_their_ping_status(self, hmpps):
        """prison-api, offender search and community-api answer /health/ping."""
        with httpx.Client() as http:

            def client(url):
                return ApiClient(
                    service="api", base_url=url, credentials=None, http=http
                )

            answers = [
                HttpPrisonApi(client(hmpps.prison.url)).ping(),
                HttpOffenderSearch(client(hmpps.search.url)).ping(),
                HttpCommunityApi(client(hmpps.community.url)).ping(),
            ]
        assert answers == [{"HttpStatus": 200}] * 3
