"""An in-memory file store with the same key rules and errors as the S3 one."""

from __future__ import annotations

import attrs

from hmpps_workers.core.prison_visits.documents.ports import (
    DocumentNotFoundError,
    check_key,
)
from hmpps_workers.core.testing.failures import FailureQueue


@attrs.define
class InMemoryFileStore:
    """Files in a dictionary; inspect `files`."""

    files: dict[str, bytes] = attrs.field(factory=dict)
    failures: FailureQueue = attrs.field(factory=FailureQueue)

    def upload(self, key: str, data: bytes) -> None:
        """Store a copy of `data`."""
        self.failures.raise_next()
        self.files[check_key(key)] = bytes(data)

    def download(self, key: str) -> bytes:
        """Return the file or raise DocumentNotFoundError."""
        self.failures.raise_next()
        try:
            return self.files[check_key(key)]
        except KeyError:
            raise DocumentNotFoundError from None

    def delete(self, key: str) -> None:
        """Forget the file, if there is one."""
        self.failures.raise_next()
        self.files.pop(check_key(key), None)

    def ping(self) -> None:
        """Fail if a failure is queued, else succeed."""
        self.failures.raise_next()
