"""The prison-to-probation AWS resources, created idempotently on any endpoint.

The queue with its dead-letter queue (three receives, as the Cloud Platform terraform),
the offender-events topic and a filtered subscription (all five event types: the
original's local script forgot CONFIRMED_RELEASE_DATE-CHANGED), a parking queue for
messages redrive gives up on, the message table with TTL on `deleteBy` and its two
indexes, and the ShedLock schedule table. Running it again changes nothing, and adds
a missing index to a table created without one.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

import attrs
from botocore.exceptions import ClientError

from hmpps_workers.adapters.aws.errors import error_code, translate
from hmpps_workers.adapters.aws.p2p_items import BOOKING_INDEX, PENDING_INDEX
from hmpps_workers.core.prison_to_probation.model import EventType

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import GlobalSecondaryIndexTypeDef
    from mypy_boto3_sns import SNSClient
    from mypy_boto3_sqs import SQSClient

log = logging.getLogger(__name__)

_INDEXES: dict[str, GlobalSecondaryIndexTypeDef] = {
    PENDING_INDEX: {
        "IndexName": PENDING_INDEX,
        "KeySchema": [
            {"AttributeName": "pending", "KeyType": "HASH"},
            {"AttributeName": "pendingOrder", "KeyType": "RANGE"},
        ],
        "Projection": {"ProjectionType": "ALL"},
    },
    BOOKING_INDEX: {
        "IndexName": BOOKING_INDEX,
        "KeySchema": [{"AttributeName": "bookingId", "KeyType": "HASH"}],
        "Projection": {"ProjectionType": "ALL"},
    },
}
_ATTRIBUTES = {"id": "S", "pending": "S", "pendingOrder": "S", "bookingId": "N"}


@attrs.frozen(kw_only=True)
class P2pResources:
    """Every AWS name the service uses, and settings; the original's local defaults.

    The one definition: the service's configuration reads its names into this.
    """

    region: str = "eu-west-2"
    topic: str = "offender_events"
    queue: str = "prison_to_probation_queue"
    dlq: str = "prison_to_probation_dlq"
    parking_queue: str = "prison_to_probation_parked"
    # The HMPPS domain-events queue the original consumed and only logged.
    hmpps_topic: str = "hmpps_domain_events"
    hmpps_queue: str = "prison_to_probation_hmpps_queue"
    hmpps_dlq: str = "prison_to_probation_hmpps_dlq"
    max_receive_count: int = 3
    visibility_timeout_seconds: int = 30
    retention_seconds: int = 1_209_600
    event_types: tuple[str, ...] = tuple(e.value for e in EventType)
    message_table: str = "cp-message"
    schedule_table: str = "cp-schedule"
    indexes: bool = True

    def filter_policy(self) -> str:
        """The subscription's filter on the `eventType` message attribute."""
        return json.dumps({"eventType": list(self.event_types)})


def _ignore_existing(error: ClientError) -> None:
    if error_code(error) not in {"ResourceInUseException", "TableAlreadyExists"}:
        raise translate(error, "DynamoDB CreateTable") from None


def create_message_table(
    client: DynamoDBClient, name: str, *, indexes: bool = True
) -> None:
    """The message table, TTL on `deleteBy`, and (optionally) both indexes."""
    wanted = list(_INDEXES.values()) if indexes else []
    used = {"id"} | {
        key["AttributeName"] for index in wanted for key in index["KeySchema"]
    }
    try:
        client.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[
                {"AttributeName": a, "AttributeType": _ATTRIBUTES[a]}  # type: ignore[typeddict-item]
                for a in sorted(used)
            ],
            BillingMode="PAY_PER_REQUEST",
            **({"GlobalSecondaryIndexes": wanted} if wanted else {}),  # type: ignore[arg-type]
        )
    except ClientError as error:
        _ignore_existing(error)
        if indexes:
            _add_missing_indexes(client, name)
    client.get_waiter("table_exists").wait(TableName=name)
    ttl = client.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
    if ttl.get("TimeToLiveStatus") not in {"ENABLED", "ENABLING"}:
        client.update_time_to_live(
            TableName=name,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": "deleteBy"},
        )


