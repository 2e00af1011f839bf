"""Moto's server on loopback for the AWS tests and benchmarks, and clients for it.

The one place that starts moto, makes its fake credentials and creates S3 buckets:
the SQS, SNS, DynamoDB and S3 tests, the payment-run e2e and fault suites and the
prison-to-probation benchmark all use it.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
import pytest

from hmpps_workers.adapters.testing.moto_server import (
    moto_server as testing_moto_server,
)

REGION = "eu-west-2"


def aws_environment(url: str) -> dict[str, str]:
    """The standard variables that send boto3 to moto with fake credentials."""
    return {
        "AWS_ENDPOINT_URL_SQS": url,
        "AWS_ENDPOINT_URL_SNS": url,
        "AWS_ENDPOINT_URL_DYNAMODB": url,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_REGION": REGION,
    }


@contextmanager
def moto_server() -> Iterator[str]:
    """Start moto's server on a free loopback port; yield its URL.

    The library's (`hmpps_workers.adapters.testing.moto_server`), which the demo and
    the `fakes` command use too: DynamoDB requests one at a time, as DynamoDB writes.
    """
    pytest.importorskip("moto.moto_server.werkzeug_app")
    with testing_moto_server() as url:
        yield url


def reset(url: str) -> None:
    """Forget every queue, topic and table."""
    request = urllib.request.Request(f"{url}/moto-api/reset", method="POST")  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=10):  # noqa: S310 - loopback
        pass


def session() -> boto3.Session:
    """A session with moto's fake credentials (endpoints come from the environment)."""
    return boto3.Session(
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name=REGION,
    )


def client(service: str, url: str) -> Any:
    """A boto3 client for one moto service, with the fake credentials."""
    return session().client(service, endpoint_url=url)  # type: ignore[call-overload]


@contextmanager
def s3_bucket(url: str, name: str) -> Iterator[Any]:
    """A fresh bucket on moto; emptied and removed afterwards. Yields the client."""
    s3 = client("s3", url)
    s3.create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    try:
        yield s3
    finally:
        for item in s3.list_objects_v2(Bucket=name).get("Contents", []):
            s3.delete_object(Bucket=name, Key=item["Key"])
        s3.delete_bucket(Bucket=name)
