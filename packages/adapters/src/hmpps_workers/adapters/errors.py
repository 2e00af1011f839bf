"""Adapter failures, mapped onto the core's retryable/permanent split."""

from __future__ import annotations

from hmpps_workers.core.errors import PermanentError, RetryableError


class DatabaseUnavailableError(RetryableError):
    """The database could not be reached or dropped the connection."""


class DatabaseError(PermanentError):
    """The database refused a statement."""
