"""Moto's server on loopback for the AWS tests and benchmarks, and clients for it.

The one place that starts moto, makes its fake credentials and creates S3 buckets:
the SQS, SNS, DynamoDB and S3 tests, the payment-run e2e and fault suites and the
prison-to-probation benchmark all use it.
"""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Callable, Iterable, Iterator
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


class OneDynamoDbRequestAtATime:
    """WSGI middleware: moto's DynamoDB takes one request at a time.

    DynamoDB applies each write to an item atomically, so of two conditional writes
    racing for one item at most one passes its condition. moto's threaded server
    checks the condition and writes in each request's own thread with no lock
    between, so two could both pass: two `p2p serve` processes then held
    `scheduleLock` together for ~40 ms (the two-service e2e test's overlap). The
    other services (SQS long polls above all) keep their threads.
    """

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        """Wrap moto's WSGI application."""
        self.app = app
        self.lock = threading.Lock()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        """Serve a DynamoDB request under the lock, the body read in full inside."""
        if not environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
            return self.app(environ, start_response)
        with self.lock:
            answer = self.app(environ, start_response)
            try:
                return [b"".join(answer)]
            finally:
                close = getattr(answer, "close", None)
                if close is not None:
                    close()


@contextmanager
def moto_server() -> Iterator[str]:
    """Start moto's server on a free loopback port; yield its URL."""
    werkzeug_app = pytest.importorskip("moto.moto_server.werkzeug_app")
    from werkzeug.serving import make_server  # noqa: PLC0415 - with moto only

    app = werkzeug_app.DomainDispatcherApplication(werkzeug_app.create_backend_app)
    server = make_server(
        "127.0.0.1",
        0,
        OneDynamoDbRequestAtATime(app),
        threaded=True,
        request_handler=werkzeug_app.MotoRequestHandler,
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


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
