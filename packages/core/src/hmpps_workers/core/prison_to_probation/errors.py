"""Failures of the prison-to-probation pipeline; messages carry ids only."""

from __future__ import annotations

from hmpps_workers.core.errors import PermanentError, RetryableError


class MalformedEventError(PermanentError):
    """The SQS message is not a usable SNS envelope of an offender event."""


class MissingPrisonerError(PermanentError):
    """prison-api returned no prisoner for the booking's offender number."""


class LockNotHeldError(PermanentError):
    """The lock was not held by this owner."""


class NotFoundError(PermanentError):
    """The API has no such record."""


class DuplicateMessageError(PermanentError):
    """A stored message with this id already exists."""


class UnknownMessageError(PermanentError):
    """No stored message has this id."""


class StaleMessageError(RetryableError):
    """The stored message changed since it was read: another writer saved it first."""


class LeaseEndedError(RetryableError):
    """The job's lease ended before this write: the item is left for the next run."""
