"""The FileStore contract: what every file store, fake or real, must do."""

from __future__ import annotations

from typing import Protocol

from hmpps_workers.core.prison_visits.documents.ports import (
    DocumentNotFoundError,
    FileStore,
    FileStoreRejectedError,
)
from hmpps_workers.core.testing.contracts.expect import raises


class FileStoreEnvironment(Protocol):
    """What a contract test needs: the store."""

    store: FileStore


class FileStoreContract:
    """Tests every FileStore must pass; subclasses provide a `files_env` fixture."""

    def test_an_uploaded_file_downloads_byte_for_byte(
        self, files_env: FileStoreEnvironment
    ) -> None:
        """What goes up comes down unchanged."""
        data = bytes(range(256)) * 10
        files_env.store.upload("payments/adi-20260105.xlsm", data)
        assert data == files_env.store.download("payments/adi-20260105.xlsm")

    def test_uploading_again_replaces_the_file(
        self, files_env: FileStoreEnvironment
    ) -> None:
        """The latest upload wins."""
        files_env.store.upload("a/b.csv", b"one")
        files_env.store.upload("a/b.csv", b"two")
        assert files_env.store.download("a/b.csv") == b"two"

    def test_downloading_a_missing_file_is_not_found(
        self, files_env: FileStoreEnvironment
    ) -> None:
        """A missing key raises DocumentNotFoundError, a permanent error."""
        with raises(DocumentNotFoundError):
            files_env.store.download("nothing/here.pdf")

    def test_a_deleted_file_is_gone_and_deleting_again_is_fine(
        self, files_env: FileStoreEnvironment
    ) -> None:
        """Delete is idempotent, so a retried cleanup never fails on it."""
        files_env.store.upload("ABC1234/1/visit-confirmation.pdf", b"%PDF")
        files_env.store.delete("ABC1234/1/visit-confirmation.pdf")
        files_env.store.delete("ABC1234/1/visit-confirmation.pdf")
        with raises(DocumentNotFoundError):
            files_env.store.download("ABC1234/1/visit-confirmation.pdf")

    def _test_unsafe_keys_are_refused(
        self, files_env: FileStoreEnvironment, key: str
    ) -> None:
        """Empty, absolute and climbing keys are refused before any call."""
        with raises(FileStoreRejectedError):
            files_env.store.upload(key, b"x")

    def test_an_empty_key_is_refused(self, files_env: FileStoreEnvironment) -> None:
        """An empty key is refused before any call."""
        self._test_unsafe_keys_are_refused(files_env, "")

    def test_an_absolute_key_is_refused(self, files_env: FileStoreEnvironment) -> None:
        """An absolute key is refused before any call."""
        self._test_unsafe_keys_are_refused(files_env, "/etc/passwd")

    def test_a_climbing_key_is_refused(self, files_env: FileStoreEnvironment) -> None:
        """A key with .. is refused before any call."""
        self._test_unsafe_keys_are_refused(files_env, "a/../b")

    def test_ping_succeeds_when_the_bucket_is_there(
        self, files_env: FileStoreEnvironment
    ) -> None:
        """A reachable bucket answers the health check."""
        files_env.store.ping()
