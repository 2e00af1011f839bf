"""The file store port: put, get and delete files by key in one bucket."""

from __future__ import annotations

from typing import Protocol

from hmpps_workers.core.errors import PermanentError, RetryableError

MAX_KEY = 1024


class FileStoreUnavailableError(RetryableError):
    """The file store could not be reached or is throttling; try again later."""


class FileStoreRejectedError(PermanentError):
    """The file store refused the request (permissions, missing bucket, bad key)."""


class DocumentNotFoundError(FileStoreRejectedError):
    """No file is stored under that key."""


def check_key(key: str) -> str:
    """Refuse keys S3 would misread: empty, absolute, or climbing out with `..`."""
    if not key or key.startswith("/") or ".." in key.split("/") or len(key) > MAX_KEY:
        raise FileStoreRejectedError("file key must be a relative path of 1-1024 chars")
    return key


class FileStore(Protocol):
    """Files by key: the External site's uploads and the payment run's files.

    Raises FileStoreUnavailableError (retryable), DocumentNotFoundError or
    FileStoreRejectedError (permanent).
    """

    def upload(self, key: str, data: bytes) -> None:
        """Store `data` under `key`, replacing any earlier file."""
        ...

    def download(self, key: str) -> bytes:
        """Return the file under `key`, or raise DocumentNotFoundError."""
        ...

    def delete(self, key: str) -> None:
        """Remove the file under `key`; removing a missing file is not an error."""
        ...

    def ping(self) -> None:
        """Check the bucket exists and we may use it, or raise."""
        ...
