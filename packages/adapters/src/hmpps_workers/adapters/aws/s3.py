"""S3FileStore: claim documents and payment files in one S3 bucket.

boto3 retries throttling and 5xx itself (standard mode, a few attempts within the
call); anything still failing becomes FileStoreUnavailableError, and the task engine
retries later. Error text names the operation and S3's error code, never the key:
keys hold claim references and document names.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

import attrs
import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from hmpps_workers.adapters import logsafety
from hmpps_workers.core.prison_visits.documents.ports import (
    DocumentNotFoundError,
    FileStoreRejectedError,
    FileStoreUnavailableError,
    check_key,
)

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

log = logging.getLogger(__name__)

_NOT_FOUND = {"NoSuchKey", "404", "NotFound"}
_TRANSIENT = {
    "SlowDown",
    "RequestTimeout",
    "InternalError",
    "ServiceUnavailable",
    "Throttling",
    "RequestTimeTooSkewed",
}
_SERVER_ERROR = 500


@attrs.frozen(kw_only=True)
class S3Settings:
    """`AWS_S3_BUCKET_NAME`, `AWS_REGION` and `AWS_ENDPOINT_URL_S3`, plus limits."""

    bucket: str = attrs.field(validator=attrs.validators.min_len(3))
    region: str = "eu-west-2"
    endpoint_url: str | None = None
    timeout: timedelta = timedelta(seconds=10)
    max_attempts: int = 3


def translate(error: Exception, operation: str) -> Exception:
    """Map a boto3 failure onto the file store's errors."""
    if isinstance(error, ClientError):
        code = str(error.response.get("Error", {}).get("Code", "unknown"))
        status = int(
            error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        )
        text = f"S3 {operation} failed: {code[:60]} (HTTP {status})"
        if code in _NOT_FOUND:
            return DocumentNotFoundError(f"S3 {operation}: no such file")
        if code in _TRANSIENT or status >= _SERVER_ERROR:
            return FileStoreUnavailableError(text)
        return FileStoreRejectedError(text)
    if isinstance(error, NoCredentialsError):
        return FileStoreRejectedError(f"S3 {operation}: no AWS credentials found")
    return FileStoreUnavailableError(f"S3 {operation} failed: {type(error).__name__}")


@attrs.define
class S3FileStore:
    """The file store port on one S3 bucket."""

    client: S3Client
    bucket: str

    @classmethod
    def create(
        cls, settings: S3Settings, *, session: boto3.Session | None = None
    ) -> S3FileStore:
        """A client with timeouts and standard retries; credentials from the chain."""
        logsafety.install()
        seconds = settings.timeout.total_seconds()
        config = Config(
            connect_timeout=seconds,
            read_timeout=seconds,
            retries={"mode": "standard", "max_attempts": settings.max_attempts},
        )
        client = (session or boto3.Session()).client(
            "s3",
            region_name=settings.region,
            endpoint_url=settings.endpoint_url,
            config=config,
        )
        return cls(client=client, bucket=settings.bucket)

    def upload(self, key: str, data: bytes) -> None:
        """Put the object, replacing any earlier one."""
        key = check_key(key)
        try:
            self.client.put_object(Bucket=self.bucket, Key=key, Body=data)
        except (ClientError, BotoCoreError) as error:
            raise translate(error, "upload") from None

    def download(self, key: str) -> bytes:
        """Get the object's bytes."""
        key = check_key(key)
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=key)
            return response["Body"].read()
        except (ClientError, BotoCoreError) as error:
            raise translate(error, "download") from None

    def delete(self, key: str) -> None:
        """Delete the object; S3 answers 204 for a missing key too."""
        key = check_key(key)
        try:
            self.client.delete_object(Bucket=self.bucket, Key=key)
        except (ClientError, BotoCoreError) as error:
            raise translate(error, "delete") from None

    def ping(self) -> None:
        """HEAD the bucket: it exists and our credentials may use it."""
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except (ClientError, BotoCoreError) as error:
            raise translate(error, "ping") from None
