"""Storing claim documents and payment files (S3 in production)."""

from hmpps_workers.core.prison_visits.documents.ports import (
    DocumentNotFoundError,
    FileStore,
)

__all__ = ["DocumentNotFoundError", "FileStore"]
