"""boto3 clients with timeouts and standard retries; endpoints from the environment.

Endpoints come from boto3's own `AWS_ENDPOINT_URL_<SERVICE>` variables (moto, LocalStack
or nothing for AWS), so no endpoint plumbing is needed here; credentials come from the
default chain (IRSA in the cluster, static keys where the original had them).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import attrs
import boto3
from botocore.config import Config

from hmpps_workers.adapters import logsafety

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_sns import SNSClient
    from mypy_boto3_sqs import SQSClient


@attrs.frozen(kw_only=True)
class AwsSettings:
    """Region, per-call timeout and attempts shared by every AWS client."""

    region: str = "eu-west-2"
    timeout: timedelta = timedelta(seconds=10)
    max_attempts: int = 3


def _client(
    service: str, settings: AwsSettings, session: boto3.Session | None, wait: float
) -> Any:  # noqa: ANN401 - each caller narrows the type
    logsafety.install()
    seconds = settings.timeout.total_seconds()
    config = Config(
        connect_timeout=seconds,
        read_timeout=seconds + wait,
        retries={"mode": "standard", "max_attempts": settings.max_attempts},
    )
    return (session or boto3.Session()).client(
        service,  # type: ignore[call-overload]
        region_name=settings.region,
        config=config,
    )


def dynamodb_client(
    settings: AwsSettings, *, session: boto3.Session | None = None
) -> DynamoDBClient:
    """A DynamoDB client."""
    client: DynamoDBClient = _client("dynamodb", settings, session, 0)
    return client


def sqs_client(
    settings: AwsSettings, *, session: boto3.Session | None = None, wait: float = 20
) -> SQSClient:
    """An SQS client whose read timeout leaves room for a long poll of `wait` s."""
    client: SQSClient = _client("sqs", settings, session, wait)
    return client


def sns_client(
    settings: AwsSettings, *, session: boto3.Session | None = None
) -> SNSClient:
    """An SNS client."""
    client: SNSClient = _client("sns", settings, session, 0)
    return client
