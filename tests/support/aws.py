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
    """Start moto's server on a free port; yield its URL."""
    server_module = pytest.importorskip("moto.server")
    server = server_module.ThreadedMotoServer(
        ip_address="127.0.0.1", port=0, verbose=False
    )
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


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
