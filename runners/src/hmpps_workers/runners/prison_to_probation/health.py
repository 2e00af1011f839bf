"""The `/health` components of the original (section 10.3), each UP or DOWN."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from botocore.exceptions import BotoCoreError, ClientError

from hmpps_workers.adapters.aws.sqs_admin import depth
from hmpps_workers.core.errors import WorkerError
from hmpps_workers.runners.prison_to_probation.bootstrap import P2pServices

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_sqs import SQSClient

Component = dict[str, Any]
_FAILURES = (WorkerError, ClientError, BotoCoreError, OSError)


def _down(error: Exception) -> Component:
    return {"status": "DOWN", "details": {"error": type(error).__name__}}


def _table(client: DynamoDBClient, name: str) -> Component:
    try:
        table = client.describe_table(TableName=name)["Table"]
    except _FAILURES as error:
        return _down(error)
    return {
        "status": "UP",
        "details": {
            "tableName": name,
            "rows": int(table.get("ItemCount", 0)),
            "tableStatus": table.get("TableStatus"),
        },
    }


def _queue(sqs: SQSClient, dlq_sqs: SQSClient, queue: str, dlq: str) -> Component:
    """The original's QueueHealth: each queue read with its own keys."""
    try:
        url = sqs.get_queue_url(QueueName=queue)["QueueUrl"]
        counts = depth(sqs, url)
        redrive = sqs.get_queue_attributes(
            QueueUrl=url, AttributeNames=["RedrivePolicy"]
        )["Attributes"].get("RedrivePolicy")
    except _FAILURES as error:
        return _down(error)
    details: dict[str, Any] = {
        "queueName": queue,
        "MessagesOnQueue": counts["messages"],
        "MessagesInFlight": counts["in_flight"],
        "dlqName": dlq,
    }
    if not redrive or not json.loads(redrive).get("deadLetterTargetArn"):
        details["dlqStatus"] = "The queue does not have a dead letter queue attached"
        return {"status": "DOWN", "details": details}
    try:
        dlq_url = dlq_sqs.get_queue_url(QueueName=dlq)["QueueUrl"]
        details["MessagesOnDLQ"] = depth(dlq_sqs, dlq_url)["messages"]
        details["dlqStatus"] = "UP"
    except ClientError:
        details["dlqStatus"] = "The queue does not exist"
        return {"status": "DOWN", "details": details}
    except _FAILURES:
        details["dlqStatus"] = "The queue cannot be interrogated"
        return {"status": "DOWN", "details": details}
    return {"status": "UP", "details": details}


def _ping(services: P2pServices, name: str) -> Component:
    try:
        status = services.apis[name].ping()
    except _FAILURES as error:
        return {"status": "DOWN", "details": {"error": str(error)}}
    return {"status": "UP", "details": {"HttpStatus": status}}


def health(services: P2pServices) -> tuple[bool, dict[str, Any]]:
    """Every component; overall UP only when each one is."""
    names = services.config.aws
    components: dict[str, Component] = {
        "healthInfo": {"status": "UP", "details": {"version": services.config.version}},
        **{name: _ping(services, name) for name in services.apis},
        "messageTable": _table(services.store.client, names.message_table),
        "scheduleTable": _table(services.lock.client, names.schedule_table),
        "prisonEventsQueueHealth": _queue(
            services.sqs, services.dlq_sqs, names.queue, names.dlq
        ),
        "HMPPSEventsQueueHealth": _queue(
            services.hmpps_sqs, services.hmpps_dlq_sqs, names.hmpps_queue,
            names.hmpps_dlq,
        ),
    }  # fmt: skip
    up = all(c["status"] == "UP" for c in components.values())
    return up, {"status": "UP" if up else "DOWN", "components": components}