def _add_missing_indexes(client: DynamoDBClient, name: str) -> None:
    table = client.describe_table(TableName=name)["Table"]
    present = {i["IndexName"] for i in table.get("GlobalSecondaryIndexes", ())}
    for index_name, index in _INDEXES.items():
        if index_name in present:
            continue
        keys = [key["AttributeName"] for key in index["KeySchema"]]
        log.info("adding index", extra={"table": name, "index": index_name})
        client.update_table(
            TableName=name,
            AttributeDefinitions=[
                {"AttributeName": a, "AttributeType": _ATTRIBUTES[a]}  # type: ignore[typeddict-item]
                for a in keys
            ],
            GlobalSecondaryIndexUpdates=[{"Create": index}],
        )


def create_schedule_table(client: DynamoDBClient, name: str) -> None:
    """ShedLock's table: hash key `_id`."""
    try:
        client.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "_id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "_id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
    except ClientError as error:
        _ignore_existing(error)
    client.get_waiter("table_exists").wait(TableName=name)


def _queue(client: SQSClient, name: str, attributes: dict[str, str]) -> str:
    url = client.create_queue(QueueName=name)["QueueUrl"]
    client.set_queue_attributes(QueueUrl=url, Attributes=attributes)  # type: ignore[arg-type]
    return url


def _arn(client: SQSClient, url: str) -> str:
    attributes = client.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
    return attributes["Attributes"]["QueueArn"]


def _queue_with_dlq(
    client: SQSClient, resources: P2pResources, queue: str, dlq: str
) -> str:
    retention = {"MessageRetentionPeriod": str(resources.retention_seconds)}
    dlq_url = _queue(client, dlq, retention)
    redrive = {
        "deadLetterTargetArn": _arn(client, dlq_url),
        "maxReceiveCount": str(resources.max_receive_count),
    }
    url = _queue(
        client,
        queue,
        {
            **retention,
            "VisibilityTimeout": str(resources.visibility_timeout_seconds),
            "RedrivePolicy": json.dumps(redrive),
        },
    )
    return _arn(client, url)


def create_queues(client: SQSClient, resources: P2pResources) -> str:
    """Both queues with their DLQs, and the parking queue; the events queue's ARN."""
    retention = {"MessageRetentionPeriod": str(resources.retention_seconds)}
    _queue(client, resources.parking_queue, retention)
    _queue_with_dlq(client, resources, resources.hmpps_queue, resources.hmpps_dlq)
    return _queue_with_dlq(client, resources, resources.queue, resources.dlq)


def subscribe(client: SNSClient, resources: P2pResources, queue_arn: str) -> str:
    """The topic and its filtered subscription to the queue (once); the topic ARN."""
    topic_arn = client.create_topic(Name=resources.topic)["TopicArn"]
    existing = client.list_subscriptions_by_topic(TopicArn=topic_arn)
    for subscription in existing.get("Subscriptions", ()):
        if subscription.get("Endpoint") == queue_arn:
            client.set_subscription_attributes(
                SubscriptionArn=subscription["SubscriptionArn"],
                AttributeName="FilterPolicy",
                AttributeValue=resources.filter_policy(),
            )
            return topic_arn
    client.subscribe(
        TopicArn=topic_arn,
        Protocol="sqs",
        Endpoint=queue_arn,
        Attributes={"FilterPolicy": resources.filter_policy()},
    )
    return topic_arn


def bootstrap(
    resources: P2pResources,
    *,
    dynamodb: DynamoDBClient,
    sqs: SQSClient,
    sns: SNSClient,
) -> str:
    """Create everything that is missing; return the topic ARN."""
    create_message_table(dynamodb, resources.message_table, indexes=resources.indexes)
    create_schedule_table(dynamodb, resources.schedule_table)
    queue_arn = create_queues(sqs, resources)
    return subscribe(sns, resources, queue_arn)
