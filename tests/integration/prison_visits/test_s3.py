"""S3FileStore against moto's S3 server over loopback."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import attrs
import boto3
import pytest

from hmpps_workers.adapters.aws.s3 import S3FileStore, S3Settings
from hmpps_workers.core.prison_visits.documents.ports import (
    FileStoreRejectedError,
    FileStoreUnavailableError,
)
from hmpps_workers.core.testing.contracts.documents import FileStoreContract
from support import aws

BUCKET = "hwpv-document-s3-internal"


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    """Moto's server on a free loopback port."""
    with aws.moto_server() as url:
        yield url


@pytest.fixture
def session() -> boto3.Session:
    """Credentials moto accepts; never the machine's own."""
    return aws.session()


@pytest.fixture
def bucket(moto_url) -> Iterator[str]:
    """A fresh bucket, removed afterwards."""
    with aws.s3_bucket(moto_url, BUCKET):
        yield BUCKET


@attrs.define
class S3Env:
    """The S3 store on moto."""

    store: S3FileStore


class TestS3FileStore(FileStoreContract):
    """The S3 adapter keeps the file store contract against moto's server."""

    @pytest.fixture
    def files_env(self, moto_url, session, bucket) -> S3Env:
        settings = S3Settings(bucket=bucket, endpoint_url=moto_url)
        return S3Env(S3FileStore.create(settings, session=session))

    def test_a_missing_bucket_is_refused_permanently(self, moto_url, session):
        """NoSuchBucket will not heal by retrying."""
        settings = S3Settings(bucket="no-such-bucket", endpoint_url=moto_url)
        store = S3FileStore.create(settings, session=session)
        with pytest.raises(FileStoreRejectedError, match="NoSuchBucket"):
            store.upload("a.txt", b"x")

    def test_an_unreachable_endpoint_is_retryable_and_names_no_key(
        self, session, caplog
    ):
        """Connection refused is transient; the key stays out of text and logs."""
        caplog.set_level(logging.DEBUG)
        settings = S3Settings(
            bucket=BUCKET, endpoint_url="http://127.0.0.1:9", max_attempts=1
        )
        store = S3FileStore.create(settings, session=session)
        with pytest.raises(FileStoreUnavailableError) as raised:
            store.download("ABC1234/visitor-name-passport.pdf")
        assert "visitor-name" not in str(raised.value)
        assert "visitor-name" not in caplog.text
